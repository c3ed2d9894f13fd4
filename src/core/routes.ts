import { slug as slugify } from 'github-slugger';
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
 * The entry id of a Markdown file, given its path relative to its collection folder:
 * `payments-api/Roll Back.md` -> `payments-api/roll-back`; `ops/index.md` -> `ops`;
 * the root `index.md` stays `index` (Starlight serves it at `/`).
 */
export function entryIdFromPath(pathInCollection: string): string {
	const segments = pathInCollection
		.replace(pageExtensionPattern, '')
		.split('/')
		.filter(Boolean)
		.map((part) => slugify(part));
	if (segments.length > 1 && (segments.at(-1) === 'index' || segments.at(-1) === 'readme')) segments.pop();
	if (segments.length === 1 && segments[0] === 'readme') return 'index';
	return segments.join('/');
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
 * the collection's folder, as its route segment (`runbooks/Payments API/x.md` -> `payments-api`).
 * `undefined` for a page directly in the collection folder, or a collection not grouped by folder.
 */
export function folderGroupOf(collection: PageCollection, contentPath: string): string | undefined {
	const { group } = collections[collection] as { group?: { by: unknown } };
	if (group?.by !== 'folder') return undefined;
	const parts = contentPath.split('/');
	return parts.length > 2 ? slugify(parts[1]!) : undefined;
}

/** The route of a group's own index page, for collections grouped by folder. */
export function folderGroupRoute(collection: PageCollection, folder: string): string {
	return `${collections[collection].routeBase}${folder}/`;
}

/**
 * Routes the site serves without a content file of their own: every generated collection index,
 * the other generated pages (RACI matrix, alerts, release board, health) and generated files (the
 * release calendar). The index page of each folder group (`/runbooks/<service>/`) and the stable
 * address of each alert with a runbook ({@link alertRoute}) come on top, as the content graph finds them.
 */
export function generatedRoutes(): string[] {
	return [
		...pageCollections.filter((name) => collections[name].indexGenerated).map((name) => collections[name].indexRoute),
		...sitePages.map((page) => page.route),
		...siteFiles,
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

export interface ResolvedLink {
	/** Route of the target page, e.g. `/practices/incident-management/`. */
	route: string;
	/** The fragment without `#`, if any, still URL-encoded as written. */
	anchor?: string;
	/** The content path the link named, for relative `.md` links. */
	contentPath?: string;
}

/**
 * Resolves a link written in a Markdown file to the page route it points at.
 * Handles relative links to `.md` files (`../practices/incident-management.md#raci`) and
 * site-absolute links (`/practices/incident-management/#raci`). Returns `undefined` for links
 * that are not to pages of this handbook: external URLs, `mailto:`, same-page `#anchors`,
 * relative links to non-Markdown files.
 */
export function resolveContentLink(fromContentPath: string, href: string): ResolvedLink | undefined {
	if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//') || href.startsWith('#') || href === '') return undefined;
	const hashIndex = href.indexOf('#');
	const pathAndQuery = hashIndex === -1 ? href : href.slice(0, hashIndex);
	const anchor = hashIndex === -1 ? undefined : href.slice(hashIndex + 1) || undefined;
	const path = pathAndQuery.split('?')[0] ?? '';
	if (path.startsWith('/')) {
		return { route: path.endsWith('/') || /\.[a-z0-9]+$/i.test(path) ? path : `${path}/`, anchor };
	}
	if (!/\.(md|mdx|markdown)$/i.test(path)) return undefined;
	const fromDir = fromContentPath.split('/').slice(0, -1);
	const contentPath = joinPath(fromDir, safeDecode(path));
	if (contentPath === undefined) return undefined;
	const route = contentPathToRoute(contentPath);
	if (route === undefined) return { route: `/${contentPath}`, anchor, contentPath };
	return { route, anchor, contentPath };
}

function joinPath(base: string[], relative: string): string | undefined {
	const parts = [...base];
	for (const part of relative.split('/')) {
		if (part === '' || part === '.') continue;
		if (part === '..') {
			if (parts.length === 0) return undefined;
			parts.pop();
		} else parts.push(part);
	}
	return parts.join('/');
}

/** Decodes percent-escapes, leaving a malformed escape as written. */
export function safeDecode(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}
