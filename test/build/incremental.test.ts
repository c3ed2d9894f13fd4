import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BuiltSite, buildSite, listHtml, repoRoot } from '../helpers/build.ts';

const env = { HANDBOOK_TODAY: '2026-11-22' };
const changed = 'runbooks/web-shop/restart-web.md';

let warm: BuiltSite;
let cold: BuiltSite;

// Builds a copy of the fixture handbook, edits one runbook's body, rebuilds into the same folder
// with the same cache (warm, as a second `npm run build` does), and builds the edited copy again
// from scratch (cold). The output folder must stay the same: Astro's hash of a page's code
// includes paths under it.
beforeAll(async () => {
	const parent = join(repoRoot, 'node_modules/.cache/handbook-builds');
	await mkdir(parent, { recursive: true });
	const work = await mkdtemp(join(parent, 'incremental-'));
	const content = join(work, 'content');
	await cp(join(repoRoot, 'test/fixtures/site/content'), content, { recursive: true });
	const cache = { ...env, HANDBOOK_CACHE_DIR: join(work, 'shared-cache') };
	const outDir = join(work, 'dist');
	await buildSite(content, cache, { outDir });
	const file = join(content, changed);
	await writeFile(file, (await readFile(file, 'utf8')).replace('The shop answers 502.', 'The shop answers 502 or 504.'));
	// A summary shows on the service's runbook index: that page must be rendered again too.
	const other = join(content, 'runbooks/web-shop/flush-cdn-cache.md');
	await writeFile(other, (await readFile(other, 'utf8')).replace(/^summary: .*$/m, 'summary: Purge the CDN when it serves stale pages.'));
	warm = await buildSite(content, cache, { outDir });
	cold = await buildSite(content, env);
});

describe('an incremental rebuild after one page changed', () => {
	it('renders the changed page again and copies unchanged entry pages', () => {
		expect(warm.stdout).toMatch(/\/runbooks\/web-shop\/restart-web\/index\.html \(\+\d+ms\)/);
		expect(warm.stdout).toMatch(/\/practices\/incident-management\/index\.html \(restored\)/);
		expect(warm.stdout).toMatch(/\/runbooks\/web-shop\/index\.html \(\+\d+ms\)/);
	});

	it('gives the same HTML as a build from scratch', async () => {
		const pages = await listHtml(cold.outDir);
		expect(await listHtml(warm.outDir)).toEqual(pages);
		const different: string[] = [];
		for (const page of pages) {
			const [a, b] = await Promise.all([readFile(join(warm.outDir, page)), readFile(join(cold.outDir, page))]);
			if (!a.equals(b)) different.push(page);
		}
		expect(different).toEqual([]);
		expect(await readFile(join(warm.outDir, 'runbooks/web-shop/restart-web/index.html'), 'utf8')).toContain('502 or 504');
		expect(await readFile(join(warm.outDir, 'runbooks/web-shop/index.html'), 'utf8')).toContain('Purge the CDN when it serves stale pages.');
	});
});
