import { describe, expect, it } from 'vitest';
import { appendFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatReport, messageIdOf, reportFormats } from '../../src/checks/index.ts';
import { check, diagnosticsOf, fixtures, handbookWith, sorted, sortedDiagnostics } from './helpers.ts';

/** Each diagnostic as `rule/messageId`, file and line. */
type Expected = [message: string, file: string, line: number][];

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
			['schema/unknownKey', 'content/guides/getting-started.md', 3], // ownr: (Starlight's loose object), did you mean owner
			['schema/unknownKey', 'content/guides/getting-started.md', 5], // hero.tagine, nested
			['schema/invalid', 'content/guides/getting-started.md', 7], // sidebar.order is not a number
			['schema/unknownKey', policy, 3], // rules.orphan, did you mean orphans
			['schema/invalid', policy, 5], // errorFactor below 1
			['ownership/noOwner', practice, 1], // owner missing (it is spelled ownr), reported once
			['schema/notAllowed', practice, 3], // category: servce
			['schema/unknownKey', practice, 5], // ownr
			['schema/unknownKey', practice, 9], // processOwner.role
			['schema/invalid', practice, 13], // related id not in id form (not also a reference error)
			['schema/invalidDate', practice, 14], // lastReviewed: 2026-13-45
			['schema/invalidYaml', runbook, 7], // invalid YAML
			['ownership/noContact', teams, 6], // shop-team has no contacts (spelled contact)
			['schema/unknownKey', teams, 8], // contact, did you mean contacts
			['schema/invalid', teams, 10], // github handle
		],
	],
	[
		'references',
		[
			['orphans/orphan', 'content/guides/Getting Started.md', 1], // served at /Getting-Started/, linked from nowhere
			['references/caseCollision', 'content/guides/getting-started.md', 1], // its route differs from /Getting-Started/ only in case
			['references/generatedRoute', 'content/guides/raci.md', 1], // served at /raci/, the RACI matrix route
			['orphans/orphan', 'content/guides/raci.md', 1],
			['references/missing', problem, 11], // processManager.team: finance-team
			['references/missing', problem, 12], // related: problem-mgmt
			['references/raciColumn', problem, 26], // RACI column "Process ownr"
			['references/raciColumn', problem, 26], // RACI column "Service desk"
			['references/generatedRoute', 'content/runbooks/checkout/index.md', 1], // at the generated /runbooks/checkout/
			['references/folderNotService', 'content/runbooks/checkout/index.md', 4], // the folder checkout is no service
			['references/serviceNotFolder', 'content/runbooks/web-shop/clear-cache.md', 4], // service is not the folder
			['references/missing', 'content/runbooks/web-shop/clear-cache.md', 7], // practice: incident-managment
			['references/missing', 'content/runbooks/web-shop/clear-cache.md', 11], // escalation team: opps-team
			['references/duplicateTeam', teams, 11], // duplicate team id
			['alerts/claimedTwice', runbook, 6], // ShopWebDown, claimed by clear-cache.md first
		],
	],
	[
		'links',
		[
			['links/missingRoute', 'content/guides/index.md', 10], // hero action /practises/
			['links/missingPage', 'content/guides/links.md', 15], // missing page (relative)
			['links/missingAnchor', 'content/guides/links.md', 16], // missing anchor (relative)
			['links/missingRoute', 'content/guides/links.md', 17], // missing route
			['links/missingAnchor', 'content/guides/links.md', 18], // missing anchor (route)
			['links/missingPublicFile', 'content/guides/links.md', 19], // missing file in public/
			['links/missingAnchor', 'content/guides/links.md', 20], // missing same-page anchor
			['links/missingFile', 'content/guides/links.md', 21], // missing relative file
			['links/missingRoute', 'content/guides/links.md', 23], // raw HTML href
			['links/missingPage', 'content/guides/links.md', 24], // a .md file that is not a page
			['links/missingAnchor', 'content/guides/links.md', 32], // reference definition with a missing anchor
			['links/missingRoute', 'content/guides/links.md', 34], // unused definition to a missing route
		],
	],
	[
		'ownership',
		[
			['ownership/unknownDefaultOwner', policy, 2], // defaultOwner is not a team
			['ownership/noOwner', problem, 1], // no owner
			['ownership/noProcessRole', problem, 1], // no process owner
			['ownership/noProcessRole', problem, 1], // no process manager
			['ownership/unknownOwner', runbook, 5], // owner: shop-teem
			['ownership/noContact', teams, 8], // contacts: {}
			['ownership/noContact', teams, 10], // no contacts at all
		],
	],
	['ownership-no-default', [['ownership/noOwnerNoDefault', 'content/guides/getting-started.md', 1]]],
	[
		'freshness',
		[
			['freshness/due', 'content/guides/index.md', 5],
			['freshness/overdue', problem, 13],
			['freshness/due', 'content/roles/process-manager.md', 9],
			['freshness/due', runbook, 11],
		],
	],
	[
		'freshness-policy',
		[
			['freshness/due', 'content/guides/index.md', 5],
			['freshness/due', runbook, 11],
		],
	],
	[
		'structure',
		[
			['orphans/orphan', 'content/guides/schedule.md', 1],
			['structure/manyAccountable', 'content/guides/schedule.md', 14], // two A under a role-column table; the schedule table is not RACI
			['structure/missingSection', practice, 14], // missing ## Purpose
			['structure/manyAccountable', practice, 23], // two A
			['structure/noAccountable', practice, 24], // no A
			['structure/raciCell', practice, 25], // X
			['structure/raciCell', practice, 25], // lower-case c
			['structure/noAccountable', practice, 26], // no A
			['structure/raciCell', practice, 26], // A twice in a cell
			['structure/raciWithoutTable', problem, 23], // RACI section without a table
			['structure/listedHeadingsOrder', 'content/readiness/release-gold.md', 7], // headings out of order (warning)
			['structure/listedHeadingMissing', 'content/readiness/release-gold.md', 7], // Risks missing
			['structure/listedHeadingMissing', 'content/readiness/release-gold.md', 8], // Communications missing
			['structure/missingSection', runbook, 13], // neither Symptoms nor Diagnosis
			['structure/missingSection', runbook, 13], // Mitigation only as H3
		],
	],
	[
		'required-sections',
		[
			['structure/missingSection', runbook, 13], // Verification or Checks
		],
	],
	[
		'unreadable',
		[
			['schema/notMapping', 'content/guides/listy.md', 1], // a YAML list, not a mapping
			['orphans/orphan', 'content/guides/listy.md', 1],
			['schema/toml', problem, 1], // TOML frontmatter
			['structure/missingSection', problem, 4], // (the body is still checked)
			['structure/missingSection', problem, 4],
			['schema/invalidYaml', teams, 4], // invalid YAML: owners are then not checked against it
		],
	],
	[
		'alerts',
		[
			['alerts/noFiles', policy, 5], // missing/**/*.yml matches nothing (warning)
			['references/folderNotService', 'content/runbooks/checkout/checkout-failing.md', 4], // the folder checkout is no service
			['alerts/claimedTwice', runbook, 6], // ShopWebDown, claimed by clear-cache.md first
			['alerts/unknownAlert', runbook, 6], // ShopWebDwn is in no rule file (warning, did you mean ShopWebDown)
			['alerts/invalidRuleFile', 'monitoring/broken.yaml', 4], // invalid YAML, at its position
			['alerts/noRunbook', 'monitoring/shop.rules.yaml', 7], // ShopCheckoutErrors: critical, no runbook
			['alerts/noRunbook', 'monitoring/shop.rules.yaml', 20], // ShopDiskFull: its runbook_url leads nowhere
			['alerts/deadRunbookUrl', 'monitoring/shop.rules.yaml', 24], // /runbooks/web-shop/no-such-runbook/
			['alerts/noRunbook', 'monitoring/shop.rules.yaml', 25], // ShopQueueBacklog: its stable address has no runbook
			['alerts/deadRunbookUrl', 'monitoring/shop.rules.yaml', 29], // /alerts/ShopQueueBacklog/ redirects nowhere
			['alerts/noRunbook', 'monitoring/shop.rules.yaml', 30], // ShopSearchDown: a wiki page is no runbook here
		],
	],
	[
		'releases',
		[
			['releases/hypercareNotClosed', 'content/readiness/web-shop/in-hypercare.md', 10], // ended 2026-11-10, no ## Outcome
			['releases/releaseDatePassed', 'content/readiness/web-shop/late.md', 9], // 2026-11-01 passed, still planned
			['schema/invalid', 'content/readiness/web-shop/no-date.md', 1], // a record needs releaseDate
			['references/missing', 'content/readiness/web-shop/wrong-service.md', 7], // service: web-shp
			['schema/invalid', 'content/readiness/web-shop/wrong-service.md', 10], // hypercare ends before the release
		],
	],
	['orphans', [['orphans/orphan', 'content/guides/lonely.md', 1]]],
	[
		'secrets',
		[
			['secrets/secret', 'content/guides/leaky.md', 6], // a GitHub token
			['secrets/secret', 'content/guides/leaky.md', 7], // a connection string with a password
			['secrets/secret', 'content/guides/notes.csv', 2], // an AWS key id in a file next to the pages
		],
	],
	[
		'links-more',
		[
			['orphans/orphan', 'content/guides/more.md', 1],
			['links/draft', 'content/guides/more.md', 3],
			['links/trailingSlash', 'content/guides/more.md', 4],
			['links/outside', 'content/guides/more.md', 5],
		],
	],
	[
		'mdx',
		[
			['orphans/orphan', 'content/guides/tabs.mdx', 1],
			['mdx/mdx', 'content/guides/tabs.mdx', 1], // MDX runs code at build time
			['references/undefinedComponent', 'content/guides/tabs.mdx', 7], // <Tabs> is not imported (Tab is)
		],
	],
	[
		// Links by the address another generator gave a page (`x.html`), relative and site-absolute.
		'html-links',
		[
			['links/htmlPage', 'content/guides/html.md', 3], // did you mean manual/on-call.html.md#handing-over
			['links/htmlRoute', 'content/guides/html.md', 4], // did you mean /manual/on-call/
			['links/htmlRoute', 'content/guides/html.md', 5], // no page like it: no suggestion
		],
	],
	[
		// handbook.yaml's exclude, ignoreLinks, redirects and extraKeys (test/fixtures/checks/policy)
		'policy',
		[
			['orphans/orphan', 'content/guides/policy.md', 1], // layout: and weight: are allowed in guides
			['links/missingAnchor', 'content/guides/policy.md', 11], // a redirect is followed to the page, which has no #nope
			['links/excluded', 'content/guides/policy.md', 12], // partials/** is excluded (its own broken link is not checked)
			['links/excluded', 'content/guides/policy.md', 12], // so is the folder old-notes
			['links/redirectTarget', policy, 7], // /gone/ leads to no page
			['links/redirectShadowed', policy, 8], // /getting-started/ is a page
			['schema/unknownKey', 'content/runbooks/web-shop/restart-web.md', 6], // weight: a warning in runbooks
		],
	],
	[
		'policy-severity',
		[
			['orphans/orphan', 'content/guides/lonely.md', 1],
			['links/missingPage', 'content/guides/lonely.md', 6],
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
		expect(sortedDiagnostics(result)).toEqual([['ownership/noTeamsFile', 'content/teams.yaml', 1]]);
	});
});

