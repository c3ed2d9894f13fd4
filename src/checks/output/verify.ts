/**
 * Verifies a built static site: every same-origin URL written in an HTML attribute of `outDir`
 * must name something that a static host serving `outDir` under `base` would return, and every
 * `#fragment` to an HTML page must name an element of that page. It is the oracle for "every
 * internal reference in dist/ resolves": it reads only the built files, never the content.
 *
 * The host is GitHub Pages or `astro preview` with `trailingSlash: 'always'` and
 * `build.format: 'directory'` (this project's set-up):
 *
 * - A page's URL is `<base><folder>/` for `<folder>/index.html`, and `<base><path>` for any
 *   other HTML file (`/404.html`). Relative URLs resolve against it (or against `<base href>`).
 * - Other origins, `//host/...`, `mailto:`, `tel:`, `javascript:`, `data:` and the like are
 *   skipped: only resolution on this site is checked.
 * - The query is dropped; the path is percent-decoded, then looked up case-sensitively.
 * - A path ending in `/` resolves to `index.html` in that folder; any other path must be a file.
 *   A folder written without its trailing slash is broken ('missing-page'): `astro preview`
 *   answers 404 for it, and GitHub Pages only redirects it to the slash URL.
 *   `/x` is not looked up as `/x.html`.
 * - Outside `base` (including `base` without its slash, `/hb`): 'outside-base'.
 * - A fragment on an HTML file must equal, as written or percent-decoded, the `id` of an element
 *   or the `name` of an `<a>` in it, except `#` and `#top` (any case) without such an element, which scroll to
 *   the top. Ids in comments, scripts, styles and `<template>` do not count. Fragments on other
 *   files are not checked.
 *
 * Given the state of the last verification that found nothing broken, it verifies only the pages
 * that changed since, unless a file went away or a changed page lost an anchor (then it verifies
 * every page again): a rebuild after one page changed reads that page's links only.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { detach, type PageScan, type ScannedReference, scanPage } from './scan.ts';

export interface SiteReference {
	/** Route of the HTML page that contains it, e.g. '/runbooks/x/y/' (without base path). */
	page: string;
	/** 'href' | 'src' | 'srcset' | 'poster' | 'action' | 'formaction' | 'data' | 'imagesrcset' | 'xlink:href' | 'content' */
	attribute: string;
	/** The URL as written in the HTML (character references decoded; one candidate of a srcset). */
	value: string;
	/** 1-based position of the URL's first character in the HTML file (column in UTF-16 code units). */
	line: number;
	column: number;
}

export interface BrokenReference extends SiteReference {
	reason: 'missing-page' | 'missing-file' | 'missing-anchor' | 'outside-base';
	/** The resolved path, base included and percent-decoded (and `#fragment`, decoded, for 'missing-anchor'). */
	target: string;
}

export interface VerifySiteOptions {
	/** The path the site is served under, e.g. '/' or '/my-handbook/'. */
	base: string;
	/**
	 * Return true to skip a same-origin URL. It is called with the resolved URL, once per URL as
	 * written (root-relative) or per page (relative): the origin is a placeholder
	 * (`https://site.invalid`), the pathname includes `base`, search and hash are kept.
	 */
	ignore?: (url: URL) => boolean;
	/** A digest of each HTML file's bytes, by path (as read for the search index); worked out when not given. */
	digests?: ReadonlyMap<string, string>;
	/**
	 * The state of the last verification that found nothing broken (see {@link VerifyState}): only
	 * the pages that changed since are verified again, when that is enough to be sure.
	 */
	previous?: VerifyState | undefined;
}

export interface VerifySiteResult {
	/** HTML files in the site. */
	pages: number;
	/** HTML files whose references were verified: every one, or those that changed since {@link VerifySiteOptions.previous}. */
	verifiedPages: number;
	/** Same-origin references checked (not ignored). */
	references: number;
	/** Sorted by page, line and column. */
	broken: BrokenReference[];
	/** What the next verification needs to verify only what changed (worth keeping only when nothing is broken). */
	state: VerifyState;
}

/**
 * What a verification that found nothing broken knew about the site: the files its pages refer
 * to, and each HTML file's digest and anchors. A page that has not changed since can only have
 * become broken if a file it refers to went away or a page it refers to lost an anchor: when
 * neither happened, the pages that changed are all that must be verified again.
 */
export interface VerifyState {
	version: number;
	base: string;
	/** Every file some page refers to (after a verification of only what changed: also those referred to before). */
	targets: string[];
	pages: Record<string, { digest: string; anchors: string[] }>;
}

