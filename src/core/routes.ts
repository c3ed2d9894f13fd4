import { collections, type PageCollection, pageCollections, siteFiles, sitePages } from './collections.ts';

/** File extensions of pages: lower case, as Astro's content entry types are matched. */
export const pageExtensions = ['.md', '.mdx', '.markdown'] as const;

const pageExtensionPattern = /\.(md|mdx|markdown)$/;

/** A Markdown file that is a page of a collection. */
export interface PageFile {
	/** Path relative to the content folder, with `/`. */
	contentPath: string;
	collection: PageCollection;
	id: string;
}

/** The extension of a file name, with its dot, as written (`.md`, `.MD`, `''`). */
export function extensionOf(path: string): string {
	const name = path.slice(path.lastIndexOf('/') + 1);
	const dot = name.lastIndexOf('.');
	return dot <= 0 ? '' : name.slice(dot);
}

/**
 * The entry id of a Markdown file, given its path relative to its collection folder: the path
 * without its extension, each part kept as the author wrote it (case and dots), with spaces and
 * characters that have a meaning in URLs made hyphens: `payments-api/Roll Back.md` ->
 * `payments-api/Roll-Back`; `rotating-rds.credentials.md` keeps its dot; `on-call.html.md`
 * (Middleman's naming) -> `on-call`; `ops/index.md` or `ops/README.md` -> `ops`; the root
 * `index.md` stays `index` (Starlight serves it at `/`).
 */
export function entryIdFromPath(pathInCollection: string): string {
	const segments = pathInCollection
		.replace(/(\.html?)?\.(md|mdx|markdown)$/i, '')
		.split('/')
		.filter(Boolean)
		.map(idSegment);
	const isIndex = (segment: string | undefined) => segment?.toLowerCase() === 'index' || segment?.toLowerCase() === 'readme';
	if (segments.length > 1 && isIndex(segments.at(-1))) segments.pop();
	else if (segments.length === 1 && isIndex(segments[0])) return 'index';
	return segments.join('/');
}

/** One part of an id: letters, digits, `.`, `_`, `~` and `-` as written, anything else a hyphen. */
function idSegment(name: string): string {
	const segment = name
		.normalize('NFC')
		.replace(/[^\p{L}\p{M}\p{N}._~-]+/gu, '-')
		.replace(/-{2,}/g, '-')
		.replace(/^-|-$/g, '');
	return segment === '' ? '-' : segment;
}

/** The site route (without base path, with trailing slash) of an entry. */
export function entryRoute(collection: PageCollection, id: string): string {
	const { routeBase } = collections[collection];
	if (routeBase === '/' && id === 'index') return '/';
	return `${routeBase}${id}/`;
}

/**
 * The page a content path (relative to the content folder) would be, by its collection folder
 * and the entry id rule, if it has a page extension and no part of it is hidden or a draft.
 * Whether the file exists is for {@link selectContentFiles} to say.
 */
export function pageFileOf(contentPath: string): PageFile | undefined {
	if (!pageExtensionPattern.test(contentPath)) return undefined;
	const [folder, ...rest] = contentPath.split('/');
	if (rest.length === 0 || contentPath.split('/').some((part) => part.startsWith('_') || part.startsWith('.'))) return undefined;
	const collection = pageCollections.find((name) => collections[name].folder === folder);
	if (!collection) return undefined;
	return { contentPath, collection, id: entryIdFromPath(rest.join('/')) };
}

/** The route of a content file (path relative to the content folder), if it is a page. */
export function contentPathToRoute(contentPath: string): string | undefined {
	const page = pageFileOf(contentPath);
	return page && entryRoute(page.collection, page.id);
}

/**
 * The folder group a page belongs to, for collections grouped by folder: the first folder below
 * the collection's folder, as its route segment (`runbooks/Payments API/x.md` -> `Payments-API`).
 * `undefined` for a page directly in the collection folder, or a collection not grouped by folder.
 */
export function folderGroupOf(collection: PageCollection, contentPath: string): string | undefined {
	const { group } = collections[collection] as { group?: { by: unknown } };
	if (group?.by !== 'folder') return undefined;
	const parts = contentPath.split('/');
	return parts.length > 2 ? idSegment(parts[1]!) : undefined;
}

/**
 * The group of a collection's navigation and index page a page belongs to, by the registry's
 * `group`: its folder group, or the key `group.by` gives its frontmatter; `''` for a page outside
 * every folder of a collection grouped by folder. The collection's index page has a section with
 * this id for each group. `undefined` when the collection is not grouped or the data is unknown.
 */
