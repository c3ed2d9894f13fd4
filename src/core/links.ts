import type { ContentSelection } from './files.ts';
import { entryRoute, type PageFile, pageExtensions, safeDecode, withBase } from './routes.ts';

/**
 * What links can lead to, from one file selection: the pages (by content path, by route, by
 * folder for index pages), the other files next to them (assets), and the drafts. The checker
 * and the site's Markdown plugins resolve links with the same instance of it.
 */
export interface SiteFiles {
	pages: Map<string, PageFile & { route: string }>;
	/** Pages by their content path in lower case, for links that write the extension in capitals. */
	pagesByLowerPath: Map<string, string>;
	byRoute: Map<string, PageFile & { route: string }>;
	/** The index page of each folder (`guides/ops` -> `guides/ops/index.md`). */
	folderIndex: Map<string, PageFile & { route: string }>;
	assets: Set<string>;
	drafts: Set<string>;
}

/** The link targets of a file selection. */
export function siteFilesOf(selection: Pick<ContentSelection, 'pages' | 'assets' | 'drafts'>): SiteFiles {
	const files: SiteFiles = {
		pages: new Map(),
		pagesByLowerPath: new Map(),
		byRoute: new Map(),
		folderIndex: new Map(),
		assets: new Set(selection.assets),
		drafts: new Set(selection.drafts),
	};
	for (const page of selection.pages) {
		const withRoute = { ...page, route: entryRoute(page.collection, page.id) };
		files.pages.set(page.contentPath, withRoute);
		files.pagesByLowerPath.set(page.contentPath.toLowerCase(), page.contentPath);
		if (!files.byRoute.has(withRoute.route)) files.byRoute.set(withRoute.route, withRoute);
		const name = page.contentPath.slice(page.contentPath.lastIndexOf('/') + 1);
		if (/^(index|readme)\.[a-z]+$/i.test(name)) files.folderIndex.set(page.contentPath.slice(0, -name.length - 1), withRoute);
	}
	return files;
}

/** Where a link written in a content file leads, read as GitHub reads Markdown: relative to the file. */
export type LinkTarget =
	/** Another site or scheme (`https:`, `mailto:`, `//host`): not this handbook's to check. */
	| { kind: 'external' }
	/** A page of the handbook: by its file (`../x.md`), its folder (`./ops/`), its route, or the same page (`#x`, `?q#x`). */
	| { kind: 'page'; page: PageFile & { route: string }; anchor: string | undefined; samePage: boolean }
	/** A site-absolute route that is no page of a collection: a generated page, or nothing. */
	| { kind: 'route'; route: string; anchor: string | undefined }
	/** A site-absolute path to a file (`/images/x.png`): served from `public/`. */
	| { kind: 'public'; path: string }
	/** A file of the content folder that is no page (`./diagram.png`): the site publishes it. */
	| { kind: 'asset'; contentPath: string }
	/** A draft page (`_` prefix): neither checked nor built. */
	| { kind: 'draft'; contentPath: string }
	/** A relative path to nothing; `trailingSlash` when `x.md/` names an existing page `x.md`. */
	| { kind: 'missing'; contentPath: string; trailingSlash: boolean }
	/** A relative path that climbs out of the content folder. */
	| { kind: 'outside' };

const scheme = /^[a-z][a-z0-9+.-]*:/i;
const pageExtension = new RegExp(`(${pageExtensions.map((extension) => `\\${extension}`).join('|')})$`, 'i');

/** Splits a URL into its path, query (with `?`) and fragment (without `#`, as written). */
export function splitUrl(url: string): { path: string; query: string; fragment: string | undefined } {
	const hash = url.indexOf('#');
	const beforeHash = hash === -1 ? url : url.slice(0, hash);
	const question = beforeHash.indexOf('?');
	return {
		path: question === -1 ? beforeHash : beforeHash.slice(0, question),
		query: question === -1 ? '' : beforeHash.slice(question),
		fragment: hash === -1 ? undefined : url.slice(hash + 1),
	};
}

