import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { collections, type PageCollection, pageCollections, pageRow } from '../core/collections.ts';
import type { FileProblem } from '../core/files.ts';
import { resolveLink as resolveLinkTarget, type SiteFiles, siteFilesOf } from '../core/links.ts';
import { siteBase } from '../core/project.ts';
import { folderGroupOf, folderGroupRoute, generatedRoutes, groupKeyOf, laterIndexPages, safeDecode, withBase } from '../core/routes.ts';
import type { AlertRuleFile } from './alert-rules.ts';
import { type AlertFact, deriveAlerts } from './facts/alerts.ts';
import { isRaciTable, readRaciTable, roleColumns } from './facts/raci.ts';
import { releaseOf } from './facts/releases.ts';
import { reviewOfFrontmatter } from './facts/review.ts';
import { referencedIds, sloBudgets } from './facts/services.ts';
import type { LoadedContent, LoadedPage } from './load.ts';
import { frontmatterHtml } from './frontmatter-html.ts';
import { scanPage } from './output/scan.ts';
import type { SecretFinding } from './secrets.ts';
import type { Policy } from './policy.ts';
import type { DataFile, Entry, LinkRecord, SchemaIssue, Team, UnknownKey } from './types.ts';
import { inspect, isPlainObject, pageSchemas, teamsFileSchema, validate } from './validate.ts';
import { positionOf } from './yaml-positions.ts';

/** The handbook as the checks see it: pages with their facts, teams, policy, and how they link up. */
export interface ContentGraph {
	/** Absolute path of the repository root. */
	root: string;
	/** Absolute path of the content folder. */
	contentDir: string;
	/** The content folder relative to the root, e.g. `content`. */
	contentFolder: string;
	/** The date reviews are measured against, `YYYY-MM-DD`. */
	today: string;
	/** Every page, sorted by file path (duplicates included; the maps below keep the first). */
	entries: Entry[];
	byRoute: Map<string, Entry>;
	byContentPath: Map<string, Entry>;
	/** Pages by `collection:id`. */
	byId: Map<string, Entry>;
	teams: Team[];
	teamById: Map<string, Team>;
	/** Whether `teams.yaml` exists and is valid YAML; if not, owners cannot be checked against it. */
	teamsReadable: boolean;
	teamsFile: DataFile;
	policyFile: DataFile;
	policy: Policy;
	/** The RACI column header of every role. */
	roleColumns: Set<string>;
	/** Routes served by page templates rather than content files (see {@link generatedRoutes}), and the index of each folder group. */
	generatedRoutes: Set<string>;
	/**
	 * The ids a link's `#anchor` can name on the generated pages whose sections the graph decides
	 * (see {@link generatedPageAnchors}); on other generated pages an anchor is not looked into.
	 */
	generatedAnchors: Map<string, ReadonlySet<string>>;
	/** Files kept out of the handbook, and why. */
	fileProblems: FileProblem[];
	/** What links can lead to: pages, files next to them, drafts. */
	files: SiteFiles;
	/** Credentials in files that are not pages, by path relative to the root. */
	fileSecrets: Map<string, SecretFinding[]>;
	/** The alert rule files the policy names, read. */
	alertFiles: AlertRuleFile[];
	/** Each of the policy's `alerts.rules` globs with the number of files it matched. */
	alertPatterns: { pattern: string; matches: number }[];
	/** Every alert of the rule files and of the runbooks' `alerts:` lists, by name. */
	alerts: AlertFact[];
	alertByName: Map<string, AlertFact>;
}

/** The alert rule files the policy selects, read (see `loadAlertRuleFiles`). */
export interface LoadedAlertRules {
	files: AlertRuleFile[];
	/** Files matched per glob of the policy, in its order. */
	matches: number[];
}

/** The policy file's validation, as the engine resolved it. */
export interface PolicyResolution {
	policy: Policy;
	issues: SchemaIssue[];
	unknownKeys: UnknownKey[];
}

/**
 * Builds the graph from the loaded content: validates every file, derives each page's facts
 * (owner, review status, RACI table, a service's runbooks, alerts and releases, a release's
 * state) and each alert's (its runbook, service, owner) once, and resolves every link.
 */
