import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { injectManifest } from 'workbox-build';

// The offline copy of a built site: its service worker, written with Workbox once the site and its
// search index are complete. Which files it saves is the site's to say (src/site/offline.ts).

/** The service worker's file, at the top of the site (its scope is the whole site). */
export const serviceWorkerFile = 'sw.js';
/** Where the Workbox runtime the service worker loads goes. */
const runtimeFolder = 'offline';
/** The Workbox modules the service worker uses, loaded by `workbox-sw` on first use (production builds). */
const runtimeFiles = ['workbox-sw/build/workbox-sw.js', ...['core', 'precaching', 'routing', 'strategies'].map((name) => `workbox-${name}/build/workbox-${name}.prod.js`)];

/**
 * Where the Astro build leaves the offline copy's globs when the search index is written after
 * it (`handbook build`, `handbook merge`): the command writes the service worker then, with
 * {@link writeDeferredServiceWorker}.
 */
export const offlineListFile = '.handbook-offline.json';

/**
 * How many bytes of pages the offline copy saves on the first visit at most: a handbook with
 * thousands of runbooks would otherwise have every reader download hundreds of megabytes (345 MiB
 * of pages and index for the synthetic 10,000-page handbook). The pages listed first are kept;
 * the others are saved as they are opened. About 1,000 pages of 30 KB; the shipped handbook's
 * offline pages are 2 MiB.
 */
export const offlinePageBudget = 32 * 1024 * 1024;

/** What a service worker saves on the first visit, and how many listed pages the budget left out. */
export interface OfflineCopy {
	count: number;
	size: number;
	leftOut: number;
}

/**
 * Writes the service worker into a built site (after Pagefind has written its index): the offline
 * copy's file list with a revision per file (Workbox `injectManifest`), and the Workbox runtime.
 * Page files are listed by their address (`runbooks/x/`), as readers ask for them. Pages are kept
 * in the order their globs are given until they add up to `pageBudget` bytes; the rest are left
 * out (every other file is kept).
 */
export async function writeServiceWorker(outDir: string, globPatterns: string[], pageBudget: number = offlinePageBudget): Promise<OfflineCopy> {
	const require = createRequire(import.meta.url);
	await mkdir(join(outDir, runtimeFolder), { recursive: true });
	for (const file of runtimeFiles) await copyFile(require.resolve(file), join(outDir, runtimeFolder, file.split('/').at(-1)!));
	const rank = new Map(globPatterns.map((pattern, index) => [pattern, index]));
	let leftOut = 0;
	const { count, size, warnings } = await injectManifest({
		swSrc: fileURLToPath(new URL('../site/offline/service-worker.js', import.meta.url)),
		swDest: join(outDir, serviceWorkerFile),
		globDirectory: outDir,
		globPatterns,
		// Pagefind's index grows with the handbook; no file of the copy is left out for its size.
		maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
		manifestTransforms: [
			async (entries) => {
				// Pages within the budget, the most needed first (their globs are their paths, in order).
				const pages = entries.filter((entry) => entry.url.endsWith('.html') && rank.has(entry.url)).sort((a, b) => rank.get(a.url)! - rank.get(b.url)!);
				let bytes = 0;
				const dropped = new Set<string>();
				for (const page of pages) {
					bytes += page.size;
					if (bytes > pageBudget) dropped.add(page.url);
				}
				leftOut = dropped.size;
				return { manifest: entries.filter((entry) => !dropped.has(entry.url)), warnings: [] };
			},
			async (entries) => ({
				// `runbooks/x/index.html` is asked for as `runbooks/x/`, the home page as `./`.
				manifest: entries.map((entry) => ({ ...entry, url: entry.url === 'index.html' ? './' : entry.url.replace(/\/index\.html$/, '/') })),
				warnings: [],
			}),
		],
	});
	if (warnings.length > 0) throw new Error(`the offline copy could not be listed: ${warnings.join('; ')}`);
	return { count, size, leftOut };
}

/** Writes the service worker of a built site whose Astro build left its globs in {@link offlineListFile}; `undefined` when it left none. */
export async function writeDeferredServiceWorker(outDir: string): Promise<OfflineCopy | undefined> {
	const list = join(outDir, offlineListFile);
	const globs = await readFile(list, 'utf8').then((text) => JSON.parse(text) as string[], () => undefined);
	if (!globs) return undefined;
	await rm(list);
	return writeServiceWorker(outDir, globs);
}

/** How the offline copy is reported. */
export function offlineSummary({ count, size, leftOut }: OfflineCopy): string {
	const budget = leftOut > 0 ? ` (${leftOut} more pages, past the budget of ${offlinePageBudget / 1024 / 1024} MiB, are saved as they are opened)` : '';
	return `offline copy: ${count} files, ${(size / 1024).toFixed(0)} KiB, saved by ${serviceWorkerFile} on the first visit${budget}`;
}

