import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite, listHtml, readPage } from '../helpers/build.ts';

// Builds the small fixture handbook in test/fixtures/site once and inspects the output.
let outDir: string;

beforeAll(async () => {
	({ outDir } = await buildSite('test/fixtures/site/content'));
});

describe('fixture site build', () => {
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
				'readiness/index.html',
				'readiness/release-gold/index.html',
			]),
		);
	});

	it('shows the typed metadata header on an entry page', async () => {
		const html = await readPage(outDir, '/runbooks/web-shop/restart-web/');
		const header = html.slice(html.indexOf('class="hb-meta"'), html.indexOf('</section>', html.indexOf('class="hb-meta"')));
		expect(header).toContain('Shop Team');
		expect(header).toContain('#shop');
		expect(header).toContain('shop-primary');
		expect(header).toContain('ShopWebDown');
		expect(header).toContain('href="/practices/incident-management/"');
		expect(header).toContain('2026-11-05');
		const practice = await readPage(outDir, '/practices/incident-management/');
		expect(practice).toContain('Service management practices');
		expect(practice).toContain('href="/practices/problem-management/"');
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
});

async function listFiles(dir: string): Promise<string[]> {
	const { readdir } = await import('node:fs/promises');
	return readdir(dir);
}