export function buildGraph(
	root: string,
	contentDir: string,
	content: LoadedContent,
	resolution: PolicyResolution,
	today: string,
	alertRules: LoadedAlertRules = { files: [], matches: [] },
): ContentGraph {
	const { policy } = resolution;
	const policyFile = { ...content.policy, schemaIssues: resolution.issues, unknownKeys: resolution.unknownKeys };
	const { teams, file: teamsFile } = readTeams(content.teams);
	const entries = content.pages.map((page) => toEntry(page, policy, today));
	const graph: ContentGraph = {
		root,
		contentDir,
		contentFolder: relative(root, contentDir).split(sep).join('/'),
		today,
		entries,
		byRoute: new Map(),
		byContentPath: new Map(),
		byId: new Map(),
		teams,
		teamById: new Map(),
		teamsReadable: teamsFile.exists && teamsFile.yaml.problems.length === 0,
		teamsFile,
		policyFile,
		policy,
		roleColumns: roleColumns(entries),
		generatedRoutes: new Set(generatedRoutes()),
		generatedAnchors: new Map(),
		fileProblems: content.selection.problems,
		files: siteFilesOf(content.selection),
		fileSecrets: content.fileSecrets,
		alertFiles: alertRules.files,
		alertPatterns: policy.alerts.rules.map((pattern, index) => ({ pattern, matches: alertRules.matches[index] ?? 0 })),
		alerts: [],
		alertByName: new Map(),
	};
	for (const team of teams) if (!graph.teamById.has(team.id)) graph.teamById.set(team.id, team);
	for (const entry of entries) {
		if (!graph.byRoute.has(entry.route)) graph.byRoute.set(entry.route, entry);
		if (!graph.byId.has(`${entry.collection}:${entry.id}`)) graph.byId.set(`${entry.collection}:${entry.id}`, entry);
		graph.byContentPath.set(entry.contentPath, entry);
		const folder = folderGroupOf(entry.collection, entry.contentPath);
		if (folder !== undefined) graph.generatedRoutes.add(folderGroupRoute(entry.collection, folder));
	}
	// Without a home page (guides/index.md) the site shows one of its own.
	if (!graph.byRoute.has('/')) graph.generatedRoutes.add('/');
	graph.generatedAnchors = generatedPageAnchors(graph);
	for (const entry of entries) {
		entry.raciTables = entry.tables.filter((table) => isRaciTable(table, graph.roleColumns));
		if (entry.collection === 'practices' && entry.raciTables[0]) entry.raci = readRaciTable(entry.file, entry.raciTables[0]);
		entry.release = releaseOf(entry, today);
	}
	deriveServiceFacts(graph);
	const count = (collection: PageCollection) => entries.filter((entry) => entry.collection === collection).length;
	for (const route of laterIndexPages({
		practices: count('practices'),
		roles: count('roles'),
		services: count('services'),
		runbooks: count('runbooks'),
		readiness: count('readiness'),
		alerts: graph.alerts.length,
		raciPractices: entriesOf(graph, 'practices').filter((entry) => entry.raci !== undefined).length,
	})) {
		graph.generatedRoutes.add(route);
	}
	for (const entry of entries) {
		for (const link of entry.links) {
			const target = resolveLink(graph, entry, link.url, link.kind);
			if (target.kind === 'entry' && target.entry !== entry && (link.kind !== 'definition' || link.used)) {
				target.entry.linkedFrom.add(entry.route);
			}
		}
	}
	return graph;
}

/**
 * The alerts, and the facts of each service: its objectives' budgets, runbooks (its folder), the
 * alerts leading to them, dependencies both ways and releases. Adds each alert's stable address
 * to the generated routes, so links to it are checked like links to any page.
 */