const stateVersion = 2;

/** The origin pages are given while resolving; no real site has it. */
export const siteOrigin = 'https://site.invalid';

const htmlFile = /\.html?$/i;

export async function verifyBuiltSite(outDir: string, options: VerifySiteOptions): Promise<VerifySiteResult> {
	const base = normalizeBase(options.base);
	const files = listFiles(outDir);
	const htmlFiles = [...files].filter((file) => htmlFile.test(file)).sort();
	const digestOf = (file: string, html?: string) =>
		options.digests?.get(file) ?? createHash('sha256').update(html ?? readFileSync(join(outDir, file))).digest('base64url').slice(0, 22);

	const anchorsByFile = new Map<string, Set<string>>();
	const pendingAnchors: { reference: SiteReference; file: string; path: string; fragment: string }[] = [];
	const broken: BrokenReference[] = [];
	const state: VerifyState = { version: stateVersion, base, targets: [], pages: {} };
	const targetFiles = new Set<string>();
	let references = 0;
	let verifiedPages = 0;

	// Most URLs recur on many pages (navigation, assets): resolve each once.
	const resolutions = new Map<string, Resolution>();
	const targets = new Map<string, Target | null>();
	const target = (value: string, documentBase: URL): Target | null => {
		const url = parseUrl(value, documentBase);
		if (url === undefined || url.origin !== siteOrigin || options.ignore?.(url)) return null;
		const { pathname, hash } = url;
		let resolution = resolutions.get(pathname);
		if (resolution === undefined) {
			resolution = resolvePath(pathname, base, files);
			resolutions.set(pathname, resolution);
		}
		return { resolution, fragment: hash.slice(1) };
	};

	const verifyPage = (file: string, scan: PageScan) => {
		verifiedPages++;
		const page = routeOf(file);
		const pageUrl = new URL(base + page.slice(1), siteOrigin);
		const documentBase = scan.baseHref === undefined ? pageUrl : (parseUrl(scan.baseHref, pageUrl) ?? pageUrl);
		for (const scanned of scan.references) {
			// A path from the root resolves alike on every page; anything else depends on the page.
			const value = scanned.value;
			const key = value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : `${documentBase.href} ${value}`;
			let found = targets.get(key);
			if (found === undefined) {
				found = target(value, documentBase);
				targets.set(detach(key), found);
			}
			if (found === null) continue;
			references++;
			const { resolution, fragment } = found;
			if (resolution.reason !== undefined) {
				broken.push({ ...siteReference(page, scanned), reason: resolution.reason, target: resolution.path });
				continue;
			}
			targetFiles.add(resolution.file);
			if (fragment !== '' && htmlFile.test(resolution.file)) {
				pendingAnchors.push({ reference: siteReference(page, scanned), file: resolution.file, path: resolution.path, fragment });
			}
		}
	};
	const remember = (file: string, digest: string, anchors: Set<string>) => {
		anchorsByFile.set(file, anchors);
		state.pages[file] = { digest, anchors: [...anchors].map(detach) };
	};

	// The pages that changed since the last verification, scanned first: whether they lost an
	// anchor decides whether the others need verifying again.
	const previous = options.previous?.version === stateVersion && options.previous.base === base ? options.previous : undefined;
	const changed = new Map<string, PageScan>();
	let everything = previous === undefined || previous.targets.some((file) => !files.has(file));
	if (!everything) {
		for (const file of htmlFiles) {
			const before = previous!.pages[file];
			if (before && before.digest === digestOf(file)) continue;
			const html = readFileSync(join(outDir, file), 'utf8');
			const scan = scanPage(html);
			changed.set(file, scan);
			remember(file, digestOf(file, html), scan.anchors);
			if (before && before.anchors.some((anchor) => !scan.anchors.has(anchor))) everything = true;
		}
	}
	if (everything) {
		for (const [position, file] of htmlFiles.entries()) {
			// Now and then, let other work of the process go on (the search index is built meanwhile).
			if (position % 64 === 63) await new Promise((resume) => setImmediate(resume));
			const html = readFileSync(join(outDir, file), 'utf8');
			const scan = changed.get(file) ?? scanPage(html);
			remember(file, digestOf(file, html), scan.anchors);
			verifyPage(file, scan);
		}
	} else {
		for (const file of htmlFiles) {
			if (changed.has(file)) continue;
			const before = previous!.pages[file]!;
			remember(file, before.digest, new Set(before.anchors));
		}
		for (const [file, scan] of changed) verifyPage(file, scan);
		for (const file of previous!.targets) targetFiles.add(file);
	}
	state.targets = [...targetFiles].sort();

	// The HTML standard's "indicated part of the document": the fragment as it is in the URL,
	// then percent-decoded, then `top`.
	for (const { reference, file, path, fragment: encoded } of pendingAnchors) {
		const anchors = anchorsByFile.get(file);
		if (anchors?.has(encoded)) continue;
		const fragment = percentDecode(encoded);
		if (anchors?.has(fragment)) continue;
		if (fragment.toLowerCase() === 'top') continue;
		broken.push({ ...reference, reason: 'missing-anchor', target: `${path}#${fragment}` });
	}

	broken.sort((a, b) => (a.page < b.page ? -1 : a.page > b.page ? 1 : a.line - b.line || a.column - b.column));
	return { pages: htmlFiles.length, verifiedPages, references, broken, state };
}

