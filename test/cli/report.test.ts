import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildHealthReport, formatHealthReport, rules } from '../../src/checks/index.ts';
import { check, fixtures, handbookWith, today } from '../checks/helpers.ts';
import { runCommand } from '../helpers/cli.ts';


/** Runs `handbook report ...`. */
function handbookReport(args: string[]) {
	return runCommand(['report', ...args], process.cwd());
}

function edit(root: string, file: string, from: string, to: string) {
	const path = join(root, file);
	const text = readFileSync(path, 'utf8');
	expect(text).toContain(from);
	writeFileSync(path, text.replace(from, to));
}

/**
 * The valid base handbook with known debt: two stale pages, two long overdue (one of them a guide
 * whose owner is not a team, and which nothing links to) and two broken links.
 */
function handbookWithDebt(): string {
	const root = handbookWith();
	edit(root, 'content/runbooks/web-shop/restart-web.md', 'lastReviewed: 2026-11-05', 'lastReviewed: 2026-08-01');
	edit(root, 'content/practices/problem-management.md', 'lastReviewed: 2026-10-20', 'lastReviewed: 2024-10-01');
	edit(root, 'content/roles/process-owner.md', 'lastReviewed: 2026-10-01', 'lastReviewed: 2026-10-01\nreviewInterval: 30');
	edit(root, 'content/guides/getting-started.md', '#raci).', '#raci).\nAlso [its purpose](../practices/problem-management.md#purpos).');
	writeFileSync(
		join(root, 'content/guides/lonely.md'),
		'---\ntitle: A lonely guide\nowner: ghost-team\nlastReviewed: 2024-01-01\n---\n\nSee [incident management](../practices/incident-managment.md).\n',
	);
	return root;
}

const page = (file: string, route: string, title: string, collection: string) => ({ file, route, title, collection });
const lonely = page('content/guides/lonely.md', '/lonely/', 'A lonely guide', 'guides');

