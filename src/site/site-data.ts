import { relative, resolve, sep } from 'node:path';
import { type CollectionEntry, getCollection } from 'astro:content';
import { collections, type PageCollection, type PageCollectionRow, pageCollections, sitePages } from '../core/collections.ts';
import { editUrlBase, lastCommitDates } from '../core/git.ts';
import { contentRoot } from '../core/project.ts';
import { entryRoute, folderGroupRoute, groupKeyOf } from '../core/routes.ts';
import { fileNameTitle } from '../core/title.ts';
import type { NavPage, NavSection } from './navigation.ts';

/** Search filters of a page: pagefind filter name -> values. */
export type PageFilters = Partial<Record<'type' | 'owner' | 'service' | 'practice', string>>;

export type TeamData = CollectionEntry<'teams'>['data'];

/** The pages of every page collection, each in the order the registry gives it. */
export type CollectionEntries = { [K in PageCollection]: CollectionEntry<K>[] };

export interface SiteData {
	entries: CollectionEntries;
	/** Titles by `collection:id`. */
	titles: Map<string, string>;
	teams: Map<string, TeamData>;
	sections: NavSection[];
	/** Source file (relative to the project root) of each entry page, by route. */
	sourceFiles: Map<string, string>;
	/** Newest commit date of each source file, by path relative to the project root. */
	lastUpdated: Map<string, Date>;
	/** Prefix of "Edit this page" links, if the repository's host is known. */
	editUrlBase: string | undefined;
}

let cached: Promise<SiteData> | undefined;

/** Every collection, loaded once per build and shared by all pages and the route middleware. */
export function getSiteData(): Promise<SiteData> {
	cached ??= loadSiteData();
	return cached;
}

/** An entry as the registry's grouping and ordering see it. */
interface AnyEntry {
	id: string;
	data: { title: string };
	/** The source file, relative to the project root. */
	filePath?: string | undefined;
}

/** The path of an entry's file relative to the content folder. */
function contentPathOf(entry: AnyEntry): string {
	return entry.filePath ? relative(resolve(contentRoot), resolve(entry.filePath)).split(sep).join('/') : '';
}

/** A group of a collection's pages, as the registry's grouping defines it. */
export interface EntryGroup<E> {
	key: string;
	label: string;
	/** The group's own index page (folder groups), or its section of the collection index. */
	route: string;
	entries: E[];
}

/**
 * The groups of a collection's pages, in the registry's order (`group.order`, then by name);
 * one group with key `''` when the collection is not grouped. Pages outside every folder of a
 * collection grouped by folder (which the check reports) are in a group with key `''`.
 */
export function groupEntries<E extends AnyEntry>(collection: PageCollection, entries: readonly E[]): EntryGroup<E>[] {
	let byCollection = groupings.get(entries);
	if (!byCollection) groupings.set(entries, (byCollection = new Map()));
	let groups = byCollection.get(collection) as EntryGroup<E>[] | undefined;
	if (!groups) byCollection.set(collection, (groups = groupUncached(collection, entries)));
	return groups;
}

// The same lists are grouped by many pages (each service's runbook index, the indexes, the navigation): once each.
const groupings = new WeakMap<readonly AnyEntry[], Map<PageCollection, EntryGroup<AnyEntry>[]>>();

function groupUncached<E extends AnyEntry>(collection: PageCollection, entries: readonly E[]): EntryGroup<E>[] {
	const row = collections[collection] as PageCollectionRow;
	const grouping = row.group;
	if (!grouping) return [{ key: '', label: row.labels.section, route: row.indexRoute, entries: [...entries] }];
	const groups = new Map<string, E[]>();
	for (const entry of entries) {
		const key = groupKeyOf(collection, contentPathOf(entry), entry.data) ?? '';
		const group = groups.get(key);
		if (group) group.push(entry);
		else groups.set(key, [entry]);
	}
	const order = grouping.order ?? [];
	const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
	return [...groups]
		.sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
		.map(([key, list]) => ({
			key,
			label: grouping.label?.(key) ?? key,
			route: grouping.by === 'folder' ? folderGroupRoute(collection, key) : `${row.indexRoute}#${key}`,
			entries: list,
		}));
}

const byTitle = (a: AnyEntry, b: AnyEntry) => a.data.title.localeCompare(b.data.title);

/** A collection's pages in the registry's order: by group, then by the row's `sort` (default: by title). */
function sortEntries<E extends AnyEntry>(collection: PageCollection, entries: E[]): E[] {
	const row = collections[collection] as PageCollectionRow;
	const compare = (row.sort as ((a: AnyEntry, b: AnyEntry) => number) | undefined) ?? byTitle;
	return groupEntries(collection, entries).flatMap((group) => group.entries.sort(compare));
}

