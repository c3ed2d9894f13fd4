import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { generatorSlugs } from '../../src/cli/import/slugs.ts';
import { detectGenerator } from '../../src/cli/import/source.ts';
import { reviewDays, teamId } from '../../src/cli/import/plan.ts';
import { runCommand } from '../helpers/cli.ts';

/**
 * `handbook import` on a small handbook of each generator (test/fixtures/import/<generator>),
 * each into a fresh folder: what it detects, what it writes, and the report it ends with.
 */
const fixtures = fileURLToPath(new URL('../fixtures/import/', import.meta.url));
const today = '2026-11-22';
const roots: string[] = [];
afterAll(() => {
	for (const root of roots) rmSync(root, { recursive: true, force: true });
});

interface Imported {
	root: string;
	status: number;
	stdout: string;
	stderr: string;
	read(path: string): string;
	report: { generator: string; pages: { source: string; target: string; title: string; titleFrom: string }[]; templates: { page: string; line: number; kind: string }[]; links: { anchorsMapped: number; unresolved: unknown[] }; teams: { id: string; complete: boolean }[]; conversions: Record<string, unknown>; check: { errors: number; findings: { kind: string; file: string; line: number }[] } };
}

async function importFixture(generator: string, extra: string[] = []): Promise<Imported> {
	const root = mkdtempSync(join(tmpdir(), `handbook-import-${basename(generator)}-`));
	roots.push(root);
	const result = await runCommand(['import', isAbsolute(generator) ? generator : join(fixtures, generator), '--today', today, ...extra], root);
	const read = (path: string) => readFileSync(join(root, path), 'utf8');
	const report = existsSync(join(root, 'import-report.json')) ? JSON.parse(read('import-report.json')) : undefined;
	return { root, ...result, read, report };
}

const kinds = (imported: Imported) => imported.report.check.findings.map((finding) => `${finding.kind} ${finding.file}:${finding.line}`);

describe('handbook import detects the generator', () => {
	it.each([
		['mkdocs', 'mkdocs', 'mkdocs.yml'],
		['hugo', 'hugo', 'config.toml'],
		['docusaurus', 'docusaurus', 'docusaurus.config.js'],
		['middleman', 'middleman', 'config/tech-docs.yml'],
		['plain', 'plain', undefined],
	])('%s', (fixture, generator, evidence) => {
		expect(detectGenerator(join(fixtures, fixture))).toEqual({ generator, evidence });
	});
});

describe('handbook import from MkDocs', () => {
	it('takes titles from the navigation, converts admonitions and tabs, maps anchors and copies images', async () => {
		const imported = await importFixture('mkdocs');
		expect(imported.status).toBe(0);
		expect(imported.report.generator).toBe('mkdocs');
		expect(imported.report.pages.map((page) => [page.target, page.title, page.titleFrom])).toEqual([
			['guides/index.md', 'Home', 'navigation'],
			['guides/oncall/paging.md', 'Paging etiquette', 'navigation'],
			['guides/oncall/rota.md', "Who's on call?", 'navigation'],
			// The navigation's section becomes the folder's index page, listing its pages in order.
			['guides/oncall/index.md', 'On call', 'navigation'],
		]);
		expect(imported.read('content/guides/oncall/index.md')).toBe('---\ntitle: "On call"\n---\n\n- [Who\'s on call?](rota.md)\n- [Paging etiquette](paging.md)\n');
		const rota = imported.read('content/guides/oncall/rota.md');
		expect(rota).toContain(':::tip[Swap early]\nAsk for a swap a week ahead.\n\nA late swap is still better than a missed page.\n:::');
		expect(rota).toContain(':::note[Aside]\nThe rota lives in the scheduling tool.\n:::');
		expect(rota).toContain('**Weekdays**\n\nHand over at ten.');
		expect(rota).not.toContain('!!!');
		// An attribute list after a link is taken out.
		expect(imported.read('content/guides/oncall/paging.md')).toContain('Read [the paging guide](https://example.org/paging) before your first week.');
		expect(imported.report.conversions).toMatchObject({ admonitions: 2, tabs: 2, attributeLists: 1 });
		const home = imported.read('content/guides/index.md');
		// Python-Markdown's id for "When to page someone - at night", as the handbook renders it.
		expect(home).toContain('(oncall/paging.md#when-to-page-someone---at-night)');
		// A site-absolute address of the old site becomes the relative link to the file.
		expect(home).toContain('[an absolute link](oncall/paging.md#good-pages-bad-pages)');
		expect(home).toContain('description: "How the kettle team runs its on-call week."');
		expect(readFileSync(join(imported.root, 'content/guides/img/mascot.png'), 'utf8')).toBe('PNG');
		// Nothing is left for the check but the team to complete: the one teams.yaml edit.
		expect(kinds(imported)).toEqual(['ownership/noContact content/teams.yaml:7']);
		expect(imported.read('content/teams.yaml')).toContain('# TO COMPLETE');
	});
});

