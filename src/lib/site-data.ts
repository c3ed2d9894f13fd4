import { type CollectionEntry, getCollection } from 'astro:content';
import { practiceCategories, practiceCategoryLabels } from '../schemas/practices.ts';
import { editUrlBase, lastCommitDates } from './git.ts';
import type { NavSection } from './navigation.ts';
import { contentRoot } from './project.ts';
import { entryRoute } from './routes.ts';

export type PageType = 'practice' | 'role' | 'runbook' | 'readiness' | 'guide';

/** Search filters of a page: pagefind filter name -> values. */
export type PageFilters = Partial<Record<'type' | 'owner' | 'service' | 'practice', string>>;

export interface SiteData {
	practices: CollectionEntry<'practices'>[];
	roles: CollectionEntry<'roles'>[];
	runbooks: CollectionEntry<'runbooks'>[];
	readiness: CollectionEntry<'readiness'>[];
	guides: CollectionEntry<'docs'>[];
	teams: Map<string, CollectionEntry<'teams'>['data']>;
	practiceTitles: Map<string, string>;
	/** Runbooks grouped by service, services sorted by name. */
	services: Map<string, CollectionEntry<'runbooks'>[]>;
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

const byTitle = <T extends { data: { title: string } }>(a: T, b: T) => a.data.title.localeCompare(b.data.title);

async function loadSiteData(): Promise<SiteData> {
	const [practices, roles, runbooks, readiness, guides, teamEntries] = await Promise.all([
		getCollection('practices'),
		getCollection('roles'),
		getCollection('runbooks'),
		getCollection('readiness'),
		getCollection('docs'),
		getCollection('teams'),
	]);
	practices.sort(
		(a, b) => practiceCategories.indexOf(a.data.category) - practiceCategories.indexOf(b.data.category) || byTitle(a, b),
	);
	roles.sort((a, b) => (a.data.group === b.data.group ? 0 : a.data.group === 'process' ? -1 : 1) || byTitle(a, b));
	runbooks.sort((a, b) => a.data.service.localeCompare(b.data.service) || byTitle(a, b));
	readiness.sort(byTitle);
	guides.sort((a, b) => (a.id === 'index' ? -1 : b.id === 'index' ? 1 : byTitle(a, b)));
	const services = new Map<string, CollectionEntry<'runbooks'>[]>();
	for (const runbook of runbooks) {
		const list = services.get(runbook.data.service);
		if (list) list.push(runbook);
		else services.set(runbook.data.service, [runbook]);
	}
	const teams = new Map(teamEntries.map((team) => [team.id, team.data]));
	const practiceTitles = new Map(practices.map((practice) => [practice.id, practice.data.title]));
	const sections: NavSection[] = [
		{
			label: 'Guides',
			route: '/',
			pages: guides.filter((guide) => guide.id !== 'index').map((guide) => ({ title: guide.data.title, route: entryRoute('docs', guide.id) })),
		},
		{
			label: 'Practices',
			route: '/practices/',
			pages: practices.map((practice) => ({
				title: practice.data.title,
				route: entryRoute('practices', practice.id),
				group: practiceCategoryLabels[practice.data.category],
				groupRoute: `/practices/#${practice.data.category}`,
			})),
		},
		{
			label: 'Roles',
			route: '/roles/',
			pages: roles.map((role) => ({ title: role.data.title, route: entryRoute('roles', role.id) })),
		},
		{
			label: 'Runbooks',
			route: '/runbooks/',
			pages: runbooks.map((runbook) => ({
				title: runbook.data.title,
				route: entryRoute('runbooks', runbook.id),
				group: runbook.data.service,
				groupRoute: `/runbooks/${runbook.data.service}/`,
			})),
		},
		{
			label: 'Readiness templates',
			route: '/readiness/',
			pages: readiness.map((template) => ({ title: template.data.title, route: entryRoute('readiness', template.id) })),
		},
		{ label: 'RACI matrix', route: '/raci/', pages: [] },
		{ label: 'Handbook health', route: '/health/', pages: [] },
	];
	const sourceFiles = new Map<string, string>();
	for (const [collection, entries] of [
		['practices', practices],
		['roles', roles],
		['runbooks', runbooks],
		['readiness', readiness],
		['docs', guides],
	] as const) {
		for (const entry of entries) if (entry.filePath) sourceFiles.set(entryRoute(collection, entry.id), entry.filePath);
	}
	const root = process.cwd();
	return {
		practices,
		roles,
		runbooks,
		readiness,
		guides,
		teams,
		practiceTitles,
		services,
		sections,
		sourceFiles,
		lastUpdated: lastCommitDates(root, contentRoot),
		editUrlBase: editUrlBase(root),
	};
}

/** The display name of a team id, falling back to the id. */
export function teamName(data: SiteData, id: string | undefined): string | undefined {
	return id === undefined ? undefined : (data.teams.get(id)?.name ?? id);
}