describe('the policy for real handbooks', () => {
	it('gives extra keys the severity extraKeys sets, with the way to allow them in the fix hint', async () => {
		const result = await check(handbookWith('policy'));
		const file = result.files.find((vfile) => vfile.path === 'content/runbooks/web-shop/restart-web.md')!;
		expect(file.messages.map((message) => [messageIdOf(message), message.line, message.column, message.fatal, message.note])).toEqual([
			['unknownKey', 6, 1, false, 'remove it; the keys allowed here are title, summary, service, owner, alerts, symptoms, practice, escalation, lastReviewed, reviewInterval, or allow foreign keys with `extraKeys: { runbooks: allow }` in handbook.yaml'],
		]);
		const positions = result.files
			.find((vfile) => vfile.path === policy)!
			.messages.map((message) => [messageIdOf(message), message.line, message.column]);
		expect(positions).toEqual([
			['redirectTarget', 7, 3],
			['redirectShadowed', 8, 3],
		]);
	});

	it('point a link by another generator\'s address at the Markdown file, with suggestions from the handbook\'s own pages', async () => {
		const result = await check(handbookWith('html-links'));
		const file = result.files.find((vfile) => vfile.path === 'content/guides/html.md')!;
		expect(file.messages.map((message) => [messageIdOf(message), message.line, message.column, message.note])).toEqual([
			['htmlPage', 3, 3, 'did you mean `manual/on-call.html.md#handing-over`?'],
			['htmlRoute', 4, 3, 'did you mean `/manual/on-call/`?'],
			['htmlRoute', 5, 3, 'link to an existing page, by its Markdown file relative to this one or by its route'],
		]);
	});

	it('leaves extra keys errors where the policy says nothing', async () => {
		const root = handbookWith('policy');
		writeFileSync(join(root, 'content/handbook.yaml'), 'defaultOwner: ops-team\n');
		const result = await check(root);
		expect(sortedDiagnostics(result).filter(([kind]) => kind === 'schema/unknownKey')).toEqual([
			['schema/unknownKey', 'content/guides/policy.md', 3],
			['schema/unknownKey', 'content/guides/policy.md', 4],
			['schema/unknownKey', 'content/runbooks/web-shop/restart-web.md', 6],
		]);
		expect(result.errorCount).toBeGreaterThanOrEqual(3);
	});

	it('reports a policy setting written wrong at its key', async () => {
		const root = handbookWith();
		writeFileSync(join(root, 'content/handbook.yaml'), 'defaultOwner: ops-team\nexclude: [/etc/passwd]\nextraKeys: { guides: sometimes }\nredirects: { old: /new/ }\n');
		expect(sortedDiagnostics(await check(root))).toEqual([
			['schema/invalid', policy, 2],
			['schema/invalid', policy, 3],
			['schema/invalid', policy, 4],
		]);
	});
});