describe('buildHealthReport', () => {
	it('lists exactly the pages past review, the orphans and the broken links', async () => {
		const report = buildHealthReport(await check(handbookWithDebt()));
		expect(report.today).toBe(today);
		expect(report.totals).toEqual({ pages: 11, teams: 2, errors: 5, warnings: 3 });
		expect(report.collections).toEqual([
			{ collection: 'guides', pages: 3, owned: 2 },
			{ collection: 'practices', pages: 2, owned: 2 },
			{ collection: 'roles', pages: 3, owned: 3 },
			{ collection: 'services', pages: 1, owned: 1 },
			{ collection: 'runbooks', pages: 1, owned: 1 },
			{ collection: 'readiness', pages: 1, owned: 1 },
		]);
		expect(report.teams).toEqual([
			{ team: 'ops-team', name: 'Operations', pages: 7, reviewsDue: 2 },
			{ team: 'shop-team', name: 'Shop Team', pages: 3, reviewsDue: 1 },
		]);
		expect(report.ownership).toEqual({ pages: 11, owned: 10, percent: 90.9, unowned: [{ ...lonely, owner: 'ghost-team' }] });
		expect(report.reviews).toEqual({
			stale: 2,
			overdue: 2,
			byTeam: [
				{
					team: 'ghost-team',
					name: null,
					pages: [{ ...lonely, lastReviewed: '2024-01-01', due: '2024-12-31', daysLate: 691, interval: 365, state: 'overdue' }],
				},
				{
					team: 'ops-team',
					name: 'Operations',
					pages: [
						{
							...page('content/practices/problem-management.md', '/practices/problem-management/', 'Problem management', 'practices'),
							...{ lastReviewed: '2024-10-01', due: '2025-10-01', daysLate: 417, interval: 365, state: 'overdue' },
						},
						{
							...page('content/roles/process-owner.md', '/roles/process-owner/', 'Process owner', 'roles'),
							...{ lastReviewed: '2026-10-01', due: '2026-10-31', daysLate: 22, interval: 30, state: 'stale' },
						},
					],
				},
				{
					team: 'shop-team',
					name: 'Shop Team',
					pages: [
						{
							...page('content/runbooks/web-shop/restart-web.md', '/runbooks/web-shop/restart-web/', 'Restart the web shop', 'runbooks'),
							...{ lastReviewed: '2026-08-01', due: '2026-10-30', daysLate: 23, interval: 90, state: 'stale' },
						},
					],
				},
			],
		});
		expect(report.orphans).toEqual([lonely]);
		expect(report.brokenLinks).toEqual([
			{
				file: 'content/guides/getting-started.md',
				line: 5,
				column: 6,
				message: '`#purpos` is not an anchor on /practices/problem-management/: no heading there has that id',
				fix: 'did you mean `../practices/problem-management.md#purpose`?',
			},
			{
				file: 'content/guides/lonely.md',
				line: 7,
				column: 5,
				message:
					'`../practices/incident-managment.md` leads to content/practices/incident-managment.md, which is not a page of the handbook',
				fix: 'did you mean `../practices/incident-management.md`?',
			},
		]);
		expect(report.rules.map((row) => row.rule)).toEqual(rules.map((rule) => rule.meta.id));
		expect(report.rules.filter((row) => row.errors + row.warnings > 0)).toEqual([
			{ rule: 'links', errors: 2, warnings: 0 },
			{ rule: 'ownership', errors: 1, warnings: 0 },
			{ rule: 'freshness', errors: 2, warnings: 2 },
			{ rule: 'orphans', errors: 0, warnings: 1 },
		]);
	});

	it('reports no review debt when the policy turns the freshness rule off', async () => {
		const root = handbookWithDebt();
		writeFileSync(join(root, 'content/handbook.yaml'), 'defaultOwner: ops-team\nrules:\n  freshness: off\n');
		const { reviews, teams } = buildHealthReport(await check(root));
		expect(reviews).toEqual({ stale: 0, overdue: 0, byTeam: [] });
		expect(teams.map((team) => team.reviewsDue)).toEqual([0, 0]);
	});

	it('lists services without objectives, runbooks or on-call, the alert coverage by team and the releases in hypercare', async () => {
		const root = handbookWith('alerts');
		writeFileSync(
			join(root, 'content/services/payments.md'),
			'---\ntitle: Payments\nsummary: Takes payments.\nowner: ops-team\ntier: bronze\noffering: { access: [The API] }\nlastReviewed: 2026-11-01\n---\n',
		);
		cpSync(join(fixtures, 'releases/content/readiness'), join(root, 'content/readiness'), { recursive: true });
		const report = buildHealthReport(await check(root));
		expect(report.services).toEqual({
			all: [
				{ service: 'payments', title: 'Payments', route: '/services/payments/', owner: 'ops-team', tier: 'bronze', slos: 0, runbooks: 0, oncall: null },
				{ service: 'web-shop', title: 'Web shop', route: '/services/web-shop/', owner: 'shop-team', tier: 'silver', slos: 1, runbooks: 2, oncall: 'shop-primary' },
			],
			withoutSlos: ['payments'],
			withoutRunbooks: ['payments'],
			withoutOncall: ['payments'],
		});
		expect(report.alerts.totals).toEqual({ alerts: 7, withRunbook: 2, required: 6, requiredWithoutRunbook: 4 });
		expect(report.alerts.byTeam.map((row) => [row.team, row.alerts, row.withRunbook, row.without.map((alert) => alert.alert)])).toEqual([
			['shop-team', 7, 2, ['ShopCheckoutErrors', 'ShopDiskFull', 'ShopLatencyHigh', 'ShopQueueBacklog', 'ShopSearchDown']],
		]);
		expect(report.releasesInHypercare).toEqual([
			{
				...page('content/readiness/web-shop/in-hypercare.md', '/readiness/web-shop/in-hypercare/', 'Shop release in-hypercare', 'readiness'),
				service: 'web-shop',
				releaseDate: '2026-10-01',
				hypercareUntil: '2026-11-10',
				overdue: true,
			},
		]);
		const markdown = formatHealthReport(report, 'md').split('\n');
		for (const line of [
			'Without objectives: `payments`. Without runbooks: `payments`. Without an on-call rotation: `payments`.',
			'| Payments (`payments`) | `ops-team` | bronze | 0 | 0 | none |',
			'| Shop Team (`shop-team`) | 7 | 2 | `ShopCheckoutErrors` (required), `ShopDiskFull` (required), `ShopLatencyHigh`, `ShopQueueBacklog` (required), `ShopSearchDown` (required) |',
			'| Shop release in-hypercare (`content/readiness/web-shop/in-hypercare.md`) | web-shop | 2026-10-01 | 2026-11-10 (ended, no closing note) |',
		])
			expect(markdown).toContain(line);
	});

	it('is all clear on a clean handbook', async () => {
		const report = buildHealthReport(await check(handbookWith()));
		expect(report).toMatchObject({
			totals: { pages: 10, errors: 0, warnings: 0 },
			ownership: { owned: 10, percent: 100, unowned: [] },
			reviews: { byTeam: [] },
			orphans: [],
			brokenLinks: [],
		});
		const markdown = formatHealthReport(report, 'md');
		for (const line of ['Every page is within its review interval.', 'Every page can be reached from another.', 'No broken links.'])
			expect(markdown).toContain(line);
	});
});

