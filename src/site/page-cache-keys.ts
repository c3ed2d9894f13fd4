import { createHash } from 'node:crypto';
import type { Entry } from '../checks/index.ts';
import { getCheckResult } from './check-result.ts';
import { type IndexGroup, indexPage, indexPagePaths } from './pagination.ts';
import { getSiteData } from './site-data.ts';

let signature: Promise<string> | undefined;

/**
 * A digest of everything outside a page that its HTML shows: the navigation (every page's title,
 * route and group), the teams and entry titles of the metadata headers, the RACI tables (role
 * pages list their assignments across practices), the review policy and "today" (the overdue
 * banner), the base path and the edit-link prefix.
 */
function siteSignature(): Promise<string> {
	signature ??= (async () => {
		const [data, result] = await Promise.all([getSiteData(), getCheckResult()]);
		const hash = createHash('sha256');
		const add = (value: unknown) => hash.update(JSON.stringify(value) ?? 'undefined').update('\0');
		add(data.sections);
		add([...data.teams]);
		add([...data.titles]);
		add(result.graph.entries.flatMap((entry) => (entry.raci ? [[entry.id, entry.raci]] : [])));
		add(result.graph.policy);
		add(result.today);
		add(import.meta.env.BASE_URL);
		add(data.editUrlBase);
		return hash.digest('hex');
	})();
	return signature;
}

/**
 * The `cacheKey` of an entry page for Astro's incremental builds: the site signature, the
 * entry's own digest and its last-updated date, and `shows`: what else the page shows that the
 * signature does not cover (a service page's runbooks, alerts and releases). When none of them
 * changed since the previous build, Astro copies the page instead of rendering it again, so a
 * rebuild after editing one runbook's body renders one runbook. Any change of a title, team or
 * policy changes the signature and renders every page again.
 */
export async function pageCacheKey(
	entry: { digest?: string | number | undefined; filePath?: string | undefined; id: string },
	shows?: unknown,
): Promise<string> {
	const [site, data] = await Promise.all([siteSignature(), getSiteData()]);
	const updated = entry.filePath ? data.lastUpdated.get(entry.filePath)?.toISOString() : undefined;
	return createHash('sha256')
		.update(`${site}\0${entry.id}\0${entry.digest ?? ''}\0${updated ?? ''}\0${JSON.stringify(shows) ?? ''}`)
		.digest('hex');
}

/**
 * The `cacheKey` of a page that lists entries (a service's runbook index): the site signature and
 * what the page shows of each entry.
 */
export async function listCacheKey(id: string, entries: { id: string; data: { title: string; summary?: string; owner?: { id: string } } }[]): Promise<string> {
	const shown = entries.map((entry) => [entry.id, entry.data.title, entry.data.summary, entry.data.owner?.id]);
	return createHash('sha256')
		.update(`${await siteSignature()}\0${id}\0${JSON.stringify(shown)}`)
		.digest('hex');
}

/**
 * The `cacheKey` of a generated page (an index page, an alert's address, a page of the RACI
 * matrix): the site signature and what the page shows, as given. The page is rendered again
 * exactly when one of them changed.
 */
export async function shownCacheKey(route: string, shown: unknown): Promise<string> {
	return createHash('sha256')
		.update(`${await siteSignature()}\0${route}\0${JSON.stringify(shown) ?? ''}`)
		.digest('hex');
}

/**
 * What a service page shows from the rest of the handbook, for its cache key: its objectives,
 * its runbooks with the alerts leading to them, its dependencies both ways and its releases.
 */
export function serviceFactsShown(entry: Entry | undefined): unknown {
	const facts = entry?.serviceFacts;
	if (!facts) return null;
	const page = (item: Entry) => [item.route, item.title, item.raw.summary, item.release ?? null];
	return {
		slos: facts.slos,
		runbooks: facts.runbooks.map(page),
		alerts: facts.alerts.map((alert) => [alert.name, alert.route, alert.runbook?.route, alert.severities, alert.required]),
		dependencies: facts.dependencies,
		dependents: facts.dependents,
		releases: facts.releases.map(page),
		oncall: facts.oncall,
	};
}

/**
 * The pages of a long index for its `[...page]` route ({@link indexPagePaths}), each with the
 * `cacheKey` of what it shows: its page number, the outline of every group, and its sections,
 * with each item as `itemShown` gives it (default: the item itself).
 */
export function indexPathsWithCacheKeys<T>(route: string, groups: IndexGroup<T>[], itemShown: (item: T) => unknown = (item) => item) {
	const items = groups.reduce((count, group) => count + group.items.length, 0);
	return Promise.all(
		indexPagePaths(route, items, (page) => ({ index: indexPage(route, groups, page) })).map(async (path) => {
			const { index } = path.props;
			const sections = index.sections.map((section) => [section.key, section.starts, section.items.map(itemShown)]);
			return { ...path, cacheKey: await shownCacheKey(index.route, [index.page, index.outline, sections]) };
		}),
	);
}