async function loadSiteData(): Promise<SiteData> {
	const loaded = await Promise.all(pageCollections.map(async (name) => [name, sortEntries(name, await getCollection(name))] as const));
	const entries = Object.fromEntries(loaded) as unknown as CollectionEntries;
	const teams = new Map((await getCollection('teams')).map((team) => [team.id, team.data]));
	// Sections with no pages are left out (an imported handbook has no practices), and so are the pages that show them.
	const hasPages = (name: PageCollection) => entries[name].length > 0;
	const sections: NavSection[] = [
		...pageCollections.filter((name) => hasPages(name) || !collections[name].indexGenerated).map((name) => navSection(name, entries[name])),
		...sitePages
			.filter((page) => page.from === undefined || (page.from !== 'teams' && hasPages(page.from)))
			.map((page) => ({ label: page.label, route: page.route, pages: [] })),
	];
	const sourceFiles = new Map<string, string>();
	const titles = new Map<string, string>();
	for (const name of pageCollections) {
		for (const entry of entries[name] as AnyEntry[]) {
			if (entry.filePath) sourceFiles.set(entryRoute(name, entry.id), entry.filePath);
			titles.set(`${name}:${entry.id}`, entry.data.title);
		}
	}
	const root = process.cwd();
	return { entries, titles, teams, sections, sourceFiles, lastUpdated: lastCommitDates(root, contentRoot), editUrlBase: editUrlBase(root) };
}

/** A collection in the navigation: its pages with their groups, the index page left out. */
function navSection(collection: PageCollection, entries: readonly AnyEntry[]): NavSection {
	const row = collections[collection] as PageCollectionRow;
	if (row.nestedFolders) return nestedSection(collection, entries);
	const grouped = row.group !== undefined;
	const pages = groupEntries(collection, entries).flatMap((group) =>
		group.entries.flatMap((entry): NavPage[] => {
			const route = entryRoute(collection, entry.id);
			if (route === row.indexRoute) return [];
			return [{ title: entry.data.title, route, ...(grouped ? { group: group.label, groupRoute: group.route } : {}) }];
		}),
	);
	return { label: row.labels.section, route: row.indexRoute, pages };
}

/**
 * A collection whose folders nest (guides): each page with the folders it is in, outermost first,
 * each folder named by its index page's title (else its name made readable) and leading to that
 * page. Pages are in folder order: a folder's index page first, then its pages and folders by
 * title, so that the navigation lists each level in order.
 */
function nestedSection(collection: PageCollection, entries: readonly AnyEntry[]): NavSection {
	const row = collections[collection] as PageCollectionRow;
	const indexOf = new Map<string, AnyEntry>();
	for (const entry of entries) {
		const path = contentPathOf(entry);
		if (/\/(index|readme)\.(md|mdx|markdown)$/i.test(path)) indexOf.set(path.slice(0, path.lastIndexOf('/')), entry);
	}
	const pages = entries.flatMap((entry) => {
		const route = entryRoute(collection, entry.id);
		if (route === row.indexRoute) return [];
		const path = contentPathOf(entry);
		const parts = path.split('/').slice(1, -1);
		const folders = parts.map((_, depth) => `${row.folder}/${parts.slice(0, depth + 1).join('/')}`);
		const groups = folders.map((folder) => {
			const index = indexOf.get(folder);
			return { label: index?.data.title ?? fileNameTitle(folder), route: index && entryRoute(collection, index.id) };
		});
		const isIndex = indexOf.get(folders.at(-1) ?? '') === entry;
		const key = [...groups.map((group) => group.label), isIndex ? '' : entry.data.title];
		return [{ page: { title: entry.data.title, route, groups }, key }];
	});
	pages.sort((a, b) => compareKeys(a.key, b.key));
	return { label: row.labels.section, route: row.indexRoute, pages: pages.map(({ page }) => page) };
}

function compareKeys(a: string[], b: string[]): number {
	for (let index = 0; index < Math.min(a.length, b.length); index++) {
		const order = a[index]!.localeCompare(b[index]!);
		if (order !== 0) return order;
	}
	return a.length - b.length;
}

/** The title of an entry, by collection and id, falling back to the id. */
export function titleOf(data: SiteData, collection: PageCollection, id: string): string {
	return data.titles.get(`${collection}:${id}`) ?? id;
}

/** The display name of a team id, falling back to the id. */
export function teamName(data: SiteData, id: string | undefined): string | undefined {
	return id === undefined ? undefined : (data.teams.get(id)?.name ?? id);
}
