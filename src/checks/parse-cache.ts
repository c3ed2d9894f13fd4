import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ParsedPage } from './parse.ts';
import type { ParsedFrontmatter } from './types.ts';

/** Parse results by {@link parseKey}, kept between runs so an unchanged file is not parsed again. */
export interface ParseCache {
	/** The cached parse of a file (its frontmatter `text` left empty), if any. */
	get(key: string): ParsedPage | undefined;
	set(key: string, page: ParsedPage): void;
	/** Writes the entries used in this run (dropping the rest) if anything changed. */
	save(): Promise<void>;
}

/**
 * The key a file's parse result is cached under: a hash of its text, and of its path, which
 * gives the title of a page without one and says whether it is MDX.
 */
export function parseKey(contentPath: string, text: string): string {
	return contentHash(`${contentPath}\n${text}`);
}

/** A short, file-name-safe hash of a text. */
export function contentHash(text: string): string {
	return createHash('sha1').update(text).digest('base64url');
}

/**
 * The version of what parsing a page yields. Bump it whenever the parser's output can change (a
 * change to `parse.ts` or the modules it uses: `test/checks/parse-cache.test.ts` fails until it
 * is bumped), so that results cached by an older parser are not used.
 */
export const parserVersion = 11;

/**
 * Identifies the parser: {@link parserVersion} and the installed versions of the packages it
 * parses with. A change to any of them makes every cached result stale.
 */
function parserFingerprint(root: string): string {
	const versions = ['satteri', 'js-yaml', 'github-slugger', '@secretlint/core', '@secretlint/secretlint-rule-preset-recommend'].map(
		(name) => `${name}@${packageVersion(root, name)}`,
	);
	return `${parserVersion};${versions.join(';')}`;
}

/** The version of an installed package, found in the nearest `node_modules` from `root` up. */
function packageVersion(root: string, name: string): string {
	for (let dir = root; ; dir = dirname(dir)) {
		const manifest = join(dir, 'node_modules', name, 'package.json');
		if (existsSync(manifest)) return (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version ?? 'unknown';
		if (dir === dirname(dir)) return 'unknown';
	}
}

interface CacheFile {
	fingerprint: string;
	pages: Record<string, StoredPage>;
}

// Frontmatter data holds Dates; JSON keeps them as tagged strings and revives only that part.
// The YAML text is not stored: the caller has the file's text at hand.
type StoredPage = Omit<ParsedPage, 'frontmatter'> & { frontmatter: Omit<ParsedFrontmatter, 'data' | 'text'> & { data: string } };

/**
 * Opens the parse cache of a content folder, stored in `node_modules/.cache/handbook/` of the
 * nearest folder (from `root` up) that has `node_modules`. With `enabled: false`, or when there
 * is no such folder, the cache lives in memory only.
 */
export async function openParseCache(root: string, contentDir: string, enabled: boolean): Promise<ParseCache> {
	const directory = enabled ? cacheDirectory(root) : undefined;
	const path = directory && join(directory, `parse-${contentHash(contentDir).slice(0, 16)}.json`);
	const fingerprint = parserFingerprint(root);
	let stored: Record<string, StoredPage> = {};
	if (path) {
		try {
			const file = JSON.parse(await readFile(path, 'utf8')) as CacheFile;
			if (file.fingerprint === fingerprint) stored = file.pages;
		} catch {
			// No cache yet, or an unreadable one: start afresh.
		}
	}
	const used: Record<string, StoredPage> = {};
	let changed = false;
	return {
		get(key) {
			const page = stored[key];
			if (!page) return undefined;
			let data: unknown;
			try {
				data = JSON.parse(page.frontmatter.data, reviveDates);
			} catch {
				// A damaged entry: parse the file again.
				return undefined;
			}
			used[key] = page;
			return { ...page, frontmatter: { ...page.frontmatter, text: '', data } };
		},
		set(key, page) {
			if (!path) return;
			const { text: _text, ...frontmatter } = page.frontmatter;
			// Unreadable YAML has no data (`undefined`), which JSON cannot hold: it is stored tagged.
			const data = frontmatter.data === undefined ? '{"$undefined":true}' : JSON.stringify(frontmatter.data, tagDates);
			used[key] = { ...page, frontmatter: { ...frontmatter, data } };
			changed = true;
		},
		async save() {
			if (!path || (!changed && Object.keys(used).length === Object.keys(stored).length)) return;
			await mkdir(directory, { recursive: true });
			// Write then rename, so a parallel run never reads half a file.
			const temporary = `${path}.${process.pid}.tmp`;
			await writeFile(temporary, JSON.stringify({ fingerprint, pages: used } satisfies CacheFile));
			await rename(temporary, path);
		},
	};
}

/** `node_modules/.cache/handbook/` of the nearest folder from `root` up that has `node_modules`. */
export function cacheDirectory(root: string): string | undefined {
	for (let dir = root; ; dir = dirname(dir)) {
		if (existsSync(join(dir, 'node_modules'))) return join(dir, 'node_modules', '.cache', 'handbook');
		if (dir === dirname(dir)) return undefined;
	}
}

function tagDates(this: Record<string, unknown>, key: string, value: unknown): unknown {
	const original = this[key];
	return original instanceof Date ? { $date: Number.isNaN(original.getTime()) ? null : original.toISOString() } : value;
}

function reviveDates(key: string, value: unknown): unknown {
	if (key === '' && typeof value === 'object' && value !== null && '$undefined' in value) return undefined;
	if (typeof value === 'object' && value !== null && '$date' in value && Object.keys(value).length === 1) {
		const iso = (value as { $date: string | null }).$date;
		return iso === null ? new Date(Number.NaN) : new Date(iso);
	}
	return value;
}
