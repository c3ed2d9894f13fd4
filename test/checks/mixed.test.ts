import { expect, it } from 'vitest';
import { check, handbookWith, sorted, sortedDiagnostics } from './helpers.ts';

const practice = 'content/practices/change-enablement.md';
const runbook = 'content/runbooks/payments/refund-stuck.md';
const role = 'content/roles/service-owner.md';

// Faults of every kind spread over many files: one run must report each of them.
const expected: [string, string, number][] = [
	['orphans/orphan', 'content/guides/bad-yaml.md', 1],
	['schema/invalidYaml', 'content/guides/bad-yaml.md', 4], // unclosed quote
	['orphans/orphan', 'content/guides/faq.md', 1],
	['schema/unknownKey', 'content/guides/faq.md', 3], // ownr
	['links/missingAnchor', 'content/guides/faq.md', 8], // #who-owns-it
	['schema/unknownKey', 'content/handbook.yaml', 4], // rules.linkz
	['schema/missing', practice, 1], // summary missing
	['ownership/noProcessRole', practice, 1], // no process owner
	['schema/notAllowed', practice, 3], // category: change
	['schema/unknownKey', practice, 4], // sumary
	['ownership/unknownOwner', practice, 5], // owner: release-team
	['references/missing', practice, 8], // processManager.team: shop
	['references/missing', practice, 9], // related: problems
	['schema/notAllowed', practice, 10], // valueChain: deliver
	['freshness/overdue', practice, 11], // reviewed in 2023
	['structure/missingSection', practice, 13], // no ## Key activities
	['links/missingAnchor', practice, 16], // #purpose-x
	['links/missingRoute', practice, 17], // /runbooks/web-shop/restart/
	['references/raciColumn', practice, 21], // RACI column "Change manager"
	['structure/noAccountable', practice, 23], // no A
	['structure/raciCell', practice, 24], // Y
	['structure/listedHeadingMissing', 'content/readiness/hypercare.md', 6], // Exit criteria missing
	['structure/listedHeadingMissing', 'content/readiness/hypercare.md', 7], // Daily checks missing
	['freshness/due', 'content/readiness/hypercare.md', 8], // due
	['schema/missing', role, 1], // responsibilities missing
	['schema/notAllowed', role, 3], // group: service
	['references/missing', role, 6], // practices: changes
	['schema/invalid', role, 8], // reviewInterval: -5
	['ownership/noOwner', runbook, 1], // no owner
	['references/serviceNotFolder', runbook, 4], // service is not the folder
	['references/missing', runbook, 5], // practice: incident
	['schema/invalid', runbook, 7], // escalation: []
	['structure/missingSection', runbook, 10], // no ## Rollback
	['links/missingFile', runbook, 13], // ./graph.png
	['links/missingAnchor', runbook, 13], // #responsibilities
	['ownership/noContact', 'content/teams.yaml', 11], // Finance Team has no contact
	['schema/invalid', 'content/teams.yaml', 11], // id not in id form
	['references/duplicateTeam', 'content/teams.yaml', 14], // shop-team twice
];

it('reports every fault of a handbook with dozens of them in one run', async () => {
	const result = await check(handbookWith('mixed'));
	expect(sortedDiagnostics(result)).toEqual(sorted(expected));
	expect(result.errorCount).toBe(35);
	expect(result.warningCount).toBe(3);
});
