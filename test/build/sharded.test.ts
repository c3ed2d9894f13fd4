import { existsSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateHandbook, generatorToday, seedFrom, writeHandbook } from '../../scripts/generate-handbook.ts';
import { checkHandbook } from '../../src/checks/index.ts';
import { routeOf } from '../../src/checks/output/verify.ts';
import { type BuiltSite, buildEnvironment, buildSite, listHtml, repoRoot } from '../helpers/build.ts';
import { searchSite } from '../helpers/search.ts';

const run = promisify(execFile);
const env = { HANDBOOK_TODAY: generatorToday };
// Four parts, so that each of two slices indexes two; 500 pages, so that the alerts, runbooks and
// RACI indexes each go on over a second page.
const parts = ['--search-parts', '4'];
const queries = ['rollback', 'certificate expiry', 'incident commander', 'payments', 'drain the queue backlog', 'error budgets'];

let work: string;
let content: string;
let whole: BuiltSite;
let slices: BuiltSite[];
let merged: string;

// One build of a generated handbook, and the same handbook built as two slices, each in a process
// of its own at the same time (as two CI jobs would), put together with `handbook merge`.
beforeAll(async () => {
	const parent = join(repoRoot, 'node_modules/.cache/handbook-builds');
	await mkdir(parent, { recursive: true });
	work = await mkdtemp(join(parent, 'sharded-'));
	content = join(work, 'content');
	writeHandbook(content, generateHandbook(500, seedFrom('1')), 'test/build/sharded.test.ts');
	[whole, ...slices] = await Promise.all([
		buildSite(content, env, { args: parts }),
		buildSite(content, env, { outDir: join(work, 'slice-1'), args: [...parts, '--shard', '1/2'] }),
		buildSite(content, env, { outDir: join(work, 'slice-2'), args: [...parts, '--shard', '2/2'] }),
	]);
	merged = join(work, 'merged');
	await run(process.execPath, [join(repoRoot, 'src/cli/handbook.ts'), 'merge', slices[0]!.outDir, slices[1]!.outDir, '--out', merged], {
		cwd: repoRoot,
		env: { ...buildEnvironment(), HANDBOOK_CONTENT: content, ...env },
	});
}, 600_000);

describe('a sharded build', () => {
	it('builds about half of the pages in each slice, each with its search parts', async () => {
		const [one, two] = await Promise.all(slices.map((slice) => listHtml(slice.outDir)));
		const all = await listHtml(whole.outDir);
		// The pages every slice builds (indexes of one page, the health page, ...) are in both.
		for (const slice of [one!, two!]) expect(slice.length).toBeGreaterThan(all.length / 3);
		expect(new Set([...one!, ...two!]).size).toBe(all.length);
		expect(slices.map((slice) => slice.stdout.match(/search index of \d+ pages in (\d+) part/)?.[1])).toEqual(['2', '2']);
	});

	it('merged, gives the same site as one build, byte for byte', async () => {
		const pages = await listHtml(whole.outDir);
		expect(await listHtml(merged)).toEqual(pages);
		const different: string[] = [];
		for (const page of pages) {
			const [a, b] = await Promise.all([readFile(join(whole.outDir, page)), readFile(join(merged, page))]);
			if (!a.equals(b)) different.push(page);
		}
		expect(different).toEqual([]);
	});

	it('merged, has the offline copy of one build: the same files saved, the search parts of every slice among them', async () => {
		const saved = async (outDir: string) => {
			const worker = await readFile(join(outDir, 'sw.js'), 'utf8');
			// Pagefind writes the values of its filter files in no fixed order, and names them (and the metadata that
			// lists them) by their bytes: those names are compared without their digests.
			return (JSON.parse(/\[\{.*?\}\]/s.exec(worker)![0]) as { url: string }[])
				.map((entry) => entry.url.replace(/_[0-9a-f]+(\.pf_(filter|meta))$/, '_#$1'))
				.sort();
		};
		const [expected, found] = [await saved(whole.outDir), await saved(merged)];
		expect(found).toEqual(expected);
		expect(found).toEqual(expect.arrayContaining(['pagefind/pagefind-entry.json', 'pagefind/part-1/pagefind-entry.json']));
		expect(existsSync(join(merged, '.handbook-offline.json'))).toBe(false);
	});

	it('merged, finds the same pages for every search, in the same order', async () => {
		const [expected, found] = [await searchSite(whole.outDir, queries), await searchSite(merged, queries)];
		for (const query of queries) expect(expected[query]!.length, query).toBeGreaterThan(0);
		expect(found).toEqual(expected);
	});
});

describe('the pages of a large handbook', () => {
	it('are each a page the content graph knows, so links to any of them are checked', async () => {
		const { graph } = await checkHandbook({ root: repoRoot, contentDir: content, today: generatorToday });
		const unknown = (await listHtml(whole.outDir))
			.map(routeOf)
			.filter((route) => route !== '/404.html' && !graph.byRoute.has(route) && !graph.generatedRoutes.has(route));
		expect(unknown).toEqual([]);
		expect([...graph.generatedRoutes]).toEqual(expect.arrayContaining(['/alerts/page/2/', '/runbooks/page/2/', '/raci/page/2/']));
	});

	it('go on over further pages when an index is long, each linked from the first', async () => {
		const first = await readFile(join(whole.outDir, 'alerts/index.html'), 'utf8');
		expect(first).toContain('href="/alerts/page/2/"');
		const second = await readFile(join(whole.outDir, 'alerts/page/2/index.html'), 'utf8');
		expect(second).toContain('Alerts, page 2 of 2');
	});
});