describe('handbook import from Hugo', () => {
	it('reads TOML frontmatter, turns references into paths, fills in site parameters, converts hints and custom heading ids', async () => {
		const imported = await importFixture('hugo');
		expect(imported.status).toBe(0);
		const runbook = imported.read('content/guides/alerts/KettleBoilTooLong.md');
		expect(runbook).toMatch(/^---\ntitle: "Kettle Boil Too Long"\nweight: 20\n---\n/);
		// Hugo's aliases, old addresses of the page, keep working as redirects.
		expect(imported.read('content/handbook.yaml')).toContain('redirects:\n  "/alerts/kettle-boil/": "/alerts/KettleBoilTooLong/"\n');
		expect(runbook).toContain('## Meaning\n');
		expect(runbook).toContain(':::caution[Warning]\nDo not open the lid while it boils.\n:::');
		expect(runbook).toContain('[the repository](https://git.example.org/kettle/alerts/edit/main/content/alerts/KettleBoilTooLong.md)');
		expect(runbook).toContain('![kettle](../images/kettle.png)');
		expect(imported.read('content/guides/index.md')).toContain('[boil alerts](alerts/KettleBoilTooLong.md)');
		// `alerts/_index.md` would be /alerts/, a route the site generates.
		expect(existsSync(join(imported.root, 'content/guides/alerts/overview.md'))).toBe(true);
		expect(imported.report.templates).toEqual([
			expect.objectContaining({ page: 'alerts/KettleBoilTooLong.md', line: 20, kind: 'hugo-shortcode' }),
			expect.objectContaining({ page: 'alerts/KettleBoilTooLong.md', line: 21, kind: 'hugo-shortcode' }),
		]);
		expect(kinds(imported)).toEqual(['ownership/noContact content/teams.yaml:7']);
	});
});

describe('handbook import from Docusaurus', () => {
	it('resolves links by document id and address, converts admonitions, drops imports and turns tabs into labelled blocks', async () => {
		const imported = await importFixture('docusaurus');
		const intro = imported.read('content/guides/intro.md');
		expect(intro).toContain('Read [descaling](guides/descale.md) and the [absolute one](guides/descale.md#vinegar-or-citric-acid).');
		expect(intro).toContain(':::note[Before you start]\nUnplug the kettle.\n:::');
		expect(intro).toContain('sidebar_label: "Start here"');
		expect(intro).not.toMatch(/^id:/m);
		const descale = imported.read('content/guides/guides/descale.md');
		expect(descale).not.toContain('import ');
		expect(descale).toContain('**Vinegar**\n\nHalf a cup.\n\n**Citric acid**\n\nTwo spoons.');
		expect(descale).toContain(':::caution[Warning]\nRinse twice.\n:::');
		expect(descale).not.toMatch(/^slug:/m);
		expect(imported.report.templates.map((template) => [template.page, template.line, template.kind])).toEqual([
			['guides/descale.md', 7, 'mdx'],
			['guides/descale.md', 8, 'mdx'],
		]);
		// A real finding: the old handbook had no home page of its own.
		expect(kinds(imported)).toEqual(['files/noHomePage content:1', 'ownership/noContact content/teams.yaml:7']);
	});
});

