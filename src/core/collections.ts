import type { z } from 'astro/zod';
import type { ReferenceFn } from '../schemas/common.ts';
import { guideSchema } from '../schemas/docs.ts';
import { practiceCategories, practiceCategoryLabels, practiceSchema } from '../schemas/practices.ts';
import { readinessSchema } from '../schemas/readiness.ts';
import { roleSchema } from '../schemas/roles.ts';
import { runbookSchema } from '../schemas/runbooks.ts';
import { serviceSchema, serviceTierLabels, serviceTiers } from '../schemas/services.ts';
import { teamSchema } from '../schemas/teams.ts';

/**
 * The collection registry: one row per collection of the handbook. Everything that depends on
 * which collections exist derives from this table: the Astro collections and their loaders, the
 * checker's file selection, routes and schemas, the review defaults and the policy schema, the
 * navigation, the health report, the JSON Schemas for editors and the README's table of content
 * folders. Adding a collection is adding a row here (and its schema, pages and tests).
 */

/** The collection names, as Astro and the checker know them. */
export const collectionNames = ['docs', 'practices', 'roles', 'services', 'runbooks', 'readiness', 'teams'] as const;
export type CollectionName = (typeof collectionNames)[number];

/** A required section: one heading name, or a list of names of which one is enough. */
export type SectionRequirement = string | string[];

/** A schema factory: given how references are made, the frontmatter schema of a collection. */
export type SchemaFactory = (reference: ReferenceFn) => z.ZodType | ((context: never) => z.ZodType);

type SchemaOf<F> = F extends (reference: ReferenceFn) => infer S ? (S extends (context: never) => infer T ? T : S) : never;
/** The frontmatter of a collection's pages once validated. */
export type DataOf<F> = SchemaOf<F> extends z.ZodType ? z.output<SchemaOf<F>> : never;

/** How a file path maps to a page, as the README and `handbook new` describe it. */
export interface FileLayout {
	/** Path under the content folder, with placeholders: `runbooks/<service>/<id>.md`. */
	path: string;
	/** What such a file is: `an operational runbook, one folder per service`. */
	what: string;
	/** Its route, with the same placeholders: `/runbooks/<service>/<id>/`. */
	route: string;
}

/**
 * How the pages of a collection are grouped in the navigation and on the collection index:
 * `folder` by the first folder of their id (each group is a page of its own at
 * `<routeBase><folder>/`), a function by a frontmatter field (each group is a section of the
 * collection index, `<indexRoute>#<key>`).
 */
export interface Grouping<D> {
	by: 'folder' | ((data: D) => string);
	/** Groups in this order; others follow by name. */
	order?: readonly string[];
	/** The label of a group (default: its key). */
	label?: (key: string) => string;
}

/** A collection of Markdown pages, one page per file under `content/<folder>/`. */
export interface PageCollectionRow<F extends SchemaFactory = SchemaFactory> {
	kind: 'pages';
	/** Folder under the content folder. */
	folder: string;
	layouts: FileLayout[];
	/** Routes of its pages start here: `/runbooks/` + id + `/`. */
	routeBase: string;
	/** The page that lists the collection. */
	indexRoute: string;
	/** Whether the site generates the index page (`false`: it is a page of the collection). */
	indexGenerated: boolean;
	schema: F;
	/** A page without `title:` takes its first `# heading` or its file name, so it may have no frontmatter at all (guides). */
	titleFromBody: boolean;
	/** A page without `owner:` is owned by the policy's `defaultOwner` (guides). */
	inheritsDefaultOwner: boolean;
	labels: {
		/** One page: `runbook`. */
		one: string;
		/** The section in the navigation and reports: `Runbooks`. */
		section: string;
	};
	/** The search filter value `type` of its pages. */
	pageType: string;
	/** Days between reviews when a page sets no `reviewInterval:` (the policy can change it). */
	reviewInterval: number;
	/** H2 sections every page must have (the `structure` rule's default; the policy can change it). */
	requiredSections?: SectionRequirement[];
	/** Order of pages in the navigation and the index (default: by title). */
	sort?: (a: { id: string; data: DataOf<F> }, b: { id: string; data: DataOf<F> }) => number;
	group?: Grouping<DataOf<F>>;
	/** Its folders are groups of the navigation, nested as they are on disk (guides); instead of `group`. */
	nestedFolders?: boolean;
	/** Ids of the sections the collection's page template adds around the Markdown body, so links to them are checked. */
	templateAnchors?: readonly string[];
	/** The JSON Schema's description, for editors. */
	about: string;
}

