/**
 * How a large handbook's site is cut into parts: each page belongs to one search part, by a
 * digest of its route, and each search part has its own Pagefind index (merged in the browser).
 * A rebuild indexes again only the parts whose pages changed, and a sharded build
 * (`handbook build --shard i/n`) builds whole parts, so that shards never share an index.
 *
 * `handbook build` decides the number of parts and hands it, and the shard, to the Astro build it
 * runs through the environment (`HANDBOOK_SEARCH_PARTS`, `HANDBOOK_SHARD`); a plain `astro build`
 * sets neither and builds one site with one index.
 */

/**
 * About this many pages share one search index. Smaller parts make a rebuild faster (Pagefind
 * indexes about 250 pages a second here, and a rebuild indexes one part) and each search fetch a
 * little more (each part's metadata and filters): measured at 3,000 pages, a search for
 * "rollback" fetched 167 KB with 2 parts and 259 KB with 6.
 */
export const pagesPerSearchPart = 1000;

/** The number of search parts of a handbook of `pages` pages: 1 up to 1,499 pages, then one per 1,000. */
export function searchPartCount(pages: number): number {
	return Math.max(1, Math.round(pages / pagesPerSearchPart));
}

/** The search part of a route (`/runbooks/x/y/`, without base path): FNV-1a of the route, modulo the parts. */
export function searchPartOf(route: string, parts: number): number {
	let hash = 0x811c9dc5;
	for (let index = 0; index < route.length; index++) {
		hash ^= route.charCodeAt(index);
		hash = Math.imul(hash, 0x01000193);
	}
	return (hash >>> 0) % parts;
}

/** One slice of a sharded build: `index` of `count`, counted from 1 (`--shard 2/4`). */
export interface Shard {
	index: number;
	count: number;
}

/** Reads `i/n` (1 <= i <= n); `undefined` when it is not one. */
export function parseShard(text: string): Shard | undefined {
	const match = /^(\d+)\/(\d+)$/.exec(text.trim());
	if (!match) return undefined;
	const [index, count] = [Number(match[1]), Number(match[2])];
	return index >= 1 && index <= count ? { index, count } : undefined;
}

/** The search parts a shard builds: part `p` belongs to shard `p mod n + 1`. */
export function shardOfPart(part: number, count: number): number {
	return (part % count) + 1;
}

/** How the site being built is cut: its search parts and, in a sharded build, its shard. */
export interface SitePartition {
	searchParts: number;
	shard: Shard | undefined;
}

/** The partition `handbook build` set for this process (one part, no shard, when it set none). */
export function sitePartition(env: NodeJS.ProcessEnv = process.env): SitePartition {
	const parts = Number(env.HANDBOOK_SEARCH_PARTS);
	return {
		searchParts: Number.isInteger(parts) && parts >= 1 ? parts : 1,
		shard: env.HANDBOOK_SHARD ? parseShard(env.HANDBOOK_SHARD) : undefined,
	};
}

/** Whether this build renders a route: always, unless it is a shard and the route's part is another shard's. */
export function buildsRoute(route: string, partition: SitePartition = sitePartition()): boolean {
	const { shard, searchParts } = partition;
	return shard === undefined || shardOfPart(searchPartOf(route, searchParts), shard.count) === shard.index;
}

/**
 * Whether this Astro build leaves the search index to `handbook build`, which writes it in parts
 * once Astro has ended (and with it what depends on it, such as the offline copy's file list).
 */
export function searchIndexedLater(env: NodeJS.ProcessEnv = process.env): boolean {
	return env.HANDBOOK_SEARCH_PARTS !== undefined;
}
