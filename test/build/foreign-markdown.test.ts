import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BuiltSite, buildSite, readPage, repoRoot } from '../helpers/build.ts';

/**
 * Foreign Markdown and the policy for real handbooks, built: the fixture site with the pages of
 * test/fixtures/rendering/site on top (a title heading, GitHub alerts, asides, nested folders,
 * dots and capitals in a file name, exclusions, ignored links, redirects, extra keys), and a
 * handbook of guides only with the `schema` rule off, foreign keys and a missing image
 * (test/fixtures/rendering/guides-only).
 */
let site: BuiltSite;
let guidesOnly: BuiltSite;

async function contentFrom(...folders: string[]): Promise<string> {
	const parent = join(repoRoot, 'node_modules/.cache/handbook-builds');
	await mkdir(parent, { recursive: true });
	const content = join(await mkdtemp(join(parent, 'foreign-')), 'content');
	for (const folder of folders) await cp(join(repoRoot, folder), content, { recursive: true });
	return content;
}

beforeAll(async () => {
	const content = await contentFrom('test/fixtures/site/content', 'test/fixtures/rendering/site/content');
	// A runbook with a key its schema does not know, which the policy makes a warning: the build must not fail on it.
	const runbook = join(content, 'runbooks/web-shop/flush-cdn-cache.md');
	await writeFile(runbook, (await readFile(runbook, 'utf8')).replace('owner: shop-team\n', 'owner: shop-team\nweight: 2\n'));
	site = await buildSite(content, { HANDBOOK_TODAY: '2026-11-22' });
	guidesOnly = await buildSite(await contentFrom('test/fixtures/rendering/guides-only/content'), { HANDBOOK_TODAY: '2026-11-22' });
});

/** The page's HTML between `<main` and `</main>`, without the sidebar. */
async function mainOf(built: BuiltSite, route: string): Promise<string> {
	const html = await readPage(built.outDir, route);
	return html.slice(html.indexOf('<main'), html.indexOf('</main>'));
}

describe('foreign Markdown, built', () => {
	it('shows a title once: the heading that repeats it keeps its id, and the other headings theirs', async () => {
		const main = await mainOf(site, '/foreign/');
		expect(main.match(/<h1\b/g)).toHaveLength(1);
		expect(main).toContain('<h1 id="_top"');
		expect(main).toContain('<span id="foreign-markdown"></span>');
		expect(main).toContain('<h2 id="foreign-markdown-1">');
		expect(main).toContain('href="#foreign-markdown"');
	});

	it('renders GitHub alerts and Starlight asides as asides', async () => {
		const main = await mainOf(site, '/foreign/');
		expect(main).toMatch(/<aside aria-label="Note" class="starlight-aside starlight-aside--note">[\s\S]*?A GitHub alert, as a Starlight aside\./);
		expect(main).toMatch(/<aside aria-label="Warning" class="starlight-aside starlight-aside--caution">[\s\S]*?Text on the marker’s line/);
		expect(main).toContain('starlight-aside--tip');
		expect(main).not.toContain('[!NOTE]');
		expect(main).not.toContain('[!WARNING]');
	});

	it('keeps dots and capitals in routes', async () => {
		expect(existsSync(join(site.outDir, 'foreign/Release.Notes.v2/index.html'))).toBe(true);
		expect(await mainOf(site, '/foreign/')).toContain('href="/foreign/Release.Notes.v2/"');
	});

	it('nests guide folders in the sidebar, each a group, only along the current page', async () => {
		const html = await readPage(site.outDir, '/foreign/deeper/nested/page/');
		const sidebar = html.slice(html.indexOf('sidebar-content'), html.indexOf('</nav>', html.indexOf('sidebar-content')));
		const groups = [...sidebar.matchAll(/<summary[^>]*>\s*<span[^>]*>\s*<span[^>]*>([^<]+)<\/span>/g)].map((match) => match[1]);
		expect(groups).toEqual(['Guides', 'Foreign Markdown', 'Deeper', 'Nested']);
		expect(sidebar).toContain('aria-current="page"');
		// On a page of another section, the guides are one link.
		const practice = await readPage(site.outDir, '/practices/incident-management/');
		const practiceSidebar = practice.slice(practice.indexOf('sidebar-content'), practice.indexOf('</nav>', practice.indexOf('sidebar-content')));
		expect(practiceSidebar).not.toContain('Deeper');
	});
});

