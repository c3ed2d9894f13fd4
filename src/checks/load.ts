import { open, readFile } from 'node:fs/promises';
import pLimit from 'p-limit';
import { join, relative, sep } from 'node:path';
import { collections, type PageCollection, policyFileName } from '../core/collections.ts';
import { type ContentSelection, selectContentFiles } from '../core/files.ts';
import { frontmatterText, parseYaml, splitFrontmatter } from '../core/frontmatter.ts';
import { entryRoute } from '../core/routes.ts';
import { fileNameTitle } from '../core/title.ts';
import { parseErrorPosition } from './markdown.ts';
import { type ParsedPage, parsePage } from './parse.ts';
import { type ParseCache, parseKey } from './parse-cache.ts';
import { type SecretFinding, scanSecrets } from './secrets.ts';
import type { DataFile, FileFailure, ParsedFrontmatter } from './types.ts';

/** A Markdown file of a page collection, parsed. */
export interface LoadedPage extends ParsedPage {
	collection: PageCollection;
	id: string;
	route: string;
	/** Path relative to the repository root. */
	file: string;
	/** Path relative to the content folder. */
	contentPath: string;
	/** Set when the file could not be read or parsed. */
	failure: FileFailure | undefined;
}

/** Everything read from the content folder. */
export interface LoadedContent {
	pages: LoadedPage[];
	teams: DataFile;
	policy: DataFile;
	/** Which files are pages, drafts and assets, and which are kept out and why. */
	selection: ContentSelection;
	/** Credentials in the files that are not pages (data files, text files next to pages), by path relative to the root. */
	fileSecrets: Map<string, SecretFinding[]>;
}

/** An error that stops the whole check: the content folder itself cannot be read. */
export class ContentFolderError extends Error {}

/** How many files the check reads at once. */
export const openFilesAtOnce = 64;

/**
 * Reads the content folder: the files {@link selectContentFiles} selects (the rule the site's
 * loaders use too), `teams.yaml` and `handbook.yaml`. Each page is parsed once, or taken from the
 * cache when its text has not changed since the last run. A page that cannot be read or parsed
 * is kept, empty, with its failure, so that every other file is still checked.
 */
export async function loadContent(root: string, contentDir: string, cache: ParseCache): Promise<LoadedContent> {
	let selection: ContentSelection;
	try {
		selection = await selectContentFiles(contentDir);
	} catch (error) {
		throw new ContentFolderError(folderMessage(contentDir, error as NodeJS.ErrnoException));
	}
	// A few dozen files open at a time: a handbook of 30,000 pages read all at once ran out of file
	// handles (EMFILE) and every page past the limit was reported unreadable.
	const limit = pLimit(openFilesAtOnce);
	const pages = await Promise.all(
		selection.pages.map(({ contentPath, collection, id }): Promise<LoadedPage> => limit(async () => {
			const absolute = join(contentDir, contentPath);
			const page = { collection, id, route: entryRoute(collection, id), file: toPosix(relative(root, absolute)), contentPath };
			let source: string;
			try {
				source = await readFile(absolute, 'utf8');
			} catch (error) {
				const code = (error as NodeJS.ErrnoException).code;
				return { ...page, ...emptyParse(contentPath), failure: { stage: 'read', message: code ?? String(error), line: 1, column: 1 } };
			}
			const key = parseKey(contentPath, source);
			const cached = cache.get(key);
			if (cached) {
				cached.frontmatter.text = frontmatterText(source);
				return { ...page, ...cached, failure: undefined };
			}
			const secrets = await scanSecrets(contentPath, source);
			try {
				const parsed = { ...parsePage(source, contentPath), secrets };
				cache.set(key, parsed);
				return { ...page, ...parsed, failure: undefined };
			} catch (error) {
				const message = error instanceof Error ? error.message : String(error);
				const at = parseErrorPosition(message);
				return {
					...page,
					...emptyParse(contentPath),
					frontmatter: frontmatterOrNone(source),
					secrets,
					failure: { stage: 'parse', message: at?.reason ?? message, line: at?.line ?? 1, column: at?.column ?? 1 },
				};
			}
		})),
	);
	const [teams, policy] = await Promise.all(
		[collections.teams.file, policyFileName].map((name) => loadDataFile(root, contentDir, name, selection.dataFiles.has(name))),
	);
	// Credentials can hide in any file the site may publish: data files and text files next to pages too.
	const fileSecrets = new Map<string, SecretFinding[]>();
	for (const dataFile of [teams!, policy!]) {
		if (dataFile.exists) fileSecrets.set(dataFile.file, await scanSecrets(dataFile.file, dataFile.yaml.text));
	}
	for (const asset of selection.assets) {
		const text = await readTextFile(join(contentDir, asset));
		if (text !== undefined) fileSecrets.set(toPosix(relative(root, join(contentDir, asset))), await scanSecrets(asset, text));
	}
	return { pages, teams: teams!, policy: policy!, selection, fileSecrets };
}

/** The frontmatter of a page whose body could not be parsed, so its metadata is still checked. */
function frontmatterOrNone(source: string): ParsedFrontmatter {
	try {
		return splitFrontmatter(source).frontmatter;
	} catch {
		return emptyParse('').frontmatter;
	}
}

/** A file's text, or `undefined` when it is binary, larger than 1 MB, or unreadable. */
async function readTextFile(path: string): Promise<string | undefined> {
	try {
		const handle = await open(path);
		try {
			const { size } = await handle.stat();
			if (size > 1_000_000) return undefined;
			const bytes = await handle.readFile();
			return bytes.includes(0) ? undefined : bytes.toString('utf8');
		} finally {
			await handle.close();
		}
	} catch {
		return undefined;
	}
}

function emptyParse(contentPath: string): ParsedPage {
	return {
		frontmatter: { kind: 'none', line: 1, bodyLine: 1, data: {}, problems: [], text: '', firstLine: 1 },
		markdown: { headings: [], extraAnchors: [], links: [], tables: [], tasks: [], hazards: [], components: [], imports: [] },
		derivedTitle: fileNameTitle(contentPath),
		secrets: [],
	};
}

async function loadDataFile(root: string, contentDir: string, name: string, selected: boolean): Promise<DataFile> {
	const file = toPosix(relative(root, join(contentDir, name)));
	const absent: DataFile = { file, exists: false, yaml: { data: undefined, problems: [], text: '', firstLine: 1 }, schemaIssues: [], unknownKeys: [] };
	// A data file that is a symlink or not a regular file is not selected (the `files` rule says why).
	if (!selected) return absent;
	let text: string;
	try {
		text = await readFile(join(contentDir, name), 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code ?? String(error);
		return { ...absent, exists: true, yaml: { ...absent.yaml, problems: [{ message: `cannot read the file (${code})`, line: 1, column: 1 }] } };
	}
	return { file, exists: true, yaml: parseYaml(text), schemaIssues: [], unknownKeys: [] };
}

function folderMessage(contentDir: string, error: NodeJS.ErrnoException): string {
	switch (error.code) {
		case 'ENOENT':
			return `the content folder ${contentDir} does not exist: create it, or name another with --root or HANDBOOK_CONTENT`;
		case 'ENOTDIR':
			return `${contentDir} is not a folder: name the content folder with --root or HANDBOOK_CONTENT`;
		case 'EACCES':
		case 'EPERM':
			return `cannot read the content folder ${contentDir} (permission denied): make it readable by this user`;
		default:
			return `cannot read the content folder ${contentDir}: ${error.message}`;
	}
}

function toPosix(path: string): string {
	return sep === '/' ? path : path.split(sep).join('/');
}
