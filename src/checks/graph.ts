import { existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { resolveContentLink } from '../lib/routes.ts';
import type { LoadedContent, LoadedPage } from './load.ts';
import { type Policy, resolvePolicy } from './policy.ts';
import { inspect, isPlainObject, pageSchemas, teamsFileSchema, validate } from './schemas.ts';
import type { DataFile, Entry, LinkRecord, Team } from './types.ts';
import { positionOf } from './yaml.ts';

/**
 * Site routes that exist without a content file: the collection indexes, the RACI matrix and
 * the health page. (`/` is the guides' `index.md`, and each runbook service gets an index page
 * at `/runbooks/<service>/`; both come from content, see {@link ContentGraph.generatedRoutes}.)
 */
export const extraRoutes: string[] = ['/practices/', '/roles/', '/runbooks/', '/readiness/', '/raci/', '/health/'];

/** The handbook as the checks see it: pages, teams, policy, and how they link up. */
export interface ContentGraph {
	/** Absolute path of the repository root. */
	root: string;
	/** Absolute path of the content folder. */
	contentDir: string;
	/** The content folder relative to the root, e.g. `content`. */
	contentFolder: string;
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
	/** Routes served by page templates rather than content files: {@link extraRoutes} and the index of each runbook service. */
	generatedRoutes: Set<string>;
}

/** Builds the graph from the loaded content: validates every file and resolves every link. */
export function buildGraph(root: string, contentDir: string, content: LoadedContent): ContentGraph {
	const { policy, issues, unknownKeys } = resolvePolicy(content.policy);
	const policyFile = { ...content.policy, schemaIssues: issues, unknownKeys };
	const { teams, file: teamsFile } = readTeams(content.teams);
	const entries = content.pages.map((page) => toEntry(page, policy));
	const graph: ContentGraph = {
		root,
		contentDir,
		contentFolder: relative(root, contentDir).split(sep).join('/'),
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
		generatedRoutes: new Set(extraRoutes),
	};
	for (const team of teams) if (!graph.teamById.has(team.id)) graph.teamById.set(team.id, team);
	for (const entry of entries) {
		if (!graph.byRoute.has(entry.route)) graph.byRoute.set(entry.route, entry);
		if (!graph.byId.has(`${entry.collection}:${entry.id}`)) graph.byId.set(`${entry.collection}:${entry.id}`, entry);
		graph.byContentPath.set(entry.contentPath, entry);
		// The site gives each service named by a runbook an index page. When the service is not
		// readable, assume the folder's, rather than report every link to its index.
		if (entry.collection === 'runbooks') {
			const folder = entry.contentPath.split('/').length > 2 ? entry.contentPath.split('/')[1] : undefined;
			const service = typeof entry.raw.service === 'string' ? entry.raw.service : folder;
			if (service) graph.generatedRoutes.add(`/runbooks/${service}/`);
		}
	}
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

function toEntry(page: LoadedPage, policy: Policy): Entry {
	const { frontmatter, markdown } = page;
	const raw = isPlainObject(frontmatter.data) ? frontmatter.data : {};
	const title = typeof raw.title === 'string' ? raw.title : (page.derivedTitle ?? '');
	// Like the site loader: a guide without `title:` gets the derived one before validation.
	const input = page.collection === 'docs' && raw.title === undefined ? { ...raw, title } : raw;
	const readable = frontmatter.kind === 'none' || (frontmatter.kind === 'yaml' && frontmatter.problems.length === 0);
	const schema = pageSchemas[page.collection];
	const { references, unknownKeys } = inspect(schema, raw);
	const { data, issues } = readable ? validate(schema, input, unknownKeys) : { data: undefined, issues: [] };
	const ownOwner = typeof raw.owner === 'string' ? raw.owner : undefined;
	const inherited = ownOwner === undefined && page.collection === 'docs' ? policy.defaultOwner : undefined;
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
		anchors: new Set(['_top', ...markdown.headings.map((heading) => heading.slug), ...markdown.extraAnchors]),
		links: [...frontmatterLinks(page, raw), ...markdown.links],
		tables: markdown.tables,
		linkedFrom: new Set(),
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

function safeDecode(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}
