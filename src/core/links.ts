import type { ContentSelection } from './files.ts';
import { entryRoute, type PageFile, pageExtensions, safeDecode, withBase } from './routes.ts';
import { emptySitePolicy, excludeMatcher, ignoreMatcher, redirectRoute, type SitePolicy } from './site-policy.ts';

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
	/** Whether the policy's `exclude` globs leave a content path out. */
	isExcluded: (contentPath: string) => boolean;
	/** Whether the policy's `ignoreLinks` globs name a site path: served by something else. */
	isIgnored: (sitePath: string) => boolean;
	/** The policy's redirects: old route -> where it now leads (a route, maybe with `#anchor`). */
	redirects: ReadonlyMap<string, string>;
}

/** The link targets of a file selection. */
export function siteFilesOf(selection: Pick<ContentSelection, 'pages' | 'assets' | 'drafts'> & { policy?: SitePolicy }): SiteFiles {
	const policy = selection.policy ?? emptySitePolicy();
	const files: SiteFiles = {
		pages: new Map(),
		pagesByLowerPath: new Map(),
		byRoute: new Map(),
		folderIndex: new Map(),
		assets: new Set(selection.assets),
		drafts: new Set(selection.drafts),
		isExcluded: excludeMatcher(policy.exclude),
		isIgnored: ignoreMatcher(policy.ignoreLinks),
		redirects: policy.redirects,
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
	/** A file or folder the policy's `exclude` leaves out: neither checked nor built. */
	| { kind: 'excluded'; contentPath: string }
	/** A site path the policy's `ignoreLinks` names: served by something else, not checked. */
	| { kind: 'ignored'; path: string }
	/** A redirect of the policy that leads nowhere, or in a circle. */
	| { kind: 'redirect-loop'; route: string }
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
	if (files.isExcluded(target)) return { kind: 'excluded', contentPath: target };
	return { kind: 'missing', contentPath: target, trailingSlash: false };
}

function resolveAbsolute(path: string, anchor: string | undefined, files: SiteFiles, redirected = 0): LinkTarget {
	if (files.isIgnored(path)) return { kind: 'ignored', path };
	const html = /^(.*\/)(?:index\.html?|([^/]+)\.html?)$/i.exec(path);
	const isFile = !html && /\.[a-z0-9]+$/i.test(path.slice(path.lastIndexOf('/') + 1));
	const route = html ? (html[2] === undefined ? html[1]! : `${html[1]}${html[2]}/`) : path.endsWith('/') ? path : `${path}/`;
	const page = isFile ? undefined : files.byRoute.get(route);
	if (page) return { kind: 'page', page, anchor, samePage: false };
	const redirect = isFile ? undefined : files.redirects.get(redirectRoute(route));
	if (redirect !== undefined) {
		// A redirect is followed as a reader's browser follows it; the link's own anchor wins over the redirect's.
		if (redirected >= 10) return { kind: 'redirect-loop', route };
		const { path: targetPath, fragment } = splitUrl(redirect);
		return resolveAbsolute(targetPath, anchor ?? (fragment === '' ? undefined : fragment), files, redirected + 1);
	}
	if (html || isFile) return { kind: 'public', path };
	return { kind: 'route', route, anchor };
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
		case 'page': {
			if (target.samePage && splitUrl(url).path === '') return undefined;
			// A redirect's own anchor is written out when the link has none.
			const anchor = hash === '' && target.anchor !== undefined ? `#${target.anchor}` : hash;
			return withBase(base, target.page.route) + anchor;
		}
		case 'route':
			return withBase(base, target.route) + (hash === '' && target.anchor !== undefined ? `#${target.anchor}` : hash);
		case 'public':
		case 'ignored':
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