describe('handbook import from Middleman (tech docs)', () => {
	it('imports .erb pages with their ERB taken out and listed, maps owners and review dates, and Redcarpet anchors', async () => {
		const imported = await importFixture('middleman');
		expect(imported.status).toBe(0);
		const home = imported.read('content/guides/index.md');
		expect(home).toMatch(/^---\ntitle: "Kettle platform manual"\nowner: "kettle-platform"\nlastReviewed: 2026-09-01\nreviewInterval: 91\nlayout: "core"\n---\n/);
		expect(home).not.toContain('<%');
		expect(home).not.toMatch(/^#/m);
		expect(home).toContain('[restarting a kettle](manual/restart-kettle.md#before-you-restart-it)');
		expect(home).toContain('[absolute link](manual/restart-kettle.md)');
		expect(imported.report.templates.map((template) => [template.page, template.line])).toEqual([
			['index.html.md.erb', 9],
			['index.html.md.erb', 14],
			['index.html.md.erb', 15],
			['index.html.md.erb', 16],
		]);
		const restart = imported.read('content/guides/manual/restart-kettle.md');
		// Redcarpet wrote the apostrophe's character reference into the id.
		expect(restart).toContain("[what we're checking](#what-were-checking)");
		expect(restart).toContain('![diagram](../images/restart.png)');
		// The partial is kept as a draft.
		expect(existsSync(join(imported.root, 'content/guides/manual/_partial.md'))).toBe(true);
		expect(imported.read('content/teams.yaml')).toContain('contacts: { chat: "#kettle-platform" }');
		expect(imported.read('content/handbook.yaml')).toContain('defaultOwner: kettle-platform');
		expect(imported.report.teams).toEqual([{ id: 'kettle-platform', from: '#kettle-platform', complete: true }]);
		expect(imported.report.check.findings).toEqual([]);
	});
});

describe('handbook import of a handbook whose pages name different owners', () => {
	it('gives the pages that name none a team to complete, and suggests ignoreLinks globs that can match', async () => {
		const source = mkdtempSync(join(tmpdir(), 'handbook-import-owners-source-'));
		roots.push(source);
		cpSync(join(fixtures, 'middleman'), source, { recursive: true });
		writeFileSync(
			join(source, 'source/manual/descale.html.md'),
			'---\ntitle: Descale a kettle\nowner_slack: "#kettle-care"\n---\n\nSee [the repos](/repos/kettles.json), [the manual](/manual.html#descaling) and [the CDN](//cdn.example.org/x.png).\n',
		);
		writeFileSync(join(source, 'source/manual/unowned.html.md'), '---\ntitle: Nobody owns this\n---\n\nStill a page.\n');
		const imported = await importFixture(source);
		expect(imported.status, imported.stderr).toBe(0);
		const policy = imported.read('content/handbook.yaml');
		expect(policy).toContain('defaultOwner: handbook-maintainers');
		expect(policy).toContain('#   - "/repos/**"\n');
		expect(policy).toContain('#   - "/manual.html"\n');
		expect(policy).not.toContain('"//');
		expect(kinds(imported).filter((kind) => kind.startsWith('ownership/noOwner'))).toEqual([]);
	});
});

describe('handbook import from plain Markdown', () => {
	it('takes the first heading as the title without its Markdown, and converts GitHub alerts', async () => {
		const imported = await importFixture('plain', ['--owner', 'kettle-team']);
		expect(imported.report.pages.map((page) => [page.target, page.title, page.titleFrom])).toEqual([
			['guides/README.md', 'Kettle team', 'heading'],
			['guides/team/tools/index.md', 'Our tools', 'heading'],
			['guides/team/tools/thermometer.md', 'The thermometer', 'heading'],
		]);
		const readme = imported.read('content/guides/README.md');
		expect(readme).not.toContain('# Kettle team');
		expect(readme).toContain(':::caution[Important]\nNever boil an empty kettle.\n:::');
		// A link to the title heading, which the page no longer has, leads to the top of the page.
		expect(imported.read('content/guides/team/tools/index.md')).toContain('[the team](../../README.md#_top)');
		expect(imported.report.templates).toEqual([expect.objectContaining({ page: 'team/tools/thermometer.md', line: 5, kind: 'jinja' })]);
		expect(imported.read('content/handbook.yaml')).toContain('defaultOwner: kettle-team');
		expect(kinds(imported)).toEqual(['ownership/noContact content/teams.yaml:7']);
	});
});

describe('handbook import never overwrites a file', () => {
	it('refuses when a file it would write exists, names it, and writes nothing', async () => {
		const root = mkdtempSync(join(tmpdir(), 'handbook-import-exists-'));
		roots.push(root);
		mkdirSync(join(root, 'content/guides/oncall'), { recursive: true });
		writeFileSync(join(root, 'content/guides/oncall/rota.md'), 'mine\n');
		const result = await runCommand(['import', join(fixtures, 'mkdocs'), '--today', today], root);
		expect(result.status).toBe(1);
		expect(result.stderr).toContain('content/guides/oncall/rota.md');
		expect(result.stderr).toContain('never overwrites');
		expect(readFileSync(join(root, 'content/guides/oncall/rota.md'), 'utf8')).toBe('mine\n');
		expect(readdirSync(join(root, 'content'), { recursive: true }).sort()).toEqual(['guides', 'guides/oncall', 'guides/oncall/rota.md']);
		expect(existsSync(join(root, 'import-report.md'))).toBe(false);
	});

	it('writes nothing with --dry-run, and prints the report', async () => {
		const root = mkdtempSync(join(tmpdir(), 'handbook-import-dry-'));
		roots.push(root);
		const result = await runCommand(['import', join(fixtures, 'plain'), '--dry-run', '--today', today], root);
		expect(result.status).toBe(0);
		expect(result.stdout).toContain('# Import report');
		expect(readdirSync(root)).toEqual([]);
	});

	it('says what is wrong with its options', async () => {
		const root = mkdtempSync(join(tmpdir(), 'handbook-import-usage-'));
		roots.push(root);
		expect((await runCommand(['import'], root)).status).toBe(2);
		expect((await runCommand(['import', join(fixtures, 'plain'), '--owner', 'a', '--owner-field', 'b'], root)).stderr).toContain('not both');
		expect((await runCommand(['import', join(fixtures, 'plain'), '--runbooks', 'x/**'], root)).stderr).toContain('go together');
		expect((await runCommand(['import', '--help'], root)).stdout).toContain('Usage: handbook import <source-dir>');
	});
});

describe('handbook import places runbooks when asked', () => {
	it('writes them as runbooks of the service and reports what they lack, inventing nothing', async () => {
		const imported = await importFixture('hugo', ['--runbooks', 'alerts/Kettle*.md', '--service', 'kettle-fleet', '--owner', 'kettle-team']);
		const runbook = imported.read('content/runbooks/kettle-fleet/KettleBoilTooLong.md');
		expect(runbook).toMatch(/^---\ntitle: "Kettle Boil Too Long"\nservice: "kettle-fleet"\nalerts: \["KettleBoilTooLong"\]\nowner: "kettle-team"\n---\n/);
		expect(runbook).toContain('![kettle](../../guides/images/kettle.png)');
		const report = JSON.parse(imported.read('import-report.json'));
		expect(report.runbooks).toEqual([
			{ target: 'runbooks/kettle-fleet/KettleBoilTooLong.md', missing: ['`summary:`', '`practice:`', '`escalation:`', '## Symptoms or ## Diagnosis', '## Escalation', '## Rollback'] },
		]);
		expect(imported.read('content/services/kettle-fleet.md')).toContain('owner: kettle-team');
		expect(kinds(imported)).toEqual(expect.arrayContaining([expect.stringMatching(/^structure\/missingSection content\/runbooks\/kettle-fleet\/KettleBoilTooLong.md:/)]));
	});
});

describe('the import\'s helpers', () => {
	it('writes heading ids as each generator did', () => {
		const headings = ['When to page - at night', "What we're checking", 'Step 1: stop', 'Step 1: stop'];
		expect(generatorSlugs('mkdocs', headings)).toEqual(['when-to-page-at-night', 'what-were-checking', 'step-1-stop', 'step-1-stop_1']);
		expect(generatorSlugs('redcarpet', headings)).toEqual(['when-to-page-at-night', 'what-we-39-re-checking', 'step-1-stop', 'step-1-stop-1']);
		expect(generatorSlugs('hugo', headings)).toEqual(['when-to-page---at-night', 'what-were-checking', 'step-1-stop', 'step-1-stop-1']);
	});

	it('reads review intervals and team names', () => {
		expect([reviewDays('6 months'), reviewDays('1 year'), reviewDays('12 weeks'), reviewDays(30), reviewDays('soon')]).toEqual([183, 365, 84, 30, undefined]);
		expect([teamId('#modernisation-platform'), teamId('Platform Team'), teamId('@org/sre')]).toEqual(['modernisation-platform', 'platform-team', 'org-sre']);
	});
});