describe('links to the pages the site generates', () => {
	it('report an anchor that the generated home page or a grouped collection index does not have, and none that it has', async () => {
		const root = handbookWith();
		rmSync(join(root, 'content/guides/index.md'));
		const links = [
			'[home, sections](/#sections)',
			'[home, guides](/#guides)',
			'[home, missing](/#nope)',
			'[runbooks, a service](/runbooks/#web-shop)',
			'[runbooks, missing](/runbooks/#nope-group)',
			'[practices, a category](/practices/#service)',
			'[services, missing tier](/services/#gold)',
			'[services, a tier](/services/#silver)',
		];
		appendFileSync(join(root, 'content/guides/getting-started.md'), `\n${links.join('\n')}\n`);
		const result = await check(root);
		const file = result.files.find((vfile) => vfile.path === 'content/guides/getting-started.md')!;
		expect(file.messages.filter((message) => message.ruleId === 'links').map((message) => [messageIdOf(message), message.actual])).toEqual([
			['missingAnchor', '/#nope'],
			['missingAnchor', '/runbooks/#nope-group'],
			['missingAnchor', '/services/#gold'],
		]);
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
		expect(typo?.note).toBe('did you mean `owner`?');
		expect(typo?.expected).toEqual(['owner']);
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

	it('name the owner team of an alert without a runbook, and suggest the alert a runbook meant', async () => {
		const messages = await messagesOf('alerts');
		const uncovered = messages.find((message) => message.reason.includes('ShopCheckoutErrors'));
		expect(uncovered?.reason).toBe('alert "ShopCheckoutErrors" (severity critical or page) has no runbook; Shop Team owns it (service web-shop)');
		expect(uncovered?.column).toBe(16);
		const unknown = messages.find((message) => message.reason.includes('ShopWebDwn'));
		expect([unknown?.fatal, unknown?.note, unknown?.column]).toEqual([false, 'did you mean `ShopWebDown`?', 23]);
		const folder = messages.find((message) => message.reason.includes('"checkout"'));
		expect(folder?.expected).toBeUndefined();
		expect(folder?.note).toContain('content/services/checkout.md');
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

	it('let the policy allow a known example credential, written out alone or as matched', async () => {
		const root = handbookWith('secrets');
		writeFileSync(join(root, 'content/guides/account.md'), '# Account\n\nThe sandbox:\n\n```ini\naws_account_id = "210987654321"\n```\n');
		const found = async () => diagnosticsOf(await check(root)).filter(([rule]) => rule === 'secrets/secret').map(([rule, file, line]) => `${rule} ${file}:${line}`);
		const before = await found();
		expect(before).toContain('secrets/secret content/guides/account.md:6');
		writeFileSync(join(root, 'content/handbook.yaml'), 'defaultOwner: ops-team\nrules:\n  secrets: { allow: ["210987654321", "postgres://admin:hunter2@db.example.com/shop"] }\n');
		expect(await found()).toEqual(before.filter((at) => at !== 'secrets/secret content/guides/account.md:6' && at !== 'secrets/secret content/guides/leaky.md:7'));
	});

	it('never repeat a credential they find, in any report format', async () => {
		const result = await check(handbookWith('secrets'));
		for (const format of reportFormats) {
			const report = formatReport(result, format);
			expect(report, format).toContain('GITHUB_TOKEN');
			for (const secret of ['ghp_1234567890', 'hunter2', 'AKIAZ7QWERTY']) expect(report, format).not.toContain(secret);
		}
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