/** A collection kept as one YAML file of the content folder, a list of entries with an `id`. */
export interface DataCollectionRow {
	kind: 'data';
	file: string;
	schema: () => z.ZodType;
	labels: { one: string; section: string };
	layouts: FileLayout[];
	about: string;
}

export type CollectionRow = PageCollectionRow | DataCollectionRow;

function pages<F extends SchemaFactory>(row: Omit<PageCollectionRow<F>, 'kind'>): PageCollectionRow<F> {
	return { kind: 'pages', ...row };
}

const byTitle = (a: { data: { title: string } }, b: { data: { title: string } }) => a.data.title.localeCompare(b.data.title);

/** The handbook's collections, in navigation order. */
export const collections = {
	docs: pages({
		folder: 'guides',
		layouts: [{ path: 'guides/**.md', what: 'free-form guides; `index.md` is the home page', route: '/<path>/' }],
		routeBase: '/',
		indexRoute: '/',
		indexGenerated: false,
		schema: guideSchema,
		titleFromBody: true,
		inheritsDefaultOwner: true,
		labels: { one: 'guide', section: 'Guides' },
		pageType: 'guide',
		reviewInterval: 365,
		sort: (a, b) => (a.id === 'index' ? -1 : b.id === 'index' ? 1 : byTitle(a, b)),
		nestedFolders: true,
		about: "Frontmatter of content/guides/**/*.md: Starlight's fields and the handbook's.",
	}),
	practices: pages({
		folder: 'practices',
		layouts: [{ path: 'practices/<id>.md', what: 'one ITIL 4 practice', route: '/practices/<id>/' }],
		routeBase: '/practices/',
		indexRoute: '/practices/',
		indexGenerated: true,
		schema: practiceSchema,
		titleFromBody: false,
		inheritsDefaultOwner: false,
		labels: { one: 'practice', section: 'Practices' },
		pageType: 'practice',
		reviewInterval: 365,
		requiredSections: ['Purpose', 'Key activities', 'RACI'],
		group: {
			by: (data) => data.category,
			order: practiceCategories,
			label: (key) => practiceCategoryLabels[key as keyof typeof practiceCategoryLabels] ?? key,
		},
		about: 'Frontmatter of content/practices/*.md.',
	}),
	roles: pages({
		folder: 'roles',
		layouts: [{ path: 'roles/<id>.md', what: 'a process or operations role', route: '/roles/<id>/' }],
		routeBase: '/roles/',
		indexRoute: '/roles/',
		indexGenerated: true,
		schema: roleSchema,
		titleFromBody: false,
		inheritsDefaultOwner: false,
		labels: { one: 'role', section: 'Roles' },
		pageType: 'role',
		reviewInterval: 365,
		// The three process roles first, then the roles a DevOps organisation adds.
		sort: (a, b) => (a.data.group === b.data.group ? 0 : a.data.group === 'process' ? -1 : 1) || byTitle(a, b),
		about: 'Frontmatter of content/roles/*.md.',
	}),
	services: pages({
		folder: 'services',
		layouts: [
			{
				path: 'services/<id>.md',
				what: 'a service: owner, offering, SLOs, dependencies; each runbook folder is a service id',
				route: '/services/<id>/',
			},
		],
		routeBase: '/services/',
		indexRoute: '/services/',
		indexGenerated: true,
		schema: serviceSchema,
		titleFromBody: false,
		inheritsDefaultOwner: false,
		labels: { one: 'service', section: 'Services' },
		pageType: 'service',
		reviewInterval: 180,
		group: { by: (data) => data.tier, order: serviceTiers, label: (key) => serviceTierLabels[key as keyof typeof serviceTierLabels] ?? key },
		templateAnchors: ['offering', 'service-level-objectives', 'runbooks-and-alerts', 'dependencies', 'releases'],
		about: 'Frontmatter of content/services/*.md.',
	}),
	runbooks: pages({
		folder: 'runbooks',
		layouts: [
			{
				path: 'runbooks/<service>/<id>.md',
				what: 'an operational runbook, one folder per service',
				route: '/runbooks/<service>/<id>/',
			},
		],
		routeBase: '/runbooks/',
		indexRoute: '/runbooks/',
		indexGenerated: true,
		schema: runbookSchema,
		titleFromBody: false,
		inheritsDefaultOwner: false,
		labels: { one: 'runbook', section: 'Runbooks' },
		pageType: 'runbook',
		reviewInterval: 90,
		requiredSections: [['Symptoms', 'Diagnosis'], 'Mitigation', 'Escalation', 'Rollback'],
		group: { by: 'folder' },
		about: 'Frontmatter of content/runbooks/<service>/*.md.',
	}),
	readiness: pages({
		folder: 'readiness',
		layouts: [
			{ path: 'readiness/<id>.md', what: 'a readiness template', route: '/readiness/<id>/' },
			{
				path: 'readiness/<service>/<release>.md',
				what: 'a filled-in copy for one release',
				route: '/readiness/<service>/<release>/',
			},
		],
		routeBase: '/readiness/',
		indexRoute: '/readiness/',
		indexGenerated: true,
		schema: readinessSchema,
		titleFromBody: false,
		inheritsDefaultOwner: false,
		labels: { one: 'readiness template', section: 'Readiness templates' },
		pageType: 'readiness',
		reviewInterval: 365,
		about: 'Frontmatter of content/readiness/*.md.',
	}),
	teams: {
		kind: 'data',
		file: 'teams.yaml',
		schema: () => teamSchema(),
		labels: { one: 'team', section: 'Teams' },
		layouts: [{ path: 'teams.yaml', what: 'the ownership registry: teams, contacts, on-call, GitHub handles', route: '' }],
		about: 'content/teams.yaml: the teams that own pages.',
	},
} as const satisfies Record<CollectionName, CollectionRow>;

