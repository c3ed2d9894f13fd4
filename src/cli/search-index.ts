import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { copyFile, link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import pLimit from 'p-limit';
import * as pagefind from 'pagefind';
import { searchPartOf, type Shard, shardOfPart } from '../core/partition.ts';
import { routeOf } from '../checks/output/verify.ts';

/** An HTML file of the built site, as the search index and the verification of the output see it. */
export interface BuiltPage {
	/** Path relative to the output folder, with `/`. */
	file: string;
	/** A digest of its bytes. */
	digest: string;
	/** Whether it marks its searchable part (`data-pagefind-body`): Starlight's pages that are in search. */
	searchable: boolean;
}

/** Every HTML file of a built site with its digest, read once and shared by the search index and the verification. */
export function readBuiltPages(outDir: string): BuiltPage[] {
	const pages: BuiltPage[] = [];
	for (const entry of readdirSync(outDir, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile() || !/\.html?$/i.test(entry.name)) continue;
		const path = join(entry.parentPath, entry.name);
		const file = relative(outDir, path).split(sep).join('/');
		if (file.startsWith('pagefind/')) continue;
		const bytes = readFileSync(path);
		pages.push({ file, digest: createHash('sha256').update(bytes).digest('base64url').slice(0, 22), searchable: bytes.includes('data-pagefind-body') });
	}
	return pages.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

export interface SearchIndexOptions {
	/** How many parts the index has (see `core/partition.ts`). */
	parts: number;
	/** In a sharded build, only this shard's parts are indexed. */
	shard?: Shard | undefined;
	/** Where each part's index is kept between builds, with the digest of the pages it was built from. */
	cacheDir: string;
}

export interface SearchIndexResult {
	/** Parts this build holds. */
	parts: number;
	/** Parts indexed again because a page of theirs changed (the others were copied from the cache). */
	indexed: number;
	/** Pages in search. */
	pages: number;
}

/** The folder of a part's index in the site: the first part is Pagefind's own `pagefind/`, the others merge into it. */
export function searchPartFolder(part: number): string {
	return part === 0 ? 'pagefind' : `pagefind/part-${part}`;
}

// Bump when what a part's cached index depends on changes (Pagefind's options, what is fed to it).
const cacheVersion = 2;

/**
 * Builds the site's search index with Pagefind, in parts: each page belongs to the part of its
 * route (`searchPartOf`), each part is an index of its own, and the site's search merges them in
 * the browser (Starlight's `pagefind.mergeIndex`, set in astro.config.mjs). A part whose pages are
 * byte for byte those of the last build is copied from the cache instead of being indexed again,
 * so a rebuild after one page changed indexes one part. Parts are indexed one after the other, so
 * Pagefind holds at most one part in memory.
 *
 * As Pagefind does for a whole site, only pages that mark their searchable part
 * (`data-pagefind-body`) are indexed when any page does. Each part but the first is written
 * without Pagefind's scripts, styles and WebAssembly, which only the first part's are loaded of.
 */
export async function buildSearchIndex(outDir: string, pages: BuiltPage[], options: SearchIndexOptions): Promise<SearchIndexResult> {
	const { parts, shard, cacheDir } = options;
	const anySearchable = pages.some((page) => page.searchable);
	const byPart = new Map<number, BuiltPage[]>();
	for (let part = 0; part < parts; part++) if (!shard || shardOfPart(part, shard.count) === shard.index) byPart.set(part, []);
	for (const page of pages) {
		if (anySearchable && !page.searchable) continue;
		byPart.get(searchPartOf(routeOf(page.file), parts))?.push(page);
	}
	const manifestFile = join(cacheDir, 'manifest.json');
	const manifest = readManifest(manifestFile, parts);
	const scratch = `${outDir}.search`;
	let indexed = 0;
	const jobs = [...byPart].map(([part, partPages]) => async () => {
		const digest = createHash('sha256')
			.update(partPages.map((page) => `${page.file}\0${page.digest}\n`).join(''))
			.digest('hex');
		const cached = join(cacheDir, `part-${part}`);
		const target = join(outDir, searchPartFolder(part));
		if (manifest.digests[part] === digest && existsSync(cached)) {
			await linkTree(cached, target);
			return;
		}
		// Written apart first: the first part's folder holds the others' folders.
		const written = join(scratch, `index-${part}`);
		await indexPart(outDir, partPages, join(scratch, `pages-${part}`), written, part === 0);
		await linkTree(written, target);
		await rm(cached, { recursive: true, force: true });
		await linkTree(written, cached);
		manifest.digests[part] = digest;
		indexed++;
	});
	try {
		// Two parts at a time: Pagefind's service indexes them side by side, with little memory each.
		await runConcurrently(jobs, 2);
	} finally {
		await pagefind.close();
		await rm(scratch, { recursive: true, force: true });
	}
	await mkdir(cacheDir, { recursive: true });
	await writeFile(manifestFile, JSON.stringify(manifest));
	return { parts: byPart.size, indexed, pages: [...byPart.values()].reduce((count, list) => count + list.length, 0) };
}

/** Runs the jobs, at most `limit` at a time; rejects with the first failure once the others are done. */
async function runConcurrently(jobs: (() => Promise<void>)[], limit: number): Promise<void> {
	const queue = pLimit(limit);
	const failed = (await Promise.allSettled(jobs.map((job) => queue(job)))).find((result) => result.status === 'rejected');
	if (failed) throw failed.reason;
}

/**
 * Gives `to` the files of `from` as hard links (a copy where links cannot be made): an index part
 * is thousands of small files, never changed once written, so the site and the cache can share them.
 */
async function linkTree(from: string, to: string): Promise<void> {
	const folders = new Set<string>();
	for (const entry of readdirSync(from, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile()) continue;
		const source = join(entry.parentPath, entry.name);
		const target = join(to, relative(from, source));
		const folder = dirname(target);
		if (!folders.has(folder)) {
			await mkdir(folder, { recursive: true });
			folders.add(folder);
		}
		await link(source, target).catch(async (error: NodeJS.ErrnoException) => {
			if (error.code !== 'EEXIST') return copyFile(source, target);
			await rm(target);
			await link(source, target);
		});
	}
}

interface Manifest {
	version: number;
	parts: number;
	/** Digest of each part's pages when its cached index was built. */
	digests: Record<number, string>;
}

function readManifest(file: string, parts: number): Manifest {
	try {
		const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
		if (manifest.version === cacheVersion && manifest.parts === parts) return manifest;
	} catch {
		// No cache yet, or an unreadable one: every part is indexed.
	}
	return { version: cacheVersion, parts, digests: {} };
}

/**
 * What Pagefind reads of a page: its `<head>` (the language, the title, the filters in
 * `<meta data-pagefind-filter>`) and its `<main>`, the element Starlight marks
 * `data-pagefind-body` and the only one indexed. The navigation, header, scripts and icons
 * around it are half of a page and half of Pagefind's time; without them Pagefind writes the same
 * index (checked on 1,500 runbook pages: the same fragments and word index, byte for byte). A page
 * that is not shaped so is given whole.
 */
export function searchedPart(html: string): string {
	const head = html.indexOf('</head>');
	const main = html.indexOf('<main');
	const end = html.lastIndexOf('</main>');
	if (head === -1 || main < head || end < main) return html;
	return `${html.slice(0, head + '</head>'.length)}<body>${html.slice(main, end + '</main>'.length)}</body></html>`;
}

/** Pagefind's files a merged part does not need: the search merges parts into the first part's scripts and WebAssembly. */
const scriptsAndStyles = /^(pagefind[\w-]*\.(js|css)|wasm\..*\.pagefind)$/;

/**
 * Indexes one part: its pages are written into a folder of their own (same paths, so Pagefind
 * gives them the same URLs), which Pagefind reads as it would the whole site. Each page is given
 * to Pagefind as its `<head>` and its `<main>` only ({@link searchedPart}).
 */
async function indexPart(outDir: string, pages: BuiltPage[], folder: string, target: string, primary: boolean): Promise<void> {
	await rm(folder, { recursive: true, force: true });
	const folders = new Set<string>();
	for (const page of pages) {
		const to = join(folder, page.file);
		if (!folders.has(dirname(to))) {
			await mkdir(dirname(to), { recursive: true });
			folders.add(dirname(to));
		}
		await writeFile(to, searchedPart(await readFile(join(outDir, page.file), 'utf8')));
	}
	const { index, errors } = await pagefind.createIndex();
	if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
	try {
		const added = await index.addDirectory({ path: folder });
		if (added.errors.length > 0) throw new Error(`Pagefind: ${added.errors.join('; ')}`);
		const written = await index.writeFiles({ outputPath: target });
		if (written.errors.length > 0) throw new Error(`Pagefind: ${written.errors.join('; ')}`);
	} finally {
		await index.deleteIndex();
		await rm(folder, { recursive: true, force: true });
	}
	if (!primary) {
		for (const name of readdirSync(target)) if (scriptsAndStyles.test(name)) await rm(join(target, name));
	}
}