describe('formatHealthReport', () => {
	it('prints Markdown tables of the debt, by owner team', async () => {
		const markdown = formatHealthReport(buildHealthReport(await check(handbookWithDebt())), 'md');
		expect(markdown).toMatch(/^# Handbook health on 2026-11-22\n/);
		const lines = [
			'| guides | 3 | 2 |',
			'90.9% of pages (10 of 11) have an owner team that exists in teams.yaml.',
			'| A lonely guide (`content/guides/lonely.md`) | `ghost-team` |',
			'| Operations (`ops-team`) | 7 | 2 |',
			'4 pages past the review date, 2 of them long overdue (an error).',
			'### `ghost-team`',
			'### Operations (`ops-team`)',
			'| Problem management (`content/practices/problem-management.md`) | 2024-10-01 | 2025-10-01 | 417 | long overdue |',
			'| Process owner (`content/roles/process-owner.md`) | 2026-10-01 | 2026-10-31 | 22 | stale |',
			'### Shop Team (`shop-team`)',
			'| Restart the web shop (`content/runbooks/web-shop/restart-web.md`) | 2026-08-01 | 2026-10-30 | 23 | stale |',
			'| A lonely guide (`content/guides/lonely.md`) |',
			'| `content/guides/getting-started.md` | 5 | `#purpos` is not an anchor on /practices/problem-management/: no heading there has that id |',
			'| freshness | 2 | 2 |',
		];
		for (const line of lines) expect(markdown.split('\n')).toContain(line);
		expect(markdown.indexOf('### `ghost-team`')).toBeLessThan(markdown.indexOf('### Operations'));
	});

	it('prints JSON that reads back as the report', async () => {
		const report = buildHealthReport(await check(handbookWithDebt()));
		expect(JSON.parse(formatHealthReport(report, 'json'))).toEqual(report);
	});
});

describe('handbook report', () => {
	it('prints the report and exits 0 even when the handbook has errors', async () => {
		const root = handbookWithDebt();
		const json = await handbookReport(['--root', root, '--today', today, '--no-cache', '--format', 'json']);
		expect(json.status).toBe(0);
		expect(JSON.parse(json.stdout)).toEqual(buildHealthReport(await check(root)));
		const markdown = await handbookReport(['--root', root, '--today', today, '--no-cache']);
		expect(markdown).toMatchObject({ status: 0, stdout: expect.stringContaining('## Review debt') });
	});

	it('measures reviews against --today', async () => {
		const root = handbookWithDebt();
		const { stdout } = await handbookReport(['--root', root, '--today', '2026-10-15', '--no-cache', '-f', 'json']);
		expect(JSON.parse(stdout).reviews).toMatchObject({ stale: 0, overdue: 2 });
	});

	it('exits 2 when it cannot run, and explains every option', async () => {
		expect(await handbookReport(['--format', 'xml'])).toMatchObject({ status: 2, stderr: expect.stringContaining('unknown format "xml"') });
		expect(await handbookReport(['--today', '2026-13-01'])).toMatchObject({ status: 2, stderr: expect.stringContaining('not a date') });
		expect(await handbookReport(['--colour'])).toMatchObject({ status: 2, stderr: expect.stringContaining("Unknown option '--colour'") });
		const { status, stdout } = await handbookReport(['--help']);
		expect(status).toBe(0);
		for (const option of ['--format', 'md', 'json', '--today', '--root', '--no-cache', '--help']) expect(stdout).toContain(option);
	});
});
