import { describe, expect, it } from 'vitest';
import { check, fixtures, handbookWith, sorted, sortedDiagnostics } from './helpers.ts';

type Expected = [ruleId: string, file: string, line: number][];

const practice = 'content/practices/incident-management.md';
const problem = 'content/practices/problem-management.md';
const runbook = 'content/runbooks/web-shop/restart-web.md';
const teams = 'content/teams.yaml';
const policy = 'content/handbook.yaml';

// Each fixture is the valid base handbook with the files of test/fixtures/checks/<name> on top;
// the table lists every diagnostic the run must produce, and nothing else.
const cases: [name: string, expected: Expected][] = [
	['base', []],
	[
		'schema',
		[
			['schema', 'content/guides/getting-started.md', 3], // ownr: (Starlight's loose object), did you mean owner
			['schema', 'content/guides/getting-started.md', 5], // hero.tagine, nested
			['schema', 'content/guides/getting-started.md', 7], // sidebar.order is not a number
			['schema', policy, 3], // rules.orphan, did you mean orphans
			['schema', policy, 5], // errorFactor below 1
			['ownership', practice, 1], // owner missing (it is spelled ownr), reported once
			['schema', practice, 3], // category: servce
			['schema', practice, 5], // ownr
			['schema', practice, 9], // processOwner.role
			['schema', practice, 13], // related id not in id form (not also a reference error)
			['schema', practice, 14], // lastReviewed: 2026-13-45
			['schema', runbook, 7], // invalid YAML
			['ownership', teams, 6], // shop-team has no contacts (spelled contact)
			['schema', teams, 8], // contact, did you mean contacts
			['schema', teams, 10], // github handle
		],
	],
	[
		'references',
		[
			['references', 'content/guides/getting-started.md', 1], // same id as "Getting Started.md"
			['references', 'content/guides/raci.md', 1], // served at /raci/, the RACI matrix route
			['orphans', 'content/guides/raci.md', 1],
			['references', problem, 11], // processManager.team: finance-team
			['references', problem, 12], // related: problem-mgmt
			['references', problem, 26], // RACI column "Process ownr"
			['references', problem, 26], // RACI column "Service desk"
			['references', 'content/runbooks/checkout/index.md', 1], // at the generated /runbooks/checkout/
			['references', 'content/runbooks/web-shop/clear-cache.md', 4], // service is not the folder
			['references', 'content/runbooks/web-shop/clear-cache.md', 7], // practice: incident-managment
			['references', 'content/runbooks/web-shop/clear-cache.md', 11], // escalation team: opps-team
			['references', teams, 11], // duplicate team id
		],
	],
	[
		'links',
		[
			['links', 'content/guides/index.md', 10], // hero action /practises/
			['links', 'content/guides/links.md', 15], // missing page (relative)
			['links', 'content/guides/links.md', 16], // missing anchor (relative)
			['links', 'content/guides/links.md', 17], // missing route
			['links', 'content/guides/links.md', 18], // missing anchor (route)
			['links', 'content/guides/links.md', 19], // missing file in public/
			['links', 'content/guides/links.md', 20], // missing same-page anchor
			['links', 'content/guides/links.md', 21], // missing relative file
			['links', 'content/guides/links.md', 23], // raw HTML href
			['links', 'content/guides/links.md', 24], // a .md file that is not a page
			['links', 'content/guides/links.md', 32], // reference definition with a missing anchor
			['links', 'content/guides/links.md', 34], // unused definition to a missing route
		],
	],
	[
		'ownership',
		[
			['ownership', policy, 2], // defaultOwner is not a team
			['ownership', problem, 1], // no owner
			['ownership', problem, 1], // no process owner
			['ownership', problem, 1], // no process manager
			['ownership', runbook, 5], // owner: shop-teem
			['ownership', teams, 8], // contacts: {}
			['ownership', teams, 10], // no contacts at all
		],
	],
	['ownership-no-default', [['ownership', 'content/guides/getting-started.md', 1]]],
	[
		'freshness',
		[
			['freshness', 'content/guides/index.md', 5],
			['freshness', problem, 13],
			['freshness', 'content/roles/process-manager.md', 9],
			['freshness', runbook, 11],
		],
	],
	[
		'freshness-policy',
		[
			['freshness', 'content/guides/index.md', 5],
			['freshness', runbook, 11],
		],
	],
	[
		'structure',
		[
			['orphans', 'content/guides/schedule.md', 1],
			['structure', 'content/guides/schedule.md', 14], // two A under a role-column table; the schedule table is not RACI
			['structure', practice, 14], // missing ## Purpose
			['structure', practice, 23], // two A
			['structure', practice, 24], // no A
			['structure', practice, 25], // X
			['structure', practice, 25], // lower-case c
			['structure', practice, 26], // no A
			['structure', practice, 26], // A twice in a cell
			['structure', problem, 23], // RACI section without a table
			['structure', 'content/readiness/release-gold.md', 7], // headings out of order (warning)
			['structure', 'content/readiness/release-gold.md', 7], // Risks missing
			['structure', 'content/readiness/release-gold.md', 8], // Communications missing
			['structure', runbook, 13], // neither Symptoms nor Diagnosis
			['structure', runbook, 13], // Mitigation only as H3
		],
	],
	[
		'required-sections',
		[
			['structure', runbook, 13], // Verification or Checks
		],
	],
	[
		'unreadable',
		[
			['schema', 'content/guides/listy.md', 1], // a YAML list, not a mapping
			['orphans', 'content/guides/listy.md', 1],
			['schema', problem, 1], // TOML frontmatter
			['structure', problem, 4], // (the body is still checked)
			['structure', problem, 4],
			['schema', teams, 4], // invalid YAML: owners are then not checked against it
		],
	],
	['orphans', [['orphans', 'content/guides/lonely.md', 1]]],
	[
		'policy-severity',
		[
			['orphans', 'content/guides/lonely.md', 1],
			['links', 'content/guides/lonely.md', 6],
		],
	],
];

