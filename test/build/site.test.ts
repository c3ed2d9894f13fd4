import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listHtml, readPage, repoRoot, sharedFixtureSite } from '../helpers/build.ts';

// The small fixture handbook in test/fixtures/site, built once for the run, and its output.
// "Today" is fixed so the fixture's stale pages stay at warning level (a build error past 2 intervals).
let outDir: string;

beforeAll(async () => {
	({ outDir } = await sharedFixtureSite());
});

describe('fixture site build', () => {
	it('prints no warning of its own: Astro, Starlight and the sitemap are quiet when the content is fine', async () => {
		const { stdout, stderr } = await sharedFixtureSite();
		// The fixture's own review warnings come from the check report, which Astro's logger does not print.
		const logged = `${stdout}\n${stderr}`.split('\n').filter((line) => /\[(WARN|ERROR)\]|does not exist|was not found/.test(line));
		expect(logged).toEqual([]);
		expect(stdout).toContain('no sitemap: HANDBOOK_SITE');
	});

	it('has its own 404 page', async () => {
		const html = await readFile(join(outDir, '404.html'), 'utf8');
		expect(html).toContain('<title>Page not found');
		expect(html).not.toContain('data-pagefind-body');
	});

	it('has a page for every entry, the collection indexes and the service index', async () => {
		const pages = await listHtml(outDir);
		expect(pages).toEqual(
			expect.arrayContaining([
				'index.html',
				'plain-page/index.html',
				'operations/index.html',
				'practices/index.html',
				'practices/incident-management/index.html',
				'practices/problem-management/index.html',
				'roles/index.html',
				'roles/process-owner/index.html',
				'runbooks/index.html',
				'runbooks/web-shop/index.html',
				'runbooks/web-shop/restart-web/index.html',
				'runbooks/web-shop/flush-cdn-cache/index.html',
				'readiness/index.html',
				'readiness/release-gold/index.html',
				'readiness/web-shop/2026-11-20-gold/index.html',
				'raci/index.html',
				'health/index.html',
			]),
		);
	});

	it('shows the owner card under the title, and the typed metadata header', async () => {
		const html = await readPage(outDir, '/runbooks/web-shop/restart-web/');
		const card = section(html, 'class="hb-owner');
		expect(html.indexOf('class="hb-owner')).toBeGreaterThan(html.indexOf('<h1 id="_top"'));
		expect(html.slice(html.indexOf('<h1 id="_top"'), html.indexOf('class="hb-owner'))).not.toContain('<p>');
		expect(card).toContain('Shop Team');
		expect(card).toContain('#shop');
		expect(card).toContain('shop-primary');
		expect(card).toContain('href="https://oncall.example.com/schedules/shop-primary"');
		expect(card).toContain('<time datetime="2026-11-05">2026-11-05</time>');
		expect(card).toContain('next review due <time datetime="2027-02-03">');
		const header = section(html, 'class="hb-meta"');
		expect(header).toContain('ShopWebDown');
		expect(header).toContain('href="/practices/incident-management/"');
		const practice = await readPage(outDir, '/practices/incident-management/');
		expect(practice).toContain('Service management practices');
		expect(practice).toContain('href="/practices/problem-management/"');
		expect(section(practice, 'class="hb-owner')).toContain('Ops Office');
		expect(section(practice, 'class="hb-owner')).not.toContain('On-call');
	});

	it('gives a guide without owner the default owner of the policy', async () => {
		expect(section(await readPage(outDir, '/plain-page/'), 'class="hb-owner')).toContain('Ops Office');
	});

	it('shows the review-overdue banner on stale pages only, and keeps them searchable', async () => {
		for (const route of ['/runbooks/web-shop/flush-cdn-cache/', '/web-shop-restarts/']) {
			const html = await readPage(outDir, route);
			const banner = section(html, '<aside class="starlight-aside', '</aside>');
			expect(banner, route).toContain('role="note"');
			expect(banner, route).toContain('Review overdue');
			expect(banner, route).toContain('starlight-aside--caution');
			expect(html, route).toContain('data-pagefind-body');
		}
		const stale = await readPage(outDir, '/runbooks/web-shop/flush-cdn-cache/');
		expect(section(stale, '<aside class="starlight-aside', '</aside>')).toContain('<time datetime="2026-10-30">2026-10-30</time>');
		expect(section(stale, '<aside class="starlight-aside', '</aside>')).toContain('Shop Team');
		for (const route of ['/runbooks/web-shop/restart-web/', '/practices/incident-management/', '/roles/process-owner/', '/readiness/release-gold/', '/operations/']) {
			expect(await readPage(outDir, route), route).not.toContain('hb-review-banner');
		}
	});

	it('renders command blocks as highlighted code with the copy-button script', async () => {
		const html = await readPage(outDir, '/runbooks/web-shop/restart-web/');
		const blocks = [...html.matchAll(/<pre class="language-sh"[^>]*><code[^>]*>([\s\S]*?)<\/code><\/pre>/g)].map((match) =>
			match[1]!.replace(/<[^>]+>/g, ''),
		);
		expect(blocks).toEqual(['kubectl -n shop get pods', 'kubectl -n shop rollout restart deploy/web']);
		expect(html).toContain('<span class="token parameter variable">-n</span>');
		// The buttons are added in the browser (see test/browser): the page carries the script, not the buttons.
		expect(html).toContain('Copy code to clipboard');
	});

	it('names each task-list checkbox after its item', async () => {
		const html = await readPage(outDir, '/readiness/release-gold/');
		expect(html).toContain('<input type="checkbox" disabled aria-label="Tell the service desk">');
	});

	it('embeds the raw readiness template for copy and download, without linking to a .md file', async () => {
		const html = await readPage(outDir, '/readiness/release-gold/');
		const source = await readFile(join(repoRoot, 'test/fixtures/site/content/readiness/release-gold.md'), 'utf8');
		const pre = /<pre data-file-name="release-gold\.md"><code>([\s\S]*?)<\/code><\/pre>/.exec(html)?.[1];
		expect(pre && decodeEntities(pre)).toBe(source);
		expect(html).toContain('Copy as Markdown');
		expect(html).toContain('Show the Markdown source');
	});

	it('builds the RACI matrix from the practice tables, and lists A/R activities on role pages', async () => {
		const raci = await readPage(outDir, '/raci/');
		const headers = [...section(raci, '<thead>', '</thead>').matchAll(/<th scope="col"[^>]*>(?:<a [^>]*>)?([^<]+)/g)].map((match) => match[1]);
		expect(headers).toEqual(['Practice and activity', 'Process owner', 'Process manager', 'Process practitioner']);
		const row = section(raci, '<th scope="row">Define the policy</th>', '</tr>');
		expect(cellsOf(row)).toEqual(['A/R', 'C', 'I']);
		expect(cellsOf(section(raci, '<th scope="row">Restore service</th>', '</tr>'))).toEqual(['I', 'A', 'R']);
		expect(raci).toContain('data-raci-group="service"');
		expect(raci).toMatch(/<form class="hb-raci-filters[^"]*"[^>]* hidden/);
		const owner = section(await readPage(outDir, '/roles/process-owner/'), 'id="accountable-or-responsible"', '</ul></li></ul>');
		expect(owner).toContain('href="/practices/incident-management/"');
		expect(owner).toContain('Define the policy');
		expect(owner).not.toContain('Restore service');
		const manager = section(await readPage(outDir, '/roles/process-manager/'), 'id="accountable-or-responsible"', '</ul></li></ul>');
		expect(manager).toContain('Restore service');
		expect(manager).toContain('Analyse causes');
	});

	it('reports ownership, reviews due by team, orphans and broken links on the health page', async () => {
		const html = await readPage(outDir, '/health/');
		const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
		expect(text).toContain('Checked against 2026-11-22 : 19 pages, 0 errors, 3 warnings, 2 pages due for review.');
		expect(text).toContain('100% of pages (19 of 19) have an owner team that exists.');
		expect(text).toContain('Runbooks 2 2');
		expect(text).toContain('Shop Team 10 1');
		expect(text).toContain('Services Without objectives: Payments Without runbooks: Payments');
		expect(text).toContain('Releases in hypercare New search box (web-shop, released 2026-11-02, hypercare until 2027-06-30)');
		const reviews = section(html, 'id="reviews-due"', 'id="orphan-pages"');
		expect(reviews).toMatch(/Ops Office \(1\)[\s\S]*href="\/web-shop-restarts\/"[\s\S]*52 days/);
		expect(reviews).toMatch(/Shop Team \(1\)[\s\S]*href="\/runbooks\/web-shop\/flush-cdn-cache\/"[\s\S]*2026-10-30[\s\S]*23 days/);
		expect(section(html, 'id="orphan-pages"', 'id="broken-links"')).toContain('href="/web-shop-restarts/"');
		expect(section(html, 'id="broken-links"', '</p>')).toContain('No broken links.');
	});

	it('links a print stylesheet that hides the site around the page', async () => {
		const html = await readPage(outDir, '/runbooks/web-shop/restart-web/');
		const css = await Promise.all(
			[...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((match) => readFile(join(outDir, match[1] ?? ''), 'utf8')),
		);
		expect(css.join('\n')).toMatch(/@media print\{\.page>header,nav\.sidebar,[^}]*\{display:none!important\}/);
	});

	it('tags pages with the four pagefind filters', async () => {
		const html = await readPage(outDir, '/runbooks/web-shop/restart-web/');
		expect(html).toContain('<meta data-pagefind-filter="type[content]" content="runbook"/>');
		expect(html).toContain('<meta data-pagefind-filter="owner[content]" content="Shop Team"/>');
		expect(html).toContain('<meta data-pagefind-filter="service[content]" content="web-shop"/>');
		expect(html).toContain('<meta data-pagefind-filter="practice[content]" content="Incident management"/>');
		const guide = await readPage(outDir, '/operations/');
		expect(guide).toContain('<meta data-pagefind-filter="type[content]" content="guide"/>');
	});

	it('builds a pagefind index that knows the filters', async () => {
		const entry = JSON.parse(await readFile(join(outDir, 'pagefind/pagefind-entry.json'), 'utf8'));
		expect(Object.keys(entry.languages).length).toBeGreaterThan(0);
		const filterFiles = await listFiles(join(outDir, 'pagefind/filter'));
		expect(filterFiles.length).toBeGreaterThan(0);
	});

	it('rewrites relative .md links to page routes, keeping anchors', async () => {
		const practice = await readPage(outDir, '/practices/incident-management/');
		expect(practice).toContain('href="/runbooks/web-shop/restart-web/#mitigation"');
		const home = await readPage(outDir, '/');
		expect(home).toContain('href="/plain-page/"');
		expect(home).toContain('href="/operations/#on-call"');
		const operations = await readPage(outDir, '/operations/');
		expect(operations).toContain('href="/plain-page/#a-page-without-frontmatter"');
		for (const page of await listHtml(outDir)) {
			const html = await readFile(join(outDir, page), 'utf8');
			expect(html, page).not.toMatch(/href="[^"]*\.md(#[^"]*)?"/);
		}
	});

	it('gives a page without frontmatter a title from its first heading', async () => {
		const html = await readPage(outDir, '/plain-page/');
		expect(html).toContain('<title>A page without frontmatter');
	});
	it('lists filled-in readiness copies by service, apart from the templates', async () => {
		const index = await readPage(outDir, '/readiness/');
		const releases = index.slice(index.indexOf('id="filled-in"'));
		expect(releases).toContain('href="/readiness/web-shop/2026-11-20-gold/"');
		expect(index.slice(index.indexOf('<main'), index.indexOf('id="filled-in"'))).not.toContain('2026-11-20-gold');
		const copy = await readPage(outDir, '/readiness/web-shop/2026-11-20-gold/');
		expect(copy).toContain('Release readiness details');
		expect(copy).not.toContain('Show the Markdown source');
		const template = await readPage(outDir, '/readiness/release-gold/');
		const text = template.replace(/&lt;|&#x3C;/g, '<').replace(/&gt;/g, '>');
		expect(text).toContain('npx handbook new readiness --template release-gold --service <service> --tier gold');
	});
});

/** The HTML from the first `start` marker to the next `end` after it. */
function section(html: string, start: string, end = '</section>'): string {
	const from = html.indexOf(start);
	if (from === -1) return '';
	return html.slice(from, html.indexOf(end, from) + end.length);
}

/** The text of the `<td>` cells of a table row. */
function cellsOf(row: string): string[] {
	return [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((match) => (match[1] ?? '').replace(/<[^>]+>/g, ''));
}

function decodeEntities(text: string): string {
	return text.replace(/&(lt|gt|quot|#39|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[name] ?? '');
}

async function listFiles(dir: string): Promise<string[]> {
	const { readdir } = await import('node:fs/promises');
	return readdir(dir);
}
