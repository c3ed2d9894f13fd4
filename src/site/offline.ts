import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { ContentGraph } from '../checks/index.ts';
import { offlineListFile, offlineSummary, writeServiceWorker } from '../core/offline-copy.ts';
import { searchIndexedLater } from '../core/partition.ts';
import { getCheckResult } from './check-result.ts';

/**
 * The pages of the offline copy, as routes, most needed first: the home page, the runbook index
 * and each service's runbook index, the pages runbooks link to (the contacts and escalation page,
 * severity and priority, the practices and the other runbooks it sends the reader to; the ones
 * most runbooks link to first), then every runbook. The rest of the site is kept as it is
 * visited; the search index is saved whole, so search finds every page offline. When the pages
 * outgrow the copy's budget, the last ones are left out (see `core/offline-copy.ts`).
 */
export function offlineRoutes(graph: ContentGraph): string[] {
	const runbooks = graph.entries.filter((entry) => entry.collection === 'runbooks');
	const runbookRoutes = new Set(runbooks.map((entry) => entry.route));
	const folderIndexes = [...new Set(runbooks.map((entry) => entry.route.replace(/[^/]+\/$/, '')))].sort();
	const linked = graph.entries
		.map((entry) => ({ route: entry.route, from: [...entry.linkedFrom].filter((route) => runbookRoutes.has(route)).length }))
		.filter((page) => page.from > 0 && !runbookRoutes.has(page.route))
		.sort((a, b) => b.from - a.from || a.route.localeCompare(b.route))
		.map((page) => page.route);
	return [...new Set(['/', '/runbooks/', ...folderIndexes, ...linked, ...[...runbookRoutes].sort()])];
}

/**
 * The files saved on first visit, as globs in the built site: the offline pages (in the order of
 * `routes`, most needed first), the fallback page for any other address, the site's scripts and
 * styles, and what Pagefind's search reads (its script and worker, the index, filters and
 * fragments, the WebAssembly; not its own UIs, since Starlight bundles the one the site uses).
 */
export function offlineFiles(routes: string[]): string[] {
	const page = (route: string) => `${route.slice(1)}index.html`;
	return [
		...routes.map(page),
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
	return offlineFiles(offlineRoutes(graph));
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
