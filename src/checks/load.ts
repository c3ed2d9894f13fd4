import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { deriveTitle } from '../lib/frontmatter.ts';
import { entryRoute, locateContentFile, type PageCollection } from '../lib/routes.ts';
import { type ParseCache, type ParsedPage, parseKey } from './cache.ts';
import { parseMarkdown } from './markdown.ts';
import type { DataFile } from './types.ts';
import { frontmatterText, parseYaml, splitFrontmatter } from './yaml.ts';

/** A Markdown file of a page collection, parsed. */
export interface LoadedPage extends ParsedPage {
	collection: PageCollection;
	id: string;
	route: string;
	/** Path relative to the repository root. */
	file: string;
	/** Path relative to the content folder. */
	contentPath: string;
}

/** Everything read from the content folder. */
export interface LoadedContent {
	pages: LoadedPage[];
	teams: DataFile;
	policy: DataFile;
}

/** Names of the data files at the top of the content folder. */
export const dataFileNames = { teams: 'teams.yaml', policy: 'handbook.yaml' } as const;

/**
 * Reads the content folder: every Markdown file that is a page (by the same mapping the site
 * uses), `teams.yaml` and `handbook.yaml`. Each page is parsed once, or taken from the cache when
 * its text has not changed since the last run.
 */
export async function loadContent(root: string, contentDir: string, cache: ParseCache): Promise<LoadedContent> {
	const entries = await readdir(contentDir, { recursive: true, withFileTypes: true });
	const pageFiles = entries
		.filter((entry) => entry.isFile())
		.map((entry) => toPosix(relative(contentDir, join(entry.parentPath, entry.name))))
		.filter((contentPath) => !contentPath.split('/').some((part) => part.startsWith('.') || part === 'node_modules'))
		.map((contentPath) => ({ contentPath, located: locateContentFile(contentPath) }))
		.filter((page) => page.located !== undefined)
		.sort((a, b) => (a.contentPath < b.contentPath ? -1 : 1));
	const pages = await Promise.all(
		pageFiles.map(async ({ contentPath, located }): Promise<LoadedPage> => {
			const absolute = join(contentDir, contentPath);
			const source = await readFile(absolute, 'utf8');
			const key = parseKey(contentPath, source);
			let parsed = cache.get(key);
			if (parsed) parsed.frontmatter.text = frontmatterText(source);
			else {
				parsed = parsePage(source, contentPath);
				cache.set(key, parsed);
			}
			const { collection, id } = located!;
			return { ...parsed, collection, id, route: entryRoute(collection, id), file: toPosix(relative(root, absolute)), contentPath };
		}),
	);
	const [teams, policy] = await Promise.all([
		loadDataFile(root, join(contentDir, dataFileNames.teams)),
		loadDataFile(root, join(contentDir, dataFileNames.policy)),
	]);
	return { pages, teams, policy };
}

/** Parses one Markdown file: its frontmatter, and one pass over its body. */
export function parsePage(source: string, contentPath: string): ParsedPage {
	const { frontmatter, body } = splitFrontmatter(source);
	const format = contentPath.endsWith('.mdx') ? 'mdx' : 'md';
	const data = frontmatter.data as { title?: unknown } | null | undefined;
	const derivedTitle = typeof data?.title === 'string' ? undefined : deriveTitle(body, contentPath);
	return { frontmatter, markdown: parseMarkdown(body, format), derivedTitle };
}

async function loadDataFile(root: string, path: string): Promise<DataFile> {
	const file = toPosix(relative(root, path));
	let text: string;
	try {
		text = await readFile(path, 'utf8');
	} catch {
		return { file, exists: false, yaml: { data: undefined, problems: [], text: '', firstLine: 1 }, schemaIssues: [], unknownKeys: [] };
	}
	return { file, exists: true, yaml: parseYaml(text), schemaIssues: [], unknownKeys: [] };
}

function toPosix(path: string): string {
	return sep === '/' ? path : path.split(sep).join('/');
}