function deriveServiceFacts(graph: ContentGraph): void {
	const services = new Map(entriesOf(graph, 'services').map((entry) => [entry.id, entry]));
	graph.alerts = deriveAlerts(
		{
			entries: graph.entries,
			byRoute: graph.byRoute,
			generatedRoutes: graph.generatedRoutes,
			serviceOwner: (id) => services.get(id)?.owner,
			isTeam: (id) => graph.teamById.has(id),
		},
		graph.alertFiles,
		graph.policy.alerts,
	);
	for (const alert of graph.alerts) {
		graph.alertByName.set(alert.name, alert);
		if (alert.route) graph.generatedRoutes.add(alert.route);
	}
	const dependents = new Map<string, string[]>();
	for (const service of services.values()) {
		for (const id of referencedIds(service.raw.dependencies)) dependents.set(id, [...(dependents.get(id) ?? []), service.id]);
	}
	// Each service's runbooks, alerts and releases, gathered in one pass over the pages and alerts
	// (not one pass per service: a handbook of 10,000 pages has 750 services).
	const runbooksByService = groupBy(entriesOf(graph, 'runbooks'), (entry) => folderGroupOf('runbooks', entry.contentPath));
	const serviceOfRunbook = new Map<Entry, string>();
	for (const [id, runbooks] of runbooksByService) for (const runbook of runbooks) if (id !== undefined) serviceOfRunbook.set(runbook, id);
	const alertsByService = new Map<string, AlertFact[]>();
	for (const alert of graph.alerts) {
		const ids = new Set([alert.service, alert.runbook && serviceOfRunbook.get(alert.runbook)]);
		for (const id of ids) if (id !== undefined) alertsByService.set(id, [...(alertsByService.get(id) ?? []), alert]);
	}
	const releasesByService = groupBy(
		entriesOf(graph, 'readiness').filter((entry) => entry.release !== undefined),
		(entry) => entry.release!.service,
	);
	for (const service of services.values()) {
		const oncall = graph.teamById.get(service.owner ?? '')?.raw.oncall;
		service.serviceFacts = {
			slos: sloBudgets(service.data),
			runbooks: runbooksByService.get(service.id) ?? [],
			alerts: alertsByService.get(service.id) ?? [],
			dependencies: referencedIds(service.raw.dependencies),
			dependents: dependents.get(service.id) ?? [],
			releases: (releasesByService.get(service.id) ?? []).sort((a, b) => a.release!.releaseDate.localeCompare(b.release!.releaseDate)),
			oncall: isPlainObject(oncall) && typeof oncall.rotation === 'string' ? oncall.rotation : undefined,
		};
	}
}

/** Items by key, each group in the items' order. */
function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
	const groups = new Map<K, T[]>();
	for (const item of items) {
		const key = keyOf(item);
		const group = groups.get(key);
		if (group) group.push(item);
		else groups.set(key, [item]);
	}
	return groups;
}

function toEntry(page: LoadedPage, policy: Policy, today: string): Entry {
	const { frontmatter, markdown } = page;
	const raw = isPlainObject(frontmatter.data) ? frontmatter.data : {};
	const row = collections[page.collection];
	const title = typeof raw.title === 'string' ? raw.title : (page.derivedTitle ?? '');
	// As the site's loader does: a page of a collection that takes its title from the body gets it before validation.
	const input = row.titleFromBody && raw.title === undefined ? { ...raw, title } : raw;
	const readable = frontmatter.kind === 'none' || (frontmatter.kind === 'yaml' && frontmatter.problems.length === 0);
	const schema = pageSchemas[page.collection];
	const { references, unknownKeys } = inspect(schema, raw);
	const { data, issues } = readable ? validate(schema, input, unknownKeys) : { data: undefined, issues: [] };
	const ownOwner = typeof raw.owner === 'string' ? raw.owner : undefined;
	const inherited = ownOwner === undefined && row.inheritsDefaultOwner ? policy.defaultOwner : undefined;
	return {
		collection: page.collection,
		id: page.id,
		route: page.route,
		file: page.file,
		contentPath: page.contentPath,
		title,
		raw,
		data: isPlainObject(data) ? data : undefined,
		frontmatter,
		schemaIssues: issues,
		unknownKeys,
		references,
		owner: ownOwner ?? inherited,
		ownerInherited: inherited !== undefined,
		headings: markdown.headings,
		// `_top` is the page title's id; `top` (and an empty fragment) scroll browsers to the top; the page template adds its own sections.
		anchors: new Set(['_top', 'top', ...markdown.headings.map((heading) => heading.slug), ...markdown.extraAnchors, ...(pageRow(page.collection).templateAnchors ?? [])]),
		links: [...frontmatterLinks(page, raw), ...markdown.links],
		tables: markdown.tables,
		tasks: markdown.tasks,
		hazards: markdown.hazards,
		secrets: page.secrets,
		components: markdown.components,
		imports: markdown.imports,
		linkedFrom: new Set(),
		failure: page.failure,
		review: reviewOfFrontmatter(page.collection, raw, policy.freshness, today),
		raciTables: [],
		raci: undefined,
		serviceFacts: undefined,
		release: undefined,
	};
}

