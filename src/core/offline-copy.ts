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
 * Writes the service worker into a built site (after Pagefind has written its index): the offline
 * copy's file list with a revision per file (Workbox `injectManifest`), and the Workbox runtime.
 * Page files are listed by their address (`runbooks/x/`), as readers ask for them.
 */
export async function writeServiceWorker(outDir: string, globPatterns: string[]): Promise<{ count: number; size: number }> {
	const require = createRequire(import.meta.url);
	await mkdir(join(outDir, runtimeFolder), { recursive: true });
	for (const file of runtimeFiles) await copyFile(require.resolve(file), join(outDir, runtimeFolder, file.split('/').at(-1)!));
	const { count, size, warnings } = await injectManifest({
		swSrc: fileURLToPath(new URL('../site/offline/service-worker.js', import.meta.url)),
		swDest: join(outDir, serviceWorkerFile),
		globDirectory: outDir,
		globPatterns,
		// Pagefind's index grows with the handbook; no file of the copy is left out for its size.
		maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
		manifestTransforms: [
			async (entries) => ({
				// `runbooks/x/index.html` is asked for as `runbooks/x/`, the home page as `./`.
				manifest: entries.map((entry) => ({ ...entry, url: entry.url === 'index.html' ? './' : entry.url.replace(/\/index\.html$/, '/') })),
				warnings: [],
			}),
		],
	});
	if (warnings.length > 0) throw new Error(`the offline copy could not be listed: ${warnings.join('; ')}`);
	return { count, size };
}

/** Writes the service worker of a built site whose Astro build left its globs in {@link offlineListFile}; `undefined` when it left none. */
export async function writeDeferredServiceWorker(outDir: string): Promise<{ count: number; size: number } | undefined> {
	const list = join(outDir, offlineListFile);
	const globs = await readFile(list, 'utf8').then((text) => JSON.parse(text) as string[], () => undefined);
	if (!globs) return undefined;
	await rm(list);
	return writeServiceWorker(outDir, globs);
}

/** How the offline copy is reported. */
export function offlineSummary({ count, size }: { count: number; size: number }): string {
	return `offline copy: ${count} files, ${(size / 1024).toFixed(0)} KiB, saved by ${serviceWorkerFile} on the first visit`;
}