function parseUrl(value: string, base: URL): URL | undefined {
	try {
		return new URL(value, base);
	} catch {
		return undefined;
	}
}

function siteReference(page: string, scanned: ScannedReference): SiteReference {
	return { page, attribute: scanned.attribute, value: detach(scanned.value), line: scanned.line, column: scanned.column };
}

/** Where a URL leads: the file, or why none, and its fragment (percent-encoded, without `#`). */
interface Target {
	resolution: Resolution;
	fragment: string;
}

type Resolution = { reason: undefined; file: string; path: string } | { reason: BrokenReference['reason']; path: string };

/** The file a URL's pathname names in the site, or why it names none. */
function resolvePath(pathname: string, base: string, files: ReadonlySet<string>): Resolution {
	// A malformed escape (hosts answer 400 or 404) or an escaped slash (%2F) names no file: the
	// path stays as written, so that the report shows it.
	let path = pathname;
	let decoded = false;
	if (!/%2f/i.test(pathname)) {
		try {
			path = decodeURIComponent(pathname);
			decoded = true;
		} catch {}
	}
	if (!path.startsWith(base)) return { reason: 'outside-base', path };
	const inSite = path.slice(base.length);
	const file = inSite === '' || inSite.endsWith('/') ? `${inSite}index.html` : inSite;
	// An empty segment (`//`) names no file either.
	if (decoded && !file.split('/').includes('') && files.has(file)) return { reason: undefined, file, path };
	return { reason: looksLikePage(path) ? 'missing-page' : 'missing-file', path };
}

/** A path that a page would be served at: a folder, an HTML file or a name without extension. */
function looksLikePage(path: string): boolean {
	const last = path.slice(path.lastIndexOf('/') + 1);
	return last === '' || htmlFile.test(last) || !last.includes('.');
}

/** The route of an HTML file in the site, without base: '/a/b/' for a/b/index.html. */
export function routeOf(file: string): string {
	if (file === 'index.html') return '/';
	if (file.endsWith('/index.html')) return `/${file.slice(0, -'index.html'.length)}`;
	return `/${file}`;
}

function normalizeBase(base: string): string {
	let normalized = base.trim();
	if (!normalized.startsWith('/')) normalized = `/${normalized}`;
	if (!normalized.endsWith('/')) normalized += '/';
	return normalized;
}

/** Every file under `dir`, as a path relative to it with `/` separators. Symbolic links count. */
function listFiles(dir: string): Set<string> {
	const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
	const files = new Set<string>();
	for (const entry of entries) {
		if (!entry.isFile() && !entry.isSymbolicLink()) continue;
		const path = relative(dir, join(entry.parentPath, entry.name));
		files.add(sep === '/' ? path : path.split(sep).join('/'));
	}
	return files;
}

/** Percent-decodes a URL fragment to a string, as browsers do (bad escapes stay, bad UTF-8 becomes U+FFFD). */
export function percentDecode(text: string): string {
	if (!text.includes('%')) return text;
	const input = Buffer.from(text, 'utf8');
	const output = Buffer.alloc(input.length);
	let length = 0;
	for (let i = 0; i < input.length; i++) {
		const byte = input[i] as number;
		if (byte === 0x25 && i + 2 < input.length && isHex(input[i + 1]) && isHex(input[i + 2])) {
			output[length++] = Number.parseInt(String.fromCharCode(input[i + 1] as number, input[i + 2] as number), 16);
			i += 2;
		} else {
			output[length++] = byte;
		}
	}
	return new TextDecoder('utf-8', { ignoreBOM: true }).decode(output.subarray(0, length));
}

function isHex(byte: number | undefined): boolean {
	return byte !== undefined && ((byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66));
}
