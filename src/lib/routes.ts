import { slug as slugify } from 'github-slugger';
import type { CollectionName } from '../schemas/common.ts';

/**
 * Where each collection lives under `content/`, and where its pages are served. One table, used
 * by the content loaders, the page routes, the Markdown link rewriting and the check engine, so
 * that the site and the checker can never disagree about which file is which page.
 */
export const collectionFolders = {
	practices: 'practices',
	roles: 'roles',
	runbooks: 'runbooks',
	readiness: 'readiness',
	docs: 'guides',
} as const satisfies Partial<Record<CollectionName, string>>;

export type PageCollection = keyof typeof collectionFolders;
export const pageCollections = Object.keys(collectionFolders) as PageCollection[];

const markdownExtension = /\.(md|mdx|markdown)$/i;

/**
 * The entry id of a Markdown file, given its path relative to its collection folder:
 * `payments-api/Roll Back.md` -> `payments-api/roll-back`; `ops/index.md` -> `ops`;
 * the root `index.md` stays `index` (Starlight serves it at `/`).
 */
export function entryIdFromPath(pathInCollection: string): string {
	const segments = pathInCollection.replace(markdownExtension, '').split('/').filter(Boolean).map((part) => slugify(part));
	if (segments.length > 1 && (segments.at(-1) === 'index' || segments.at(-1) === 'readme')) segments.pop();
	if (segments.length === 1 && segments[0] === 'readme') return 'index';
	return segments.join('/');
}

/** The site route (without base path, with trailing slash) of an entry. */
export function entryRoute(collection: PageCollection, id: string): string {
	if (collection === 'docs') return id === 'index' ? '/' : `/${id}/`;
	return `/${collectionFolders[collection]}/${id}/`;
}

/** Which collection a content path (relative to `content/`) belongs to, and its id there. */
export function locateContentFile(contentPath: string): { collection: PageCollection; id: string } | undefined {
	if (!markdownExtension.test(contentPath)) return undefined;
	const [folder, ...rest] = contentPath.split('/');
	const collection = pageCollections.find((name) => collectionFolders[name] === folder);
	if (!collection || rest.length === 0) return undefined;
	if (rest.some((part) => part.startsWith('_'))) return undefined;
	return { collection, id: entryIdFromPath(rest.join('/')) };
}

/** The route of a content file (path relative to `content/`), if it is a page. */
export function contentPathToRoute(contentPath: string): string | undefined {
	const located = locateContentFile(contentPath);
	return located && entryRoute(located.collection, located.id);
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
	if (!markdownExtension.test(path)) return undefined;
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

function safeDecode(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}