export type Collections = typeof collections;
/** The collections of Markdown pages. */
export type PageCollection = { [K in CollectionName]: Collections[K] extends PageCollectionRow ? K : never }[CollectionName];
/** The collections kept in a YAML data file. */
export type DataCollection = Exclude<CollectionName, PageCollection>;

/** The page collections, in navigation order. */
export const pageCollections = collectionNames.filter(
	(name): name is PageCollection => collections[name].kind === 'pages',
) as readonly PageCollection[];

/** The data collections. */
export const dataCollections = collectionNames.filter((name): name is DataCollection => collections[name].kind === 'data');

/** The row of a page collection. */
export function pageRow(name: PageCollection): PageCollectionRow {
	return collections[name] as PageCollectionRow;
}

/**
 * Pages the site generates that belong to no collection, in navigation order after the
 * collections. A page that shows a collection's pages (`from`) is left out of the navigation when
 * that collection is empty, as the collections' own sections are (an imported handbook of guides
 * has no practices to show in a RACI matrix).
 */
export const sitePages: readonly { route: string; label: string; from?: CollectionName }[] = [
	{ route: '/raci/', label: 'RACI matrix', from: 'practices' },
	{ route: '/alerts/', label: 'Alerts', from: 'runbooks' },
	{ route: '/releases/', label: 'Release board', from: 'readiness' },
	{ route: '/health/', label: 'Handbook health' },
];

/** Files the site generates that are no page: `/releases.ics`, the calendar feed of the release board. */
export const siteFiles = ['/releases.ics'] as const;

/** The check policy's file at the top of the content folder. */
export const policyFileName = 'handbook.yaml';
