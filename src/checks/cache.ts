import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, parse as parsePath } from 'node:path';
import type { ParsedFrontmatter, ParsedMarkdown } from './types.ts';

/** What parsing one Markdown file yields; depends on nothing but the file's path and text. */
export interface ParsedPage {
	frontmatter: ParsedFrontmatter;
	markdown: ParsedMarkdown;
	/** Title from the first `# heading` or the file name; only for pages without `title:`. */
	derivedTitle: string | undefined;
}

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

const require = createRequire(import.meta.url);

/**
 * Identifies the parser: the source of the modules that produce a {@link ParsedPage} and the
 * versions of the packages they use. A change to any of them makes every cached result stale.
 */
function parserFingerprint(): string {
	const hash = createHash('sha1');
	const fingerprint = createHash('sha1');
	for (const module of ['./markdown.ts', './yaml.ts', './load.ts', './today.ts', '../lib/frontmatter.ts']) {
		fingerprint.update(readFileSync(new URL(module, import.meta.url)));
	}
	for (const name of ['satteri', 'js-yaml', 'github-slugger']) fingerprint.update(`${name}@${packageVersion(name)}`);
	return fingerprint.digest('base64url');
}

function packageVersion(name: string): string {
	for (let dir = dirname(require.resolve(name)); dir !== parsePath(dir).root; dir = dirname(dir)) {
		const manifest = join(dir, 'package.json');
		if (!existsSync(manifest)) continue;
		const { name: found, version } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
		if (found === name) return version ?? '';
	}
	return '';
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
	const fingerprint = parserFingerprint();
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
			used[key] = page;
			return { ...page, frontmatter: { ...page.frontmatter, text: '', data: JSON.parse(page.frontmatter.data, reviveDates) } };
		},
		set(key, page) {
			if (!path) return;
			const { text: _text, ...frontmatter } = page.frontmatter;
			used[key] = { ...page, frontmatter: { ...frontmatter, data: JSON.stringify(frontmatter.data, tagDates) } };
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

function reviveDates(_key: string, value: unknown): unknown {
	if (typeof value === 'object' && value !== null && '$date' in value && Object.keys(value).length === 1) {
		const iso = (value as { $date: string | null }).$date;
		return iso === null ? new Date(Number.NaN) : new Date(iso);
	}
	return value;
}