describe('the policy for real handbooks, built', () => {
	it('builds none of the excluded files', () => {
		expect(existsSync(join(site.outDir, 'partials'))).toBe(false);
	});

	it('emits redirects, and writes links to them to where they lead, anchors kept', async () => {
		const redirect = await readFile(join(site.outDir, 'old-ops/index.html'), 'utf8');
		expect(redirect).toContain('content="0;url=/operations/#on-call"');
		const main = await mainOf(site, '/foreign/');
		expect(main).toContain('href="/operations/#on-call"');
		expect(main).toContain('href="/foreign/#foreign-markdown"');
	});

	it('leaves links the policy ignores as they are, and the check of the built site skips them', async () => {
		expect(await mainOf(site, '/foreign/')).toContain('href="/status/today/"');
		expect(site.stdout).toContain('published to');
	});

	it('does not fail on extra keys the policy allows or makes warnings', () => {
		expect(site.stderr).toMatch(/content\/runbooks\/web-shop\/flush-cdn-cache\.md\n\s+6:1\s+warning\s+unknown key `weight`/);
		expect(site.stderr).not.toContain('InvalidContentEntryDataError');
	});
});

describe('a handbook of guides only, with the schema rule off', () => {
	it('builds despite keys that are no Starlight keys or not what Starlight takes', () => {
		expect(guidesOnly.stdout).toContain('published to');
		expect(guidesOnly.stderr).not.toContain('InvalidContentEntryDataError');
	});

	it('warns that it has no home page, and gives it one that lists what there is', async () => {
		expect(guidesOnly.stderr).toMatch(/warning\s+the handbook has no home page/);
		const home = await mainOf(guidesOnly, '/');
		expect(home).toContain('no home page yet');
		expect(home).toContain('href="/welcome/"');
	});

	it('reports a link to a section the generated home page lacks, once, as the check finds it, and no link to one it has', async () => {
		const home = await mainOf(guidesOnly, '/');
		expect(home).toContain('<h2 id="guides">');
		expect(home).toContain('<h2 id="sections">');
		expect(guidesOnly.stderr).toMatch(/content\/guides\/welcome\.md\n(?:.*\n)*?\s+11:\d+-11:\d+\s+warning\s+`#nope` is not an anchor on \//);
		// The check reported it, so the check of the built site does not say it again; the anchors the page has are no finding.
		expect(guidesOnly.stderr).not.toContain('names no element');
		expect(guidesOnly.stderr).not.toMatch(/`#(sections|guides)`/);
	});

	it('leaves sections with no pages out of the navigation', async () => {
		const html = await readPage(guidesOnly.outDir, '/welcome/');
		const sidebar = html.slice(html.indexOf('sidebar-content'), html.indexOf('</nav>', html.indexOf('sidebar-content')));
		for (const label of ['Practices', 'Roles', 'Runbooks', 'RACI matrix', 'Release board', 'Alerts']) expect(sidebar).not.toContain(`>${label}<`);
		expect(sidebar).toContain('Handbook health');
		expect(sidebar).toContain('href="/Ops/Runbook.Notes/"');
	});

	it('names the Markdown file and line of a missing image, instead of stopping with ImageNotFound', () => {
		expect(guidesOnly.stderr).not.toContain('ImageNotFound');
		expect(guidesOnly.stderr).toMatch(/content\/guides\/welcome\.md\n(?:.*\n)*?\s+9:1-9:\d+\s+warning\s+`\.\/missing-diagram\.png` leads to/);
		// Said once: the check reported it, so the check of the built site does not repeat it.
		expect(guidesOnly.stderr.match(/`\.\/missing-diagram\.png`/g)).toHaveLength(1);
		expect(guidesOnly.stdout).toContain('published to');
	});
});