export function groupKeyOf(collection: PageCollection, contentPath: string, data: unknown): string | undefined {
	const { group } = collections[collection] as { group?: { by: 'folder' | ((data: unknown) => string) } };
	if (group === undefined) return undefined;
	if (group.by === 'folder') return folderGroupOf(collection, contentPath) ?? '';
	return data === undefined ? undefined : group.by(data);
}

/** The route of a group's own index page, for collections grouped by folder. */
export function folderGroupRoute(collection: PageCollection, folder: string): string {
	return `${collections[collection].routeBase}${folder}/`;
}

/**
 * The route no page can have: the site's own not-found page is written as `404.html` (what a
 * static host serves for an address with no page), so nothing is ever served at `/404/`, and a
 * page there would be lost to it.
 */
export const notFoundRoute = '/404/';

/**
 * Routes the site serves without a content file of their own: every generated collection index,
 * the other generated pages (RACI matrix, alerts, release board, health) and generated files (the
 * release calendar). The index page of each folder group (`/runbooks/<service>/`), the stable
 * address of each alert with a runbook ({@link alertRoute}) and the later pages of long indexes
 * ({@link laterIndexPageRoutes}) come on top, as the content graph finds them.
 */
export function generatedRoutes(): string[] {
	return [
		...pageCollections.filter((name) => collections[name].indexGenerated).map((name) => collections[name].indexRoute),
		...sitePages.map((page) => page.route),
		...siteFiles,
	];
}

/**
 * Index pages the site generates list at most this many items each (practices, services, the
 * services of the runbooks index, alerts, ...): a longer list continues on `<index>page/2/`, and so
 * on, so that no page grows with the handbook.
 */
export const itemsPerIndexPage = 200;

/** The RACI matrix shows this many practices per page (each has about six activities in eight columns). */
export const practicesPerRaciPage = 50;

/** How many pages a list of `items` takes at `perPage` items a page (at least one). */
export function indexPageCount(items: number, perPage: number = itemsPerIndexPage): number {
	return Math.max(1, Math.ceil(items / perPage));
}

/** The route of page `page` (from 1) of the index at `route`: the index itself, then `<route>page/<n>/`. */
export function indexPageRoute(route: string, page: number): string {
	return page <= 1 ? route : `${route}page/${page}/`;
}

/** The routes of the pages after the first of an index of `items` items: what {@link generatedRoutes} leaves to the content graph. */
export function laterIndexPageRoutes(route: string, items: number, perPage: number = itemsPerIndexPage): string[] {
	return Array.from({ length: indexPageCount(items, perPage) - 1 }, (_, index) => indexPageRoute(route, index + 2));
}

/** How many items each generated index lists: a collection's index its entries, the RACI matrix its practices with a RACI table. */
export interface IndexSizes {
	practices: number;
	roles: number;
	services: number;
	runbooks: number;
	readiness: number;
	alerts: number;
	raciPractices: number;
}

/** The routes of the later pages of every generated index (the first is in {@link generatedRoutes}). */
export function laterIndexPages(sizes: IndexSizes): string[] {
	return [
		...laterIndexPageRoutes(collections.practices.indexRoute, sizes.practices),
		...laterIndexPageRoutes(collections.roles.indexRoute, sizes.roles),
		...laterIndexPageRoutes(collections.services.indexRoute, sizes.services),
		...laterIndexPageRoutes(collections.runbooks.indexRoute, sizes.runbooks),
		...laterIndexPageRoutes(collections.readiness.indexRoute, sizes.readiness),
		...laterIndexPageRoutes('/alerts/', sizes.alerts),
		...laterIndexPageRoutes('/raci/', sizes.raciPractices, practicesPerRaciPage),
	];
}

/**
 * Alert names that get a stable address `/alerts/<name>/`: letters, digits and `_`, as Prometheus
 * alert names are written. Other names are listed on `/alerts/` without one, so no name can make
 * a path that escapes its folder.
 */
export const alertNamePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The stable address of an alert, which redirects to its runbook; `undefined` for a name that cannot be one. */
export function alertRoute(name: string): string | undefined {
	return alertNamePattern.test(name) ? `/alerts/${name}/` : undefined;
}

/**
 * Prefixes a site route (`/practices/x/`) with the base path the site is served under
 * (`/my-handbook/`). Every internal href the site emits goes through here.
 */
export function withBase(base: string, route: string): string {
	if (!route.startsWith('/')) return route;
	const prefix = base.endsWith('/') ? base.slice(0, -1) : base;
	return `${prefix}${route}`;
}

/** Decodes percent-escapes, leaving a malformed escape as written. */
export function safeDecode(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}
