import { expect, it } from 'vitest';
import { check, handbookWith, sorted, sortedDiagnostics } from './helpers.ts';

const practice = 'content/practices/change-enablement.md';
const runbook = 'content/runbooks/payments/refund-stuck.md';
const role = 'content/roles/service-owner.md';

// Faults of every kind spread over many files: one run must report each of them.
const expected: [string, string, number][] = [
	['orphans', 'content/guides/bad-yaml.md', 1],
	['schema', 'content/guides/bad-yaml.md', 4], // unclosed quote
	['orphans', 'content/guides/faq.md', 1],
	['schema', 'content/guides/faq.md', 3], // ownr
	['links', 'content/guides/faq.md', 8], // #who-owns-it
	['schema', 'content/handbook.yaml', 4], // rules.linkz
	['schema', practice, 1], // summary missing
	['ownership', practice, 1], // no process owner
	['schema', practice, 3], // category: change
	['schema', practice, 4], // sumary
	['ownership', practice, 5], // owner: release-team
	['references', practice, 8], // processManager.team: shop
	['references', practice, 9], // related: problems
	['schema', practice, 10], // valueChain: deliver
	['freshness', practice, 11], // reviewed in 2023
	['structure', practice, 13], // no ## Key activities
	['links', practice, 16], // #purpose-x
	['links', practice, 17], // /runbooks/web-shop/restart/
	['references', practice, 21], // RACI column "Change manager"
	['structure', practice, 23], // no A
	['structure', practice, 24], // Y
	['structure', 'content/readiness/hypercare.md', 6], // Exit criteria missing
	['structure', 'content/readiness/hypercare.md', 7], // Daily checks missing
	['freshness', 'content/readiness/hypercare.md', 8], // due
	['schema', role, 1], // responsibilities missing
	['schema', role, 3], // group: service
	['references', role, 6], // practices: changes
	['schema', role, 8], // reviewInterval: -5
	['ownership', runbook, 1], // no owner
	['references', runbook, 4], // service is not the folder
	['references', runbook, 5], // practice: incident
	['schema', runbook, 7], // escalation: []
	['structure', runbook, 10], // no ## Rollback
	['links', runbook, 13], // ./graph.png
	['links', runbook, 13], // #responsibilities
	['ownership', 'content/teams.yaml', 11], // Finance Team has no contact
	['schema', 'content/teams.yaml', 11], // id not in id form
	['references', 'content/teams.yaml', 14], // shop-team twice
];

it('reports every fault of a handbook with dozens of them in one run', async () => {
	const result = await check(handbookWith('mixed'));
	expect(sortedDiagnostics(result)).toEqual(sorted(expected));
	expect(result.errorCount).toBe(35);
	expect(result.warningCount).toBe(3);
});