/**
 * Resolves a link written in the content file `fromContentPath`, the one way the checker and the
 * site read links: relative paths are relative to the file (as on GitHub), so `../x.md#a`,
 * `./ops/` (a folder's index page), `./data.csv` (a file next to the page) and `#a` or `?q=1#a`
 * (this page) all mean the same in the repository and on the site. Site-absolute paths are
 * routes (`/practices/x/`, also written `/practices/x` or `/practices/x.html`) or files of
 * `public/` (`/images/x.png`).
 */
export function resolveLink(fromContentPath: string, url: string, files: SiteFiles): LinkTarget {
	if (scheme.test(url) || url.startsWith('//')) return { kind: 'external' };
	const { path, fragment } = splitUrl(url);
	const anchor = fragment === undefined || fragment === '' ? undefined : fragment;
	if (path === '') {
		const self = files.pages.get(fromContentPath);
		return self ? { kind: 'page', page: self, anchor, samePage: true } : { kind: 'external' };
	}
	const decoded = safeDecode(path);
	if (decoded.startsWith('/')) return resolveAbsolute(decoded, anchor, files);
	const contentPath = joinPath(fromContentPath.split('/').slice(0, -1), decoded);
	if (contentPath === undefined) return { kind: 'outside' };
	const target = contentPath.replace(/\/+$/, '');
	const page = files.pages.get(target) ?? files.pages.get(files.pagesByLowerPath.get(target.toLowerCase()) ?? '');
	if (page && pageExtension.test(target)) {
		if (decoded.endsWith('/')) return { kind: 'missing', contentPath: target, trailingSlash: true };
		return { kind: 'page', page, anchor, samePage: page.contentPath === fromContentPath };
	}
	const index = files.folderIndex.get(target);
	if (index) return { kind: 'page', page: index, anchor, samePage: index.contentPath === fromContentPath };
	if (files.assets.has(target)) return { kind: 'asset', contentPath: target };
	if (files.drafts.has(target)) return { kind: 'draft', contentPath: target };
	return { kind: 'missing', contentPath: target, trailingSlash: false };
}

function resolveAbsolute(path: string, anchor: string | undefined, files: SiteFiles): LinkTarget {
	const html = /^(.*\/)(?:index\.html?|([^/]+)\.html?)$/i.exec(path);
	if (html) {
		const route = html[2] === undefined ? html[1]! : `${html[1]}${html[2]}/`;
		const page = files.byRoute.get(route);
		if (page) return { kind: 'page', page, anchor, samePage: false };
		return { kind: 'public', path };
	}
	if (/\.[a-z0-9]+$/i.test(path.slice(path.lastIndexOf('/') + 1))) return { kind: 'public', path };
	const route = path.endsWith('/') ? path : `${path}/`;
	const page = files.byRoute.get(route);
	return page ? { kind: 'page', page, anchor, samePage: false } : { kind: 'route', route, anchor };
}

/** Where the site publishes a file of the content folder that pages link to. */
export function assetRoute(contentPath: string): string {
	return `/_content/${contentPath.split('/').map(encodeURIComponent).join('/')}`;
}

/**
 * The href the site writes for a link, or `undefined` when it leaves the link as written
 * (external, this page, or broken: then the built site is broken the same way the check says).
 * The Markdown plugins rewrite links with it, and the check of the built site maps an href
 * back to its source link with it.
 */
export function renderedHref(target: LinkTarget, url: string, base: string): string | undefined {
	const { query, fragment } = splitUrl(url);
	const hash = fragment === undefined ? '' : `#${fragment}`;
	switch (target.kind) {
		case 'page':
			return target.samePage && splitUrl(url).path === '' ? undefined : withBase(base, target.page.route) + hash;
		case 'route':
			return withBase(base, target.route) + hash;
		case 'public':
			return withBase(base, splitUrl(url).path) + query + hash;
		case 'asset':
			return withBase(base, assetRoute(target.contentPath)) + query + hash;
		default:
			return undefined;
	}
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
	return parts.join('/') + (relative.endsWith('/') ? '/' : '');
}
