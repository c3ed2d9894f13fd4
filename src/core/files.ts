import type { Dirent } from 'node:fs';
import { readdir, realpath } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { type CollectionName, collections, dataCollections, policyFileName } from './collections.ts';
import { entryRoute, extensionOf, notFoundRoute, type PageFile, pageExtensions, pageFileOf } from './routes.ts';
import { excludeMatcher, readSitePolicy, type SitePolicy } from './site-policy.ts';

export type { PageFile };


/** Something about a file of the content folder that keeps it out of the handbook. */
export interface FileProblem {
	/** Path relative to the content folder, with `/`. */
	contentPath: string;
	kind:
		| 'symlink-outside'
		| 'symlink-loop'
		| 'symlink-broken'
		| 'symlink-inside'
		| 'unreadable'
		| 'extension-case'
		| 'outside-collections'
		| 'not-found-route';
	/** The target of a symlink, or the error of an unreadable folder. */
	detail?: string;
}

/** Which files of a content folder the handbook is made of. */
export interface ContentSelection {
	/** Absolute path of the content folder. */
	contentDir: string;
	/** Every page, sorted by path. */
	pages: PageFile[];
	/** The data files that exist as regular files (`teams.yaml`, `handbook.yaml`), by file name. */
	dataFiles: Set<string>;
	/** Page files under a folder or with a name starting with `_`: drafts, neither checked nor built. */
	drafts: string[];
	/** Other regular files (images, attachments), sorted by path. */
	assets: string[];
	/** Files and folders the policy's `exclude` globs leave out: neither checked nor built. */
	excluded: string[];
	problems: FileProblem[];
	/** The parts of `handbook.yaml` that decide what the site is made of (exclusions, ignored links, redirects). */
	policy: SitePolicy;
}

const dataFileNames = new Set<string>([policyFileName, ...dataCollections.map((name) => collections[name].file)]);

/**
 * The one rule for which files make the handbook, used by the site's loaders and by the checker
 * alike, so the two never disagree. A page is a regular file with a lower-case page extension
 * (`.md`, `.mdx`, `.markdown`) inside a collection's folder. Never part of the handbook: files
 * and folders whose name starts with `.` (hidden) or `_` (drafts), `node_modules`, and symbolic
 * links, which are not followed (a pull request must not be able to publish a file from outside
 * the content folder). Symlinks, unreadable folders, upper-case extensions and Markdown files
 * outside every collection folder are listed as problems for the checker to report, and so is a
 * page at the route of the site's not-found page (`guides/404.md`), which is no page either.
 *
 * Files and folders that the policy's `exclude` globs match (`handbook.yaml`, read with
 * {@link readSitePolicy}) are left out as well, and listed as such.
 *
 * The folder is walked without recursion, so any depth of nesting is fine.
 */
export async function selectContentFiles(contentDir: string, policy: SitePolicy = readSitePolicy(contentDir)): Promise<ContentSelection> {
	const selection: ContentSelection = { contentDir, pages: [], dataFiles: new Set(), drafts: [], assets: [], excluded: [], problems: [], policy };
	const isExcluded = excludeMatcher(policy.exclude);
	const realRoot = await realpath(contentDir);
	const folders: { path: string; draft: boolean }[] = [{ path: '', draft: false }];
	for (let folder = folders.pop(); folder !== undefined; folder = folders.pop()) {
		let entries: Dirent[];
		try {
			entries = await readdir(join(contentDir, folder.path), { withFileTypes: true });
		} catch (error) {
			if (folder.path === '') throw error;
			selection.problems.push({ contentPath: folder.path, kind: 'unreadable', detail: (error as NodeJS.ErrnoException).code ?? String(error) });
			continue;
		}
		for (const entry of entries) {
			const name = entry.name;
			if (name.startsWith('.') || name === 'node_modules') continue;
			const contentPath = folder.path === '' ? name : `${folder.path}/${name}`;
			const draft = folder.draft || name.startsWith('_');
			if (!(folder.path === '' && dataFileNames.has(name)) && isExcluded(contentPath)) {
				selection.excluded.push(contentPath);
				continue;
			}
			if (entry.isSymbolicLink()) {
				if (!draft) selection.problems.push(await symlinkProblem(contentDir, realRoot, contentPath));
			} else if (entry.isDirectory()) {
				folders.push({ path: contentPath, draft });
			} else if (entry.isFile()) {
				classifyFile(selection, contentPath, draft);
			}
		}
	}
	selection.pages.sort((a, b) => compare(a.contentPath, b.contentPath));
	selection.drafts.sort(compare);
	selection.assets.sort(compare);
	selection.excluded.sort(compare);
	selection.problems.sort((a, b) => compare(a.contentPath, b.contentPath));
	return selection;
}

function classifyFile(selection: ContentSelection, contentPath: string, draft: boolean) {
	const extension = extensionOf(contentPath);
	const isPageExtension = (pageExtensions as readonly string[]).includes(extension);
	if (!isPageExtension) {
		if ((pageExtensions as readonly string[]).includes(extension.toLowerCase())) {
			if (!draft) selection.problems.push({ contentPath, kind: 'extension-case' });
		} else if (!contentPath.includes('/') && dataFileNames.has(contentPath)) {
			selection.dataFiles.add(contentPath);
		} else if (!draft) {
			selection.assets.push(contentPath);
		}
		return;
	}
	if (draft) {
		selection.drafts.push(contentPath);
		return;
	}
	const page = pageFileOf(contentPath);
	if (!page) selection.problems.push({ contentPath, kind: 'outside-collections' });
	// A page at the route of the site's not-found page (`guides/404.md`) could never be served: it is no page.
	else if (entryRoute(page.collection, page.id) === notFoundRoute) selection.problems.push({ contentPath, kind: 'not-found-route' });
	else selection.pages.push(page);
}

async function symlinkProblem(contentDir: string, realRoot: string, contentPath: string): Promise<FileProblem> {
	try {
		const target = await realpath(join(contentDir, contentPath));
		const inside = target === realRoot || target.startsWith(realRoot + sep);
		return inside
			? { contentPath, kind: 'symlink-inside', detail: relative(realRoot, target).split(sep).join('/') }
			: { contentPath, kind: 'symlink-outside', detail: target };
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		return { contentPath, kind: code === 'ELOOP' ? 'symlink-loop' : 'symlink-broken', detail: code };
	}
}

/** The pages of one collection. */
export function pagesOf(selection: ContentSelection, collection: CollectionName): PageFile[] {
	return selection.pages.filter((page) => page.collection === collection);
}

function compare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