describe('rules, one fixture each', () => {
	it.each(cases)('%s', async (name, expected) => {
		const result = await check(handbookWith(name === 'base' ? undefined : name));
		expect(sortedDiagnostics(result)).toEqual(sorted(expected));
	});

	it('reports a missing teams.yaml once', async () => {
		const result = await check(`${fixtures}no-teams`);
		expect(sortedDiagnostics(result)).toEqual([['ownership', 'content/teams.yaml', 1]]);
	});
});

describe('messages', () => {
	async function messagesOf(name: string) {
		const result = await check(handbookWith(name));
		return result.files.flatMap((file) => file.messages);
	}

	it('suggests the key a typo meant', async () => {
		const messages = await messagesOf('schema');
		const typo = messages.find((message) => message.reason.includes('`ownr`') && message.file === practice);
		expect(typo?.reason).toContain('did you mean `owner`?');
		expect(typo?.note).toBe('rename it to `owner`');
		expect(typo?.column).toBe(1);
		expect(messages.find((message) => message.reason.includes('tagine'))?.expected).toEqual(['tagline']);
	});

	it('suggests ids, routes and anchors', async () => {
		const references = await messagesOf('references');
		expect(references.find((message) => message.reason.includes('incident-managment'))?.expected).toEqual(['incident-management']);
		const links = await messagesOf('links');
		const expectedOf = (fragment: string) => links.find((message) => message.actual === fragment)?.expected;
		expect(expectedOf('../practices/incident-managment.md')).toEqual(['../practices/incident-management.md']);
		expect(expectedOf('../practices/incident-management.md#rasci')).toEqual(['../practices/incident-management.md#raci']);
		expect(expectedOf('/practices/problem-managment/')).toEqual(['/practices/problem-management/']);
		expect(expectedOf('#good-link')).toEqual(['#good-links']);
	});

	it('applies the severities of the policy and the freshness thresholds', async () => {
		const freshness = await messagesOf('freshness');
		expect(freshness.map((message) => [message.file, message.fatal])).toEqual(
			expect.arrayContaining([
				[problem, true],
				[runbook, false],
			]),
		);
		const severity = await messagesOf('policy-severity');
		expect(severity.map((message) => [message.ruleId, message.fatal])).toEqual([
			['orphans', true],
			['links', false],
		]);
	});

	it('are vfile messages in remark-lint form', async () => {
		const [message] = await messagesOf('orphans');
		expect(message).toMatchObject({
			ruleId: 'orphans',
			source: 'handbook',
			line: 1,
			column: 1,
			fatal: false,
			file: 'content/guides/lonely.md',
		});
		expect(message?.place).toEqual({ line: 1, column: 1 });
	});
});
