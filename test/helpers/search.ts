import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

interface PagefindClient {
	options(options: { basePath: string }): Promise<void>;
	init(): Promise<void>;
	mergeIndex(path: string): Promise<void>;
	search(term: string): Promise<{ results: { data(): Promise<{ url: string }> }[] }>;
	destroy?(): Promise<void>;
}

/**
 * The URLs a search of the built site finds for each query, best first, as the site's own
 * Pagefind client finds them (run in Node on the files of `outDir`, merging the search index's
 * parts as the site does). Loaded fresh for every call, so two sites can be compared.
 */
export async function searchSite(outDir: string, queries: string[]): Promise<Record<string, string[]>> {
	const base = pathToFileURL(join(outDir, 'pagefind/'));
	const realFetch = globalThis.fetch;
	globalThis.fetch = async (input: string | URL | Request) => {
		const url = new URL(input instanceof Request ? input.url : String(input), base);
		url.search = '';
		return new Response(readFileSync(url));
	};
	try {
		const pagefind = (await import(`${new URL('pagefind.js', base).href}?${Date.now()}`)) as PagefindClient;
		await pagefind.options({ basePath: base.href });
		await pagefind.init();
		const parts = readdirSync(join(outDir, 'pagefind'), { withFileTypes: true })
			.filter((entry) => entry.isDirectory() && /^part-\d+$/.test(entry.name))
			.map((entry) => entry.name)
			.sort();
		for (const part of parts) await pagefind.mergeIndex(new URL(`${part}/`, base).href);
		const found: Record<string, string[]> = {};
		for (const query of queries) {
			const search = await pagefind.search(query);
			const data = await Promise.all(search.results.map((result) => result.data()));
			// Page URLs as the site serves them: the client knows them relative to its base.
			found[query] = data.map((page) => page.url.slice(page.url.indexOf(outDir) + outDir.length));
		}
		return found;
	} finally {
		globalThis.fetch = realFetch;
	}
}
