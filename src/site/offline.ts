import { copyFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { injectManifest } from 'workbox-build';
import type { ContentGraph } from '../checks/index.ts';
import { getCheckResult } from './check-result.ts';

/** The service worker's file, at the top of the site (its scope is the whole site). */
export const serviceWorkerFile = 'sw.js';
/** Where the Workbox runtime the service worker loads goes. */
const runtimeFolder = 'offline';
/** The Workbox modules the service worker uses, loaded by `workbox-sw` on first use (production builds). */
const runtimeFiles = ['workbox-sw/build/workbox-sw.js', ...['core', 'precaching', 'routing', 'strategies'].map((name) => `workbox-${name}/build/workbox-${name}.prod.js`)];

/**
 * The pages of the offline copy, as routes: every runbook and runbook index, every page a runbook
 * links to (the contacts and escalation page, severity and priority, the practices and the other
 * runbooks it sends the reader to), and the home page. The rest of the site is kept as it is
 * visited; the search index is saved whole, so search finds every page offline.
 */
export function offlineRoutes(graph: ContentGraph): string[] {
	const runbooks = graph.entries.filter((entry) => entry.collection === 'runbooks').map((entry) => entry.route);
	const linked = graph.entries.filter((entry) => runbooks.some((route) => entry.linkedFrom.has(route))).map((entry) => entry.route);
	return [...new Set(['/', '/runbooks/', ...runbooks, ...linked])].sort();
}

/**
 * The files saved on first visit, as globs in the built site: the offline pages, the fallback page
 * for any other address, the site's scripts and styles, and what Pagefind's search reads
 * (its script and worker, the index, filters and fragments, the WebAssembly; not its own UIs,
 * since Starlight bundles the one the site uses).
 */
export function offlineFiles(routes: string[], folderIndexes: string[]): string[] {
	const page = (route: string) => `${route.slice(1)}index.html`;
	return [
		...routes.map(page),
		...folderIndexes.map(page),
		'404.html',
		'_astro/**/*.{js,css}',
		'favicon.svg',
		'pagefind/pagefind.js',
		'pagefind/pagefind-worker.js',
		'pagefind/pagefind-entry.json',
		'pagefind/*.pf_meta',
		'pagefind/wasm.*.pagefind',
		'pagefind/{index,filter,fragment}/*',
	];
}

/**
 * Writes the service worker into a built site (after Pagefind has written its index): the offline
 * copy's file list with a revision per file (Workbox `injectManifest`), and the Workbox runtime.
 * Page files are listed by their address (`runbooks/x/`), as readers ask for them.
 */
export async function writeServiceWorker(outDir: string, graph: ContentGraph): Promise<{ count: number; size: number }> {
	const require = createRequire(import.meta.url);
	await mkdir(join(outDir, runtimeFolder), { recursive: true });
	for (const file of runtimeFiles) await copyFile(require.resolve(file), join(outDir, runtimeFolder, file.split('/').at(-1)!));
	const folderIndexes = [...new Set(graph.entries.filter((entry) => entry.collection === 'runbooks').map((entry) => entry.route.replace(/[^/]+\/$/, '')))];
	const { count, size, warnings } = await injectManifest({
		swSrc: fileURLToPath(new URL('./offline/service-worker.js', import.meta.url)),
		swDest: join(outDir, serviceWorkerFile),
		globDirectory: outDir,
		globPatterns: offlineFiles(offlineRoutes(graph), folderIndexes),
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

/**
 * The integration that writes the service worker at the end of a build. It must come after
 * Starlight in the integrations, so that Pagefind's index is written first.
 */
export function offlineCopy(): AstroIntegration {
	return {
		name: 'practice-handbook:offline',
		hooks: {
			'astro:build:done': async ({ dir, logger }) => {
				const { graph } = await getCheckResult();
				const { count, size } = await writeServiceWorker(fileURLToPath(dir), graph);
				logger.info(`offline copy: ${count} files, ${(size / 1024).toFixed(0)} KiB, saved by ${serviceWorkerFile} on the first visit`);
			},
		},
	};
}
