import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { ContentGraph } from '../checks/index.ts';
import { offlineListFile, offlineSummary, writeServiceWorker } from '../core/offline-copy.ts';
import { searchIndexedLater } from '../core/partition.ts';
import { getCheckResult } from './check-result.ts';

/**
 * The pages of the offline copy, as routes: every runbook and runbook index, every page a runbook
 * links to (the contacts and escalation page, severity and priority, the practices and the other
 * runbooks it sends the reader to), and the home page. The rest of the site is kept as it is
 * visited; the search index is saved whole, so search finds every page offline.
 */
export function offlineRoutes(graph: ContentGraph): string[] {
	const runbooks = new Set(graph.entries.filter((entry) => entry.collection === 'runbooks').map((entry) => entry.route));
	const linked = graph.entries.filter((entry) => [...entry.linkedFrom].some((route) => runbooks.has(route))).map((entry) => entry.route);
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
		'pagefind/wasm.*.pagefind',
		// The first part of the index and the others (`pagefind/part-<n>/`), which the search merges into it.
		'pagefind/**/pagefind-entry.json',
		'pagefind/**/*.pf_meta',
		'pagefind/**/{index,filter,fragment}/*',
	];
}

/** The offline copy's files of a handbook, as globs in its built site (see {@link offlineFiles}). */
export function offlineGlobs(graph: ContentGraph): string[] {
	const folderIndexes = [...new Set(graph.entries.filter((entry) => entry.collection === 'runbooks').map((entry) => entry.route.replace(/[^/]+\/$/, '')))];
	return offlineFiles(offlineRoutes(graph), folderIndexes);
}

/**
 * The integration that writes the service worker at the end of a build. It must come after
 * Starlight in the integrations, so that Pagefind's index is written first. Under `handbook
 * build`, which indexes the site for search once Astro is done (`HANDBOOK_SEARCH_PARTS`), it
 * leaves the list of files in {@link offlineListFile} for the command instead.
 */
export function offlineCopy(): AstroIntegration {
	return {
		name: 'practice-handbook:offline',
		hooks: {
			'astro:build:done': async ({ dir, logger }) => {
				const { graph } = await getCheckResult();
				const globs = offlineGlobs(graph);
				if (searchIndexedLater()) return writeFile(join(fileURLToPath(dir), offlineListFile), JSON.stringify(globs));
				logger.info(offlineSummary(await writeServiceWorker(fileURLToPath(dir), globs)));
			},
		},
	};
}
