import { existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { collections, type PageCollection, pageCollections, pageRow } from '../core/collections.ts';
import type { FileProblem } from '../core/files.ts';
import { folderGroupOf, folderGroupRoute, generatedRoutes, resolveContentLink, safeDecode } from '../core/routes.ts';
import type { AlertRuleFile } from './alert-rules.ts';
import { type AlertFact, deriveAlerts } from './facts/alerts.ts';
import { isRaciTable, readRaciTable, roleColumns } from './facts/raci.ts';
import { releaseOf } from './facts/releases.ts';
import { reviewOfFrontmatter } from './facts/review.ts';
import { referencedIds, sloBudgets } from './facts/services.ts';
import type { LoadedContent, LoadedPage } from './load.ts';
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
	/** Files kept out of the handbook, and why. */
	fileProblems: FileProblem[];
	/** Draft page files, paths relative to the content folder. */
	drafts: string[];
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
		fileProblems: content.fileProblems,
		drafts: content.drafts,
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
	for (const entry of entries) {
		entry.raciTables = entry.tables.filter((table) => isRaciTable(table, graph.roleColumns));
		if (entry.collection === 'practices' && entry.raciTables[0]) entry.raci = readRaciTable(entry.file, entry.raciTables[0]);
		entry.release = releaseOf(entry, today);
	}
	deriveServiceFacts(graph);
	for (const entry of entries) {
		for (const link of entry.links) {
			const target = resolveLink(graph, entry, link.url);
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
	for (const service of services.values()) {
		const runbooks = entriesOf(graph, 'runbooks').filter((entry) => folderGroupOf('runbooks', entry.contentPath) === service.id);
		const oncall = graph.teamById.get(service.owner ?? '')?.raw.oncall;
		service.serviceFacts = {
			slos: sloBudgets(service.data),
			runbooks,
			alerts: graph.alerts.filter((alert) => alert.service === service.id || (alert.runbook !== undefined && runbooks.includes(alert.runbook))),
			dependencies: referencedIds(service.raw.dependencies),
			dependents: dependents.get(service.id) ?? [],
			releases: entriesOf(graph, 'readiness')
				.filter((entry) => entry.release?.service === service.id)
				.sort((a, b) => a.release!.releaseDate.localeCompare(b.release!.releaseDate)),
			oncall: isPlainObject(oncall) && typeof oncall.rotation === 'string' ? oncall.rotation : undefined,
		};
	}
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
		anchors: new Set(['_top', ...markdown.headings.map((heading) => heading.slug), ...markdown.extraAnchors, ...(pageRow(page.collection).templateAnchors ?? [])]),
		links: [...frontmatterLinks(page, raw), ...markdown.links],
		tables: markdown.tables,
		tasks: markdown.tasks,
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
	const hero = raw.hero;
	if (!isPlainObject(hero) || !Array.isArray(hero.actions)) return [];
	return hero.actions.flatMap((action, index) => {
		if (!isPlainObject(action) || typeof action.link !== 'string') return [];
		const { line, column } = positionOf(page.frontmatter, ['hero', 'actions', index, 'link'], { line: 1, column: 1 }, 'value');
		return [{ url: action.link, kind: 'frontmatter', line, column, endLine: line, endColumn: column + action.link.length }];
	});
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

/** The pages of one collection, in file order. */
export function entriesOf(graph: ContentGraph, collection: PageCollection): Entry[] {
	return graph.entries.filter((entry) => entry.collection === collection);
}

/** Where a link leads. */
export type LinkTarget =
	| { kind: 'external' }
	| { kind: 'entry'; entry: Entry; anchor: string | undefined }
	| { kind: 'generated'; route: string }
	| { kind: 'missing-route'; route: string }
	| { kind: 'missing-file'; contentPath: string }
	| { kind: 'file'; path: string; exists: boolean };

/**
 * Resolves a link written in a page, with the site's own link mapping: same-page `#anchors`,
 * relative `.md` links and site-absolute routes lead to pages (or to nothing); site-absolute
 * paths with an extension lead to files in `public/`; other relative paths to files next to the page.
 */
export function resolveLink(graph: ContentGraph, from: Entry, url: string): LinkTarget {
	if (url.startsWith('#')) return { kind: 'entry', entry: from, anchor: safeDecode(url.slice(1)) || undefined };
	let targets = resolvedLinks.get(graph);
	if (!targets) {
		targets = new Map();
		resolvedLinks.set(graph, targets);
	}
	// Other links resolve the same from every page of a folder: resolve each once per folder.
	const key = `${from.contentPath.slice(0, from.contentPath.lastIndexOf('/') + 1)}\n${url}`;
	let target = targets.get(key);
	if (!target) {
		target = resolveUncached(graph, from, url);
		targets.set(key, target);
	}
	return target;
}

const resolvedLinks = new WeakMap<ContentGraph, Map<string, LinkTarget>>();

function resolveUncached(graph: ContentGraph, from: Entry, url: string): LinkTarget {
	const resolved = resolveContentLink(from.contentPath, url);
	if (!resolved) {
		if (url === '' || /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) return { kind: 'external' };
		const relativePath = safeDecode(url.split(/[?#]/)[0]!);
		if (relativePath === '') return { kind: 'external' };
		const path = join(dirname(join(graph.contentDir, from.contentPath)), relativePath);
		return { kind: 'file', path, exists: existsSync(path) };
	}
	const anchor = resolved.anchor === undefined ? undefined : safeDecode(resolved.anchor);
	if (resolved.contentPath !== undefined) {
		const entry = graph.byContentPath.get(resolved.contentPath);
		return entry ? { kind: 'entry', entry, anchor } : { kind: 'missing-file', contentPath: resolved.contentPath };
	}
	const entry = graph.byRoute.get(resolved.route);
	if (entry) return { kind: 'entry', entry, anchor };
	if (graph.generatedRoutes.has(resolved.route)) return { kind: 'generated', route: resolved.route };
	if (/\.[a-z0-9]+$/i.test(resolved.route)) {
		const path = join(graph.root, 'public', safeDecode(resolved.route));
		return { kind: 'file', path, exists: existsSync(path) };
	}
	return { kind: 'missing-route', route: resolved.route };
}

/** Every page collection with its pages, in registry order (for reports). */
export function pagesByCollection(graph: ContentGraph): { collection: PageCollection; entries: Entry[] }[] {
	return pageCollections.map((collection) => ({ collection, entries: entriesOf(graph, collection) }));
}
