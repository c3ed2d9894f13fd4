import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import picomatch from 'picomatch';
import { collections, pageCollections, policyFileName } from './collections.ts';
import { parseYaml } from './frontmatter.ts';

/** How a collection treats frontmatter keys its schema does not know. */
export type ExtraKeys = 'allow' | 'warning' | 'error';
export const extraKeysSettings = ['allow', 'warning', 'error'] as const;

/**
 * The parts of the check policy (`handbook.yaml`) that decide what the site is made of, so that
 * the checker and the build read them with this one function and cannot disagree:
 *
 * - `exclude`: globs of content paths (`guides/partials/**`) that are neither checked nor built;
 * - `ignoreLinks`: globs of site paths (`/repos/**`) served by something else: links to them are
 *   neither checked nor verified in the built site;
 * - `redirects`: old route -> new route, emitted as redirect pages and followed by the links;
 * - `extraKeys`: per collection folder, whether frontmatter keys its schema does not know are
 *   allowed, a warning or an error (the default).
 *
 * Read leniently: a setting written wrong is left out here (the `schema` rule reports it).
 */
export interface SitePolicy {
	exclude: string[];
	ignoreLinks: string[];
	/** Old route -> the URL it now leads to (a route, maybe with `#anchor`), both normalised with {@link redirectRoute}. */
	redirects: Map<string, string>;
	/** By collection folder (`guides`); a folder not named is `error`. */
	extraKeys: Record<string, ExtraKeys>;
}

/** The policy that changes nothing. */
export function emptySitePolicy(): SitePolicy {
	return { exclude: [], ignoreLinks: [], redirects: new Map(), extraKeys: {} };
}

/**
 * Reads the site policy from the content folder's `handbook.yaml`. A file that is missing, a
 * symbolic link (never followed) or unreadable YAML gives the empty policy.
 */
export function readSitePolicy(contentDir: string): SitePolicy {
	const path = join(contentDir, policyFileName);
	try {
		if (!lstatSync(path).isFile()) return emptySitePolicy();
		return sitePolicyOf(parseYaml(readFileSync(path, 'utf8')).data);
	} catch {
		return emptySitePolicy();
	}
}

/** The site policy in the data of a `handbook.yaml`. */
export function sitePolicyOf(data: unknown): SitePolicy {
	const policy = emptySitePolicy();
	if (!isObject(data)) return policy;
	policy.exclude = stringList(data.exclude).filter(isContentGlob);
	policy.ignoreLinks = stringList(data.ignoreLinks).filter((pattern) => pattern.startsWith('/'));
	if (isObject(data.redirects)) {
		for (const [from, to] of Object.entries(data.redirects)) {
			if (typeof to !== 'string' || !from.startsWith('/') || !to.startsWith('/')) continue;
			policy.redirects.set(redirectRoute(from), redirectTarget(to));
		}
	}
	const folders = pageCollections.map((name) => collections[name].folder);
	if (typeof data.extraKeys === 'string' && isExtraKeys(data.extraKeys)) {
		for (const folder of folders) policy.extraKeys[folder] = data.extraKeys;
	} else if (isObject(data.extraKeys)) {
		for (const [folder, setting] of Object.entries(data.extraKeys)) {
			if (folders.includes(folder) && isExtraKeys(setting)) policy.extraKeys[folder] = setting;
		}
	}
	return policy;
}

/** A glob relative to the content folder, staying inside it. */
export function isContentGlob(pattern: string): boolean {
	return pattern !== '' && !pattern.startsWith('/') && !pattern.split('/').includes('..');
}

/** Whether a setting is one of `allow`, `warning`, `error`. */
export function isExtraKeys(value: unknown): value is ExtraKeys {
	return typeof value === 'string' && (extraKeysSettings as readonly string[]).includes(value);
}

/**
 * A test for content paths (files or folders, relative to the content folder) that the policy
 * excludes: a path matches when it, or a folder it is in, matches one of the globs.
 */
export function excludeMatcher(globs: readonly string[]): (contentPath: string) => boolean {
	if (globs.length === 0) return () => false;
	const matches = picomatch([...globs], { dot: true });
	return (contentPath) => {
		const parts = contentPath.split('/');
		for (let length = 1; length <= parts.length; length++) if (matches(parts.slice(0, length).join('/'))) return true;
		return false;
	};
}

/** A test for site paths (`/repos/x.html`, without the base path, decoded) that the policy's `ignoreLinks` names. */
export function ignoreMatcher(globs: readonly string[]): (sitePath: string) => boolean {
	if (globs.length === 0) return () => false;
	const matches = picomatch([...globs], { dot: true });
	return (sitePath) => matches(sitePath) || (sitePath.endsWith('/') && matches(sitePath.slice(0, -1)));
}

/** The route a redirect is served at: `/old`, `/old/` and `/old.html` are all `/old/`. */
export function redirectRoute(path: string): string {
	const withoutHtml = path.replace(/\/index\.html?$/i, '/').replace(/\.html?$/i, '');
	return withoutHtml.endsWith('/') ? withoutHtml : `${withoutHtml}/`;
}

/** A redirect's target as a route with its anchor, if any: `/new#x` -> `/new/#x`. */
function redirectTarget(url: string): string {
	const hash = url.indexOf('#');
	const path = hash === -1 ? url : url.slice(0, hash);
	return redirectRoute(path) + (hash === -1 ? '' : url.slice(hash));
}

function stringList(value: unknown): string[] {
	return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