/** Links written in frontmatter: the hero actions of a Starlight splash page. */
function frontmatterLinks(page: LoadedPage, raw: Record<string, unknown>): LinkRecord[] {
	const links: LinkRecord[] = [];
	const hero = raw.hero;
	if (isPlainObject(hero) && Array.isArray(hero.actions)) {
		hero.actions.forEach((action, index) => {
			if (!isPlainObject(action) || typeof action.link !== 'string') return;
			const { line, column } = positionOf(page.frontmatter, ['hero', 'actions', index, 'link'], { line: 1, column: 1 }, 'value');
			links.push({ url: action.link, kind: 'frontmatter', line, column, endLine: line, endColumn: column + action.link.length });
		});
	}
	// Links inside the frontmatter shown as HTML (a hero tagline, a banner): the site writes them as they are.
	for (const { path, html } of frontmatterHtml(raw)) {
		const { line, column } = positionOf(page.frontmatter, path, { line: 1, column: 1 }, 'value');
		for (const reference of scanPage(html).references) {
			if (reference.attribute !== 'href' && reference.attribute !== 'src') continue;
			links.push({ url: reference.value, kind: 'frontmatter-html', line, column, endLine: line, endColumn: column + 1 });
		}
	}
	return links;
}

function readTeams(file: DataFile): { teams: Team[]; file: DataFile } {
	const list = file.yaml.data;
	if (!file.exists || list === undefined) return { teams: [], file };
	const { unknownKeys } = inspect(teamsFileSchema, list);
	const { issues } = validate(teamsFileSchema, list, unknownKeys);
	const teams = (Array.isArray(list) ? list : []).flatMap((item, index): Team[] =>
		isPlainObject(item) && typeof item.id === 'string' ? [{ id: item.id, index, raw: item }] : [],
	);
	return { teams, file: { ...file, schemaIssues: issues, unknownKeys } };
}

/**
 * The sections of the generated pages that show the graph's pages, as ids a link can name: the
 * home page the site writes when the handbook has none (its guides, when there are any, and the
 * other sections, always), and the index of each collection the registry groups (a section per
 * group, with the group's key as its id). Every page has `_top` (its title) and `top`.
 */
function generatedPageAnchors(graph: ContentGraph): Map<string, ReadonlySet<string>> {
	const anchors = new Map<string, ReadonlySet<string>>();
	const page = (ids: Iterable<string>) => new Set(['_top', 'top', ...ids]);
	if (graph.generatedRoutes.has('/')) anchors.set('/', page([...(entriesOf(graph, 'docs').length > 0 ? ['guides'] : []), 'sections']));
	for (const collection of pageCollections) {
		const row = pageRow(collection);
		if (!row.indexGenerated || row.group === undefined || !graph.generatedRoutes.has(row.indexRoute)) continue;
		const keys = entriesOf(graph, collection).map((entry) => groupKeyOf(collection, entry.contentPath, entry.data));
		anchors.set(row.indexRoute, page(keys.filter((key) => key !== undefined)));
	}
	return anchors;
}

/** The pages of one collection, in file order. */
export function entriesOf(graph: ContentGraph, collection: PageCollection): Entry[] {
	return graph.entries.filter((entry) => entry.collection === collection);
}

/** Where a link leads, as the checker judges it. */
export type GraphLinkTarget =
	| { kind: 'external' }
	| { kind: 'entry'; entry: Entry; anchor: string | undefined }
	| { kind: 'generated'; route: string; anchor: string | undefined }
	| { kind: 'missing-route'; route: string }
	| { kind: 'missing-page'; contentPath: string; trailingSlash: boolean }
	| { kind: 'missing-file'; contentPath: string }
	| { kind: 'draft'; contentPath: string }
	| { kind: 'excluded'; contentPath: string }
	| { kind: 'ignored'; path: string }
	| { kind: 'redirect-loop'; route: string }
	| { kind: 'outside' }
	| { kind: 'public'; path: string; exists: boolean }
	| { kind: 'asset'; contentPath: string };

/**
 * Resolves a link written in a page with the one link model the site uses too
 * ({@link resolveLinkTarget} of `core/links.ts`), then finds the page it leads to in the graph:
 * pages by file, folder or route; the site's generated pages; files in `public/` and next to pages.
 */
export function resolveLink(graph: ContentGraph, from: Entry, url: string, kind?: LinkRecord['kind']): GraphLinkTarget {
	let targets = resolvedLinks.get(graph);
	if (!targets) {
		targets = new Map();
		resolvedLinks.set(graph, targets);
	}
	// MDX's JSX and frontmatter HTML are rendered as written: their links resolve from the page's URL, as a browser does.
	if (kind === 'jsx' || kind === 'frontmatter-html') {
		const key = `jsx\n${from.route}\n${url}`;
		let target = targets.get(key);
		if (!target) {
			target = resolveAsWritten(graph, from, url);
			targets.set(key, target);
		}
		return target;
	}
	// Links other than same-page ones resolve the same from every page of a folder: resolve each once per folder.
	const key = url.startsWith('#') || url.startsWith('?') ? `${from.contentPath}\n${url}` : `${from.contentPath.slice(0, from.contentPath.lastIndexOf('/') + 1)}\n${url}`;
	let target = targets.get(key);
	if (!target) {
		target = resolveUncached(graph, from, url);
		targets.set(key, target);
	}
	return target;
}

/**
 * A link the site writes as it is: resolved against the page's URL under the base path, as a
 * browser does, then looked up as a site-absolute link.
 */
function resolveAsWritten(graph: ContentGraph, from: Entry, url: string): GraphLinkTarget {
	if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) return { kind: 'external' };
	const base = siteBase();
	const { pathname, hash } = new URL(url, `https://site.invalid${withBase(base, from.route)}`);
	if (!pathname.startsWith(base)) return { kind: 'outside' };
	return resolveUncached(graph, from, `${safeDecode(pathname.slice(base.length - 1))}${hash}`);
}

const resolvedLinks = new WeakMap<ContentGraph, Map<string, GraphLinkTarget>>();

/** Lets go of the links {@link resolveLink} resolved for a graph (they are resolved again when asked). */
export function forgetResolvedLinks(graph: ContentGraph): void {
	resolvedLinks.delete(graph);
}

function resolveUncached(graph: ContentGraph, from: Entry, url: string): GraphLinkTarget {
	const target = resolveLinkTarget(from.contentPath, url, graph.files);
	switch (target.kind) {
		case 'external':
		case 'outside':
			return target;
		case 'page': {
			const entry = graph.byContentPath.get(target.page.contentPath)!;
			return { kind: 'entry', entry, anchor: target.anchor === undefined ? undefined : safeDecode(target.anchor) };
		}
		case 'route':
			return graph.generatedRoutes.has(target.route)
				? { kind: 'generated', route: target.route, anchor: target.anchor === undefined ? undefined : safeDecode(target.anchor) }
				: { kind: 'missing-route', route: target.route };
		case 'public':
			return { kind: 'public', path: target.path, exists: existsSync(join(graph.root, 'public', target.path)) };
		case 'asset':
		case 'draft':
		case 'excluded':
		case 'ignored':
		case 'redirect-loop':
			return target;
		case 'missing':
			return /\.(md|mdx|markdown)$/i.test(target.contentPath)
				? { kind: 'missing-page', contentPath: target.contentPath, trailingSlash: target.trailingSlash }
				: { kind: 'missing-file', contentPath: target.contentPath };
	}
}

/**
 * The files next to pages (not pages themselves) that some page links to, by how: `images` are
 * shown as Markdown images (`![](x.png)`), which Astro imports, optimises and publishes when it
 * can read them; `files` are linked otherwise, and the site publishes them under `/_content/`.
 */
export function linkedAssets(graph: ContentGraph): { files: string[]; images: string[] } {
	const files = new Set<string>();
	const images = new Set<string>();
	for (const entry of graph.entries) {
		for (const link of entry.links) {
			const target = resolveLink(graph, entry, link.url, link.kind);
			if (target.kind === 'asset') (link.kind === 'image' ? images : files).add(target.contentPath);
		}
	}
	return { files: [...files].sort(), images: [...images].sort() };
}

/** Every page collection with its pages, in registry order (for reports). */
export function pagesByCollection(graph: ContentGraph): { collection: PageCollection; entries: Entry[] }[] {
	return pageCollections.map((collection) => ({ collection, entries: entriesOf(graph, collection) }));
}
