import { join, posix } from 'node:path';
import picomatch from 'picomatch';
import { markdownToMdast } from 'satteri';
import { parse as parseToml } from 'smol-toml';
import { parseMarkdown } from '../../checks/markdown.ts';
import { inspect, isPlainObject, pageSchemas, validate } from '../../checks/validate.ts';
import { splitFrontmatter } from '../../core/frontmatter.ts';
import { contentPathToRoute, generatedRoutes } from '../../core/routes.ts';
import { redirectRoute } from '../../core/site-policy.ts';
import { fileNameTitle, plainText, renderFeatures, type TitleNode, titleHeading } from '../../core/title.ts';
import { type Conversion, convertBody, type StrippedTemplate } from './convert.ts';
import { generatorSlugsWithDepth } from './slugs.ts';
import type { SourcePage, SourceSite } from './source.ts';

/** What the user asked `handbook import` for. */
export interface ImportOptions {
	/** `--owner`: the team that owns every page (the policy's `defaultOwner`). */
	owner?: string | undefined;
	/** `--owner-field`: the frontmatter key whose value names each page's owner team. */
	ownerField?: string | undefined;
	/** `--runbooks`: a glob of source paths to place as runbooks of `--service`. */
	runbooks?: string | undefined;
	service?: string | undefined;
	/** The import's date (`YYYY-MM-DD`), written in the policy's comment. */
	today: string;
}

/** A file the import writes, relative to the new content folder. */
export interface PlannedFile {
	path: string;
	/** The text to write; `undefined` for a copied file. */
	text?: string;
	/** For an asset: the absolute path it is copied from. */
	copyFrom?: string;
}

/** One imported page, for the report. */
export interface ImportedPage {
	source: string;
	target: string;
	title: string;
	/** Where the title came from. */
	titleFrom: 'frontmatter' | 'navigation' | 'heading' | 'file name';
	collection: 'guides' | 'runbooks';
}

/** Everything the import did, and what is left to do: the import report's data. */
export interface ImportReportData {
	source: string;
	generator: string;
	evidence: string | undefined;
	pages: ImportedPage[];
	/** Frontmatter keys mapped to the handbook's, by `from -> to`, with the number of pages. */
	keysMapped: Record<string, number>;
	/** Foreign keys kept (the policy allows them in guides), with the number of pages. */
	keysKept: Record<string, number>;
	/** Keys dropped, with why and where. */
	keysDropped: { page: string; key: string; reason: string }[];
	links: { rewritten: number; anchorsMapped: number; unresolved: { page: string; line: number; url: string }[] };
	assets: { source: string; target: string }[];
	templates: (StrippedTemplate & { page: string })[];
	conversions: { admonitions: number; alerts: number; tabs: number; headingIds: number; attributeLists: number; components: { page: string; names: string[] }[] };
	drafts: string[];
	/** Folder index pages written from the navigation's sections (MkDocs), listing the section's pages. */
	folderIndexes: number;
	/** Pages that read like runbooks (alert runbooks, playbooks), for `--runbooks`. */
	runbookLike: string[];
	/** Pages placed as runbooks, with the frontmatter fields and sections they still lack. */
	runbooks: { target: string; missing: string[] }[];
	teams: { id: string; from: string; complete: boolean }[];
	/** Broken links found by the check after the import, made warnings by the policy written (`rules: { links: warning }`). */
	linksDowngraded?: number;
	/** Old addresses of pages (Hugo's `aliases`, tech docs' `old_paths`), written as redirects to the pages' routes. */
	redirects: { from: string; to: string }[];
}

interface Draft {
	page: SourcePage;
	target: string;
	collection: 'guides' | 'runbooks';
	frontmatter: Record<string, unknown>;
	conversion: Conversion;
	body: string;
	/** Heading ids of the converted page as the handbook renders them, and as the old generator did. */
	slugs: string[];
	/** For each heading, the ids the old generator may have given it. */
	oldSlugs: string[][];
	customIds: Map<string, string>;
	/** The id the old generator gave the page's title heading: a link to it leads to the top of the page. */
	titleSlug: string | undefined;
}

const runbookSections = ['Symptoms', 'Diagnosis', 'Mitigation', 'Escalation', 'Rollback'];

/** Plans an import: every file to write, and the report's data. Reads nothing but the source; writes nothing. */
export function planImport(site: SourceSite, options: ImportOptions): { files: PlannedFile[]; report: ImportReportData } {
	const report: ImportReportData = {
		source: site.root,
		generator: site.generator,
		evidence: site.evidence,
		pages: [],
		keysMapped: {},
		keysKept: {},
		keysDropped: [],
		links: { rewritten: 0, anchorsMapped: 0, unresolved: [] },
		assets: [],
		templates: [],
		conversions: { admonitions: 0, alerts: 0, tabs: 0, headingIds: 0, attributeLists: 0, components: [] },
		drafts: [],
		folderIndexes: 0,
		redirects: [],
		runbookLike: [],
		runbooks: [],
		teams: [],
	};
	const isRunbook = options.runbooks ? picomatch(options.runbooks) : () => false;
	const ownerField = options.ownerField ?? detectOwnerField(site);
	const teams = new Map<string, { from: string; chat: string | undefined }>();
	const teamOf = (value: unknown): string | undefined => {
		if (typeof value !== 'string' || value.trim() === '') return undefined;
		const id = teamId(value);
		if (!teams.has(id)) teams.set(id, { from: value, chat: value.trim().startsWith('#') ? value.trim() : undefined });
		return id;
	};
	// Without --owner: the one team the owner field names, if it names one; else, when some page names
	// none, a team to complete that owns those pages.
	const named = ownerField ? ownerValues(site, ownerField) : [];
	const unowned = ownerField ? site.pages.filter((page) => ownerValues({ ...site, pages: [page] }, ownerField).length === 0).length : site.pages.length;
	const defaultOwner = options.owner
		? teamOf(options.owner)
		: named.length === 1
			? teamOf(named[0])
			: unowned > 0
				? teamOf('handbook-maintainers')
				: undefined;
	const targets = new Set<string>();
	const drafts: Draft[] = [];

	for (const page of site.pages) {
		const { data, body, frontmatterKind } = readFrontmatter(page.text);
		const collection = isRunbook(page.path) ? 'runbooks' : 'guides';
		const draft = data.draft === true;
		const target = uniqueTarget(targetPath(page.path, collection, options.service, draft), targets);
		if (draft || posix.basename(target).startsWith('_')) report.drafts.push(target);
		const conversion = convertBody(body, site.generator, page.template === 'erb', site.params);
		let converted = conversion.body;
		// The title: frontmatter, the generator's navigation, the first `# heading` (then taken out), the file name.
		let title: string;
		let titleFrom: ImportedPage['titleFrom'];
		const written = typeof data.title === 'string' && data.title.trim() !== '' ? stripMarkdown(data.title) : undefined;
		const navTitle = site.navTitles.get(page.path);
		if (written) [title, titleFrom] = [written, 'frontmatter'];
		else if (navTitle) [title, titleFrom] = [navTitle, 'navigation'];
		else {
			const heading = headingTitle(converted);
			if (heading) {
				[title, titleFrom] = [heading.text, 'heading'];
				converted = heading.without;
			} else [title, titleFrom] = [fileNameTitle(page.path), 'file name'];
		}
		if (frontmatterKind === 'toml') countKey(report.keysMapped, 'TOML frontmatter -> YAML');
		// Old addresses keep working as redirects to the page's new route.
		const route = contentPathToRoute(target);
		for (const key of ['aliases', 'old_paths']) {
			const old = data[key];
			for (const path of (Array.isArray(old) ? old : [old]).filter((item): item is string => typeof item === 'string' && item.startsWith('/'))) {
				if (route && !draft) report.redirects.push({ from: redirectRoute(path), to: route });
			}
		}
		const frontmatter = mapFrontmatter(data, collection, title, page, report, { ownerField, teamOf, service: options.service });
		if (collection === 'runbooks' && frontmatter.owner === undefined && defaultOwner) frontmatter.owner = defaultOwner;
		report.pages.push({ source: page.path, target, title, titleFrom, collection });
		report.templates.push(...conversion.templates.map((template) => ({ ...template, page: page.path })));
		report.conversions.admonitions += conversion.admonitions;
		report.conversions.alerts += conversion.alerts;
		report.conversions.tabs += conversion.tabs;
		report.conversions.headingIds += conversion.headingIds.size;
		report.conversions.attributeLists += conversion.attributeLists;
		if (conversion.components.length > 0) report.conversions.components.push({ page: page.path, names: conversion.components });
		if (collection === 'guides' && looksLikeRunbook(page.path, converted)) report.runbookLike.push(page.path);
		const titleSlug = generatorSlugsWithDepth(site.slugDialect, [{ text: title, depth: 1 }])[0]![0];
		drafts.push({ page, target, collection, frontmatter, conversion, body: converted, slugs: [], oldSlugs: [], customIds: new Map(), titleSlug });
	}

	// Heading ids: as the handbook renders them, and as the old generator made them.
	for (const draft of drafts) {
		const headings = safeHeadings(draft.body);
		draft.slugs = headings.map((heading) => heading.slug);
		draft.oldSlugs = generatorSlugsWithDepth(site.slugDialect, headings);
		for (const heading of headings) {
			const id = draft.conversion.headingIds.get(heading.line);
			if (id !== undefined) draft.customIds.set(id, heading.slug);
		}
	}
	const byPath = new Map(drafts.map((draft) => [draft.page.path, draft]));
	const byUrl = new Map<string, Draft>();
	for (const draft of drafts) {
		for (const url of [draft.page.url, ...draft.page.aliases]) {
			const key = urlKey(url, site.lowerCaseUrls);
			if (!byUrl.has(key)) byUrl.set(key, draft);
		}
	}
	const assets = new Map<string, string>();

	const files: PlannedFile[] = [];
	for (const draft of drafts) {
		const context: LinkContext = { site, draft, byPath, byUrl, assets, report };
		const body = rewriteLinks(draft.body, context);
		if (draft.collection === 'runbooks') report.runbooks.push({ target: draft.target, missing: missingRunbookParts(draft.frontmatter, body) });
		files.push({ path: draft.target, text: `${frontmatterBlock(draft.frontmatter)}${body.replace(/^\n+/, '\n').replace(/\n*$/, '\n')}` });
	}
	// A folder the navigation names as a section, without an index page of its own, gets one: the section's title and pages.
	for (const section of site.navSections) {
		const target = `guides/${section.folder}/index.md`;
		if (targets.has(target.toLowerCase()) || generatedRoutes().includes(contentPathToRoute(target) ?? '')) continue;
		const list = section.pages.flatMap((path) => {
			const page = byPath.get(path);
			return page ? [`- [${page.frontmatter.title}](${relativeLink(posix.dirname(target), page.target)})`] : [];
		});
		files.push({ path: target, text: `${frontmatterBlock({ title: section.title })}\n${list.join('\n')}\n` });
		report.pages.push({ source: `(navigation: ${section.title})`, target, title: section.title, titleFrom: 'navigation', collection: 'guides' });
		report.folderIndexes++;
	}
	for (const [source, target] of [...assets].sort()) {
		files.push({ path: target, copyFrom: join(site.docsDir, source) });
		report.assets.push({ source, target });
	}
	for (const [id, team] of teams) report.teams.push({ id, from: team.from, complete: team.chat !== undefined });
	files.push({ path: 'teams.yaml', text: teamsYaml(teams) });
	files.push({ path: 'handbook.yaml', text: policyYaml(site, options, defaultOwner, report) });
	if (options.service && drafts.some((draft) => draft.collection === 'runbooks')) {
		files.push({ path: `services/${options.service}.md`, text: serviceStub(options.service, defaultOwner ?? [...teams.keys()][0] ?? 'handbook-maintainers') });
	}
	return { files, report };
}

/** The frontmatter of a page as data, YAML or TOML, and the body with the frontmatter's lines left blank. */
function readFrontmatter(text: string): { data: Record<string, unknown>; body: string; frontmatterKind: 'yaml' | 'toml' | 'none' } {
	let split;
	try {
		split = splitFrontmatter(text);
	} catch {
		return { data: {}, body: text, frontmatterKind: 'none' };
	}
	const { frontmatter, body } = split;
	if (frontmatter.kind === 'toml') {
		try {
			return { data: parseToml(frontmatter.text) as Record<string, unknown>, body, frontmatterKind: 'toml' };
		} catch {
			return { data: {}, body, frontmatterKind: 'toml' };
		}
	}
	return { data: isPlainObject(frontmatter.data) ? frontmatter.data : {}, body, frontmatterKind: frontmatter.kind };
}

/** The new path of a page: its path in `guides/` (or `runbooks/<service>/`), with the generator's extensions and index names made plain. */
function targetPath(path: string, collection: 'guides' | 'runbooks', service: string | undefined, draft: boolean): string {
	let name = posix.basename(path).replace(/(\.html)?\.(md|markdown|mdx)(\.erb)?$/i, '');
	if (name === '_index') name = 'index';
	if (draft && !name.startsWith('_')) name = `_${name}`;
	if (collection === 'runbooks') return `runbooks/${service}/${name}.md`;
	const folder = posix.dirname(path);
	const target = `guides/${folder === '.' ? '' : `${folder}/`}${name}.md`;
	// A guide must not take a route the site generates (`runbooks/index.md` would be `/runbooks/`).
	const route = contentPathToRoute(target);
	if (route !== undefined && generatedRoutes().includes(route)) return target.replace(/[^/]+\.md$/, name === 'index' ? 'overview.md' : `${name}-page.md`);
	return target;
}

function uniqueTarget(path: string, taken: Set<string>): string {
	let candidate = path;
	for (let count = 2; taken.has(candidate.toLowerCase()); count++) candidate = path.replace(/\.md$/, `-${count}.md`);
	taken.add(candidate.toLowerCase());
	return candidate;
}

/** The page's first `# heading` as its title, and the body without it. */
function headingTitle(body: string): { text: string; without: string } | undefined {
	let root: TitleNode & { children?: (TitleNode & { position?: { start: { line: number }; end: { line: number } } })[] };
	try {
		root = markdownToMdast(body, { features: renderFeatures }) as unknown as typeof root;
	} catch {
		return undefined;
	}
	const heading = titleHeading(root) as (TitleNode & { position?: { start: { line: number }; end: { line: number } } }) | undefined;
	const text = heading && plainText(heading);
	if (!heading?.position || !text) return undefined;
	const lines = body.split('\n');
	for (let line = heading.position.start.line; line <= heading.position.end.line; line++) lines[line - 1] = '';
	return { text, without: lines.join('\n') };
}

/** A title written with Markdown (`**Policy**`, a link), as plain text. */
function stripMarkdown(title: string): string {
	try {
		const root = markdownToMdast(`# ${title.replace(/\n/g, ' ')}`, { features: renderFeatures }) as unknown as TitleNode;
		const heading = titleHeading(root);
		return (heading && plainText(heading)) || title.trim();
	} catch {
		return title.trim();
	}
}

function safeHeadings(body: string) {
	try {
		return parseMarkdown(body, 'md').headings;
	} catch {
		return [];
	}
}

const ownerFields = ['owner_slack', 'owner', 'owners', 'team', 'owner_team', 'maintainer', 'maintained_by'];

/** The owner key the source uses, when one is written on most pages. */
function detectOwnerField(site: SourceSite): string | undefined {
	for (const key of ownerFields) {
		const count = site.pages.filter((page) => new RegExp(`^${key}:`, 'm').test(page.text.slice(0, 2000))).length;
		if (count > 0 && count >= site.pages.length / 2) return key;
	}
	return undefined;
}

/** The distinct values of the owner field, as written. */
function ownerValues(site: SourceSite, key: string): string[] {
	const values = new Set<string>();
	for (const page of site.pages) {
		const value = readFrontmatter(page.text).data[key];
		const first = Array.isArray(value) ? value[0] : value;
		if (typeof first === 'string' && first.trim() !== '') values.add(first);
	}
	return [...values];
}

/** A team id from a written owner: `#modernisation-platform` -> `modernisation-platform`, `Platform Team` -> `platform-team`. */
export function teamId(value: string): string {
	const id = value
		.trim()
		.toLowerCase()
		.replace(/^[#@]+/, '')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
	return id === '' ? 'team' : /^[a-z0-9]/.test(id) ? id : `team-${id}`;
}

const reviewDateKeys = ['last_reviewed_on', 'last_reviewed', 'lastReviewed', 'reviewed_on', 'review_date'];
const reviewIntervalKeys = ['review_in', 'review_interval', 'reviewInterval'];
/** Keys that mean something else in Starlight than where they come from, or that fix an address: never kept. */
const routeKeys: Record<string, string> = {
	slug: 'routes follow file paths',
	url: 'routes follow file paths',
	permalink: 'routes follow file paths',
	aliases: 'old addresses: written as `redirects:` in handbook.yaml',
	old_paths: 'old addresses: written as `redirects:` in handbook.yaml',
	id: 'Docusaurus document id: links by id were rewritten to file paths',
	draft: 'drafts are files whose name starts with `_`',
	title: '',
};

interface MapContext {
	ownerField: string | undefined;
	teamOf: (value: unknown) => string | undefined;
	service: string | undefined;
}

/**
 * The page's frontmatter in the handbook's terms: `description` (a guide keeps it; a runbook's
 * is its `summary`), review dates (`last_reviewed_on` + `review_in` -> `lastReviewed` +
 * `reviewInterval` in days), the owner field -> `owner`. Other keys are kept in guides when
 * their schema accepts them or does not know them (the import lets guides have extra keys),
 * and dropped from runbooks; every drop is listed with its reason.
 */
function mapFrontmatter(
	data: Record<string, unknown>,
	collection: 'guides' | 'runbooks',
	title: string,
	page: SourcePage,
	report: ImportReportData,
	context: MapContext,
): Record<string, unknown> {
	const out: Record<string, unknown> = { title };
	const mapped = (from: string, to: string) => countKey(report.keysMapped, `${from} -> ${to}`);
	const drop = (key: string, reason: string) => report.keysDropped.push({ page: page.path, key, reason });
	if (collection === 'runbooks') {
		out.summary = undefined;
		out.service = context.service;
	}
	for (const [key, value] of Object.entries(data)) {
		if (key === 'title') continue;
		if (key in routeKeys) {
			if (routeKeys[key]) drop(key, routeKeys[key]!);
			continue;
		}
		if (key === context.ownerField) {
			const owner = context.teamOf(Array.isArray(value) ? value[0] : value);
			if (owner) {
				out.owner = owner;
				mapped(key, 'owner');
			} else drop(key, 'not a team name');
			continue;
		}
		if (reviewDateKeys.includes(key)) {
			const date = calendarDate(value);
			if (date) {
				out.lastReviewed = date;
				if (key !== 'lastReviewed') mapped(key, 'lastReviewed');
			} else drop(key, 'not a date');
			continue;
		}
		if (reviewIntervalKeys.includes(key)) {
			const days = reviewDays(value);
			if (days) {
				out.reviewInterval = days;
				mapped(key, 'reviewInterval (days)');
			} else drop(key, 'not a review interval such as "6 months"');
			continue;
		}
		if ((key === 'description' || key === 'summary') && typeof value === 'string') {
			const to = collection === 'runbooks' ? 'summary' : 'description';
			if (out[to] === undefined) {
				out[to] = value;
				if (key !== to) mapped(key, to);
			}
			continue;
		}
		if (collection === 'runbooks') {
			drop(key, 'runbooks take only their own keys');
			continue;
		}
		const schema = pageSchemas.docs;
		const { unknownKeys } = inspect(schema, { title, [key]: value });
		if (unknownKeys.some((unknown) => unknown.path.length === 1)) {
			out[key] = value;
			countKey(report.keysKept, key);
			continue;
		}
		const { issues } = validate(schema, { title, [key]: value }, unknownKeys);
		if (issues.some((issue) => issue.path[0] === key)) drop(key, `not what Starlight's \`${key}\` takes`);
		else out[key] = value;
	}
	if (collection === 'runbooks') {
		const name = posix.basename(page.path).replace(/\..*$/, '');
		if (/^[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*$/.test(name)) out.alerts = [name];
		if (out.summary === undefined) delete out.summary;
	}
	return out;
}

function countKey(counts: Record<string, number>, key: string): void {
	counts[key] = (counts[key] ?? 0) + 1;
}

function calendarDate(value: unknown): string | undefined {
	if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
	if (typeof value === 'string' && /^\d{4}-\d\d-\d\d/.test(value)) return value.slice(0, 10);
	return undefined;
}

/** Days in a review interval written as `6 months`, `1 year`, `12 weeks`, `90 days` or a number of days. */
export function reviewDays(value: unknown): number | undefined {
	if (typeof value === 'number' && value > 0) return Math.round(value);
	if (typeof value !== 'string') return undefined;
	const match = /^\s*(\d+(?:\.\d+)?)\s*(day|week|month|year)s?\s*$/i.exec(value);
	if (!match) return undefined;
	const unit = { day: 1, week: 7, month: 30.44, year: 365 }[match[2]!.toLowerCase() as 'day']!;
	return Math.max(1, Math.round(Number(match[1]) * unit));
}

function looksLikeRunbook(path: string, body: string): boolean {
	if (/(^|\/)(runbooks?|playbooks?|alerts?)\//i.test(path)) return true;
	const sections = [...body.matchAll(/^#{2,3}\s+(.+)$/gm)].map((match) => match[1]!.toLowerCase());
	return ['symptom', 'diagnos', 'mitigat', 'impact', 'escalat', 'rollback', 'resolution'].filter((word) => sections.some((section) => section.includes(word))).length >= 2;
}

function missingRunbookParts(frontmatter: Record<string, unknown>, body: string): string[] {
	const missing = ['summary', 'practice', 'escalation'].filter((key) => frontmatter[key] === undefined).map((key) => `\`${key}:\``);
	if (frontmatter.alerts === undefined) missing.push('`alerts:` or `symptoms:`');
	const sections = [...body.matchAll(/^##\s+(.+?)\s*#*\s*$/gm)].map((match) => match[1]!.toLowerCase());
	const has = (name: string) => sections.includes(name.toLowerCase());
	if (!has('Symptoms') && !has('Diagnosis')) missing.push('## Symptoms or ## Diagnosis');
	for (const name of runbookSections.slice(2)) if (!has(name)) missing.push(`## ${name}`);
	return missing;
}

// --- links -------------------------------------------------------------------------------------

interface LinkContext {
	site: SourceSite;
	draft: Draft;
	byPath: Map<string, Draft>;
	byUrl: Map<string, Draft>;
	/** Source file (relative to the docs folder) -> its path in the new content folder. */
	assets: Map<string, string>;
	report: ImportReportData;
}

interface MdNode {
	type: string;
	url?: string;
	value?: string;
	children?: MdNode[];
	position?: { start: { line: number; offset: number }; end: { offset: number } };
}

/**
 * Points every link of a page at what it meant on the old site, as the handbook reads links
 * (relative to the file, as GitHub does): `.html` and extension-less site paths, Docusaurus ids
 * and Hugo references become the relative path of the page's new `.md` file; files (images,
 * attachments) are copied next to the pages and linked there; an anchor written in the old
 * generator's dialect becomes the id the handbook gives that heading. A link that leads nowhere
 * is left as written, for `handbook check` to report.
 */
function rewriteLinks(body: string, context: LinkContext): string {
	let root: MdNode;
	try {
		root = markdownToMdast(body, { features: renderFeatures }) as unknown as MdNode;
	} catch {
		return body;
	}
	const edits: { start: number; end: number; text: string }[] = [];
	const pending: MdNode[] = [root];
	for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
		if (node.type === 'code' || node.type === 'inlineCode') continue;
		const position = node.position;
		if (position && (node.type === 'link' || node.type === 'image' || node.type === 'definition')) {
			const slice = body.slice(position.start.offset, position.end.offset);
			const pattern = node.type === 'definition' ? /^\s*\[[^\]]*\]:\s*(<[^>\n]*>|\S+)/ : /\]\(\s*(<[^>\n]*>|[^\s)]+(?:\([^\s)]*\)[^\s)]*)?)/g;
			const match = node.type === 'definition' ? pattern.exec(slice) : [...slice.matchAll(pattern)].at(-1);
			if (match) {
				const raw = match[1]!;
				const inner = raw.startsWith('<') ? raw.slice(1, -1) : raw;
				const start = position.start.offset + match.index! + match[0].length - raw.length;
				const rewritten = rewriteUrl(inner, position.start.line, context);
				if (rewritten !== undefined && rewritten !== inner) edits.push({ start, end: start + raw.length, text: raw.startsWith('<') || /[\s()]/.test(rewritten) ? `<${rewritten}>` : rewritten });
			}
		}
		if (position && node.type === 'html') {
			for (const match of (node.value ?? '').matchAll(/\b(href|src|data)\s*=\s*("([^"]*)"|'([^']*)')/gi)) {
				const value = match[3] ?? match[4] ?? '';
				const rewritten = rewriteUrl(value, position.start.line, context);
				if (rewritten === undefined || rewritten === value) continue;
				const start = position.start.offset + match.index! + match[0].length - value.length - 1;
				edits.push({ start, end: start + value.length, text: rewritten });
			}
		}
		for (const child of node.children ?? []) pending.push(child);
	}
	edits.sort((a, b) => b.start - a.start);
	let text = body;
	for (const edit of edits) text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
	return text;
}

/** The link as the new page should write it; `undefined` to leave it. */
function rewriteUrl(url: string, line: number, context: LinkContext): string | undefined {
	const { site, draft, report } = context;
	if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//') || url === '') return undefined;
	const hash = url.indexOf('#');
	const beforeHash = hash === -1 ? url : url.slice(0, hash);
	const anchor = hash === -1 ? undefined : url.slice(hash + 1);
	const question = beforeHash.indexOf('?');
	const path = question === -1 ? beforeHash : beforeHash.slice(0, question);
	const query = question === -1 ? '' : beforeHash.slice(question);
	const from = posix.dirname(draft.target);
	if (path === '') {
		const mapped = anchor === undefined ? undefined : mapAnchor(draft, anchor, report);
		return mapped === undefined ? undefined : `#${mapped}`;
	}
	const target = resolveSource(path, context);
	if (!target) {
		report.links.unresolved.push({ page: draft.page.path, line, url });
		return undefined;
	}
	let written: string;
	if ('draft' in target) {
		const mapped = anchor === undefined ? undefined : mapAnchor(target.draft, anchor, report);
		written = relativeLink(from, target.draft.target) + (anchor === undefined ? '' : `#${mapped ?? anchor}`);
	} else {
		let copied = context.assets.get(target.file);
		if (!copied) {
			copied = `guides/${assetPath(target.file, site)}`;
			context.assets.set(target.file, copied);
		}
		written = relativeLink(from, copied) + query + (anchor === undefined ? '' : `#${anchor}`);
	}
	if (written !== url) report.links.rewritten++;
	return written;
}

/** Where a copied file goes under `guides/`: its path in the docs folder, or in its static folder. */
function assetPath(file: string, site: SourceSite): string {
	for (const dir of site.staticDirs) {
		if (dir !== '.' && file.startsWith(`${dir}/`)) return file.slice(dir.length + 1);
	}
	return file;
}

function relativeLink(fromFolder: string, to: string): string {
	const path = posix.relative(fromFolder, to);
	// A first segment with a colon would read as a scheme.
	return /^[^/]*:/.test(path) ? `./${path}` : path;
}

/** The id the handbook gives the heading an anchor meant on the old site, if it is found; else `undefined` (left as written). */
function mapAnchor(target: Draft, anchor: string, report: ImportReportData): string | undefined {
	let decoded = anchor;
	try {
		decoded = decodeURIComponent(anchor);
	} catch {}
	if (target.slugs.includes(decoded)) return undefined;
	const custom = target.customIds.get(decoded);
	let index = target.oldSlugs.findIndex((slugs) => slugs[0] === decoded);
	if (index === -1) index = target.oldSlugs.findIndex((slugs) => slugs.includes(decoded));
	const lower = target.slugs.find((slug) => slug === decoded.toLowerCase());
	// Renderers that keep punctuation in ids (`#step-1:-notify-your-manager-&-the-team`): the one heading with the same letters and digits.
	if (index === -1 && custom === undefined && lower === undefined) {
		const letters = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
		const matches = target.slugs.filter((slug) => letters(slug) === letters(decoded));
		if (matches.length === 1) index = target.slugs.indexOf(matches[0]!);
	}
	// The title's own heading is the top of the page (Starlight's title has the id `_top`).
	const top = index === -1 && lower === undefined && custom === undefined && decoded === target.titleSlug ? '_top' : undefined;
	const mapped = custom ?? (index === -1 ? (lower ?? top) : target.slugs[index]);
	if (mapped === undefined || mapped === decoded) return undefined;
	report.links.anchorsMapped++;
	return mapped;
}

const pageSuffixes = ['', '.md', '.html.md', '.md.erb', '.html.md.erb', '.markdown', '.html.markdown', '.mdx'];
const indexNames = ['index.md', 'README.md', 'readme.md', '_index.md', 'index.html.md', 'index.html.md.erb', 'index.md.erb', 'index.mdx'];

/** What a link of the old site leads to: a page (by file, folder, URL, Docusaurus id) or a file. */
function resolveSource(path: string, context: LinkContext): { draft: Draft } | { file: string } | undefined {
	const { site, draft, byPath, byUrl } = context;
	let decoded = path;
	try {
		decoded = decodeURI(path);
	} catch {}
	const lookup = (candidate: string): { draft: Draft } | { file: string } | undefined => {
		const clean = posix.normalize(candidate).replace(/^\.\//, '');
		// Outside the docs folder only a static folder's files are found (`../static/images/x.png`).
		if (clean.startsWith('../') || clean === '..') return site.files.has(clean) ? { file: clean } : undefined;
		const stem = clean.replace(/\/$/, '');
		const bases = [stem, ...(/\.html?$/i.test(stem) ? [stem.replace(/\.html?$/i, '')] : [])];
		for (const base of bases) {
			for (const suffix of pageSuffixes) {
				const page = byPath.get(base + suffix);
				if (page && (suffix !== '' || /\.(md|markdown|mdx)(\.erb)?$/i.test(base))) return { draft: page };
			}
			for (const name of indexNames) {
				const page = byPath.get(base === '' ? name : `${base}/${name}`);
				if (page) return { draft: page };
			}
		}
		if (site.files.has(stem)) return { file: stem };
		return undefined;
	};
	if (decoded.startsWith('/')) {
		const withoutBase = site.basePath !== '/' && decoded.startsWith(site.basePath) ? `/${decoded.slice(site.basePath.length)}` : decoded;
		for (const dir of site.staticDirs) {
			const found = lookup(posix.join(dir, withoutBase.slice(1)));
			if (found && ('file' in found || site.generator === 'plain')) return found;
		}
		const page = byUrl.get(urlKey(withoutBase, site.lowerCaseUrls));
		if (page) return { draft: page };
		return site.generator === 'mkdocs' || site.generator === 'middleman' ? lookup(withoutBase.slice(1)) : undefined;
	}
	const relative = lookup(posix.join(posix.dirname(draft.page.path), decoded));
	if (relative) return relative;
	// As the old site's browser read it: relative to the page's address (Docusaurus ids, directory URLs).
	const url = new URL(decoded, `https://site.invalid${draft.page.url}`).pathname;
	const page = byUrl.get(urlKey(url, site.lowerCaseUrls));
	return page ? { draft: page } : undefined;
}

/** A site address as a lookup key: decoded, without `index`, `.html` and the trailing slash. */
function urlKey(url: string, lowerCase: boolean): string {
	let key = url;
	try {
		key = decodeURI(url);
	} catch {}
	key = key.replace(/\/index(\.html?)?$/i, '/').replace(/\.html?$/i, '').replace(/\/+$/, '');
	return lowerCase ? key.toLowerCase() : key;
}

// --- files -------------------------------------------------------------------------------------

function frontmatterBlock(data: Record<string, unknown>): string {
	const lines = ['---'];
	for (const [key, value] of Object.entries(data)) {
		if (value === undefined) continue;
		lines.push(`${yamlKey(key)}: ${yamlValue(value, '')}`);
	}
	lines.push('---', '');
	return lines.join('\n');
}

function yamlKey(key: string): string {
	return /^[A-Za-z_][\w-]*$/.test(key) ? key : JSON.stringify(key);
}

/** A value as YAML in flow style (JSON is YAML), dates and plain words as they are. */
function yamlValue(value: unknown, indent: string): string {
	if (value instanceof Date) return value.toISOString().slice(0, 10);
	if (typeof value === 'string') return /^\d{4}-\d\d-\d\d$/.test(value) ? value : JSON.stringify(value);
	if (Array.isArray(value)) return `[${value.map((item) => yamlValue(item, indent)).join(', ')}]`;
	if (isPlainObject(value)) return `{ ${Object.entries(value).map(([key, item]) => `${yamlKey(key)}: ${yamlValue(item, indent)}`).join(', ')} }`;
	return JSON.stringify(value) ?? 'null';
}

function teamsYaml(teams: Map<string, { from: string; chat: string | undefined }>): string {
	const lines = [
		'# Written by `handbook import`: one team per owner the pages named. Complete each team marked',
		'# TO COMPLETE: its name, a contact (chat or email) and its GitHub handle (for CODEOWNERS).',
	];
	for (const [id, team] of teams) {
		lines.push('');
		lines.push(`# TO COMPLETE (from ${JSON.stringify(team.from)})`);
		lines.push(`- id: ${id}`);
		lines.push(`  name: ${JSON.stringify(fileNameTitle(id))}`);
		lines.push(team.chat ? `  contacts: { chat: ${JSON.stringify(team.chat)} }` : '  contacts: {}');
		lines.push(`  github: "@your-org/${id}"`);
	}
	return `${lines.join('\n')}\n`;
}

function policyYaml(site: SourceSite, options: ImportOptions, defaultOwner: string | undefined, report: ImportReportData): string {
	const lines = [
		`# Written by \`handbook import\` on ${options.today}, from a ${site.generator} handbook. See README, "The check policy".`,
	];
	if (defaultOwner) lines.push(`defaultOwner: ${defaultOwner}`);
	lines.push('# Imported guides keep the frontmatter keys of their old generator (listed in the import report).');
	lines.push('extraKeys: { guides: allow }');
	lines.push('# The old navigation led to pages no other page links to; the sidebar leads to them here. Turn this');
	lines.push('# on (remove the line) to list the guides that only the navigation leads to.');
	lines.push('rules: { orphans: off }');
	const routes = new Set(report.pages.map((page) => contentPathToRoute(page.target)));
	const redirects = report.redirects.filter((redirect) => !routes.has(redirect.from) && redirect.from !== redirect.to);
	if (redirects.length > 0) {
		lines.push('# Old addresses of imported pages (Hugo aliases, tech docs old_paths) keep working:');
		lines.push('redirects:');
		for (const redirect of redirects) lines.push(`  ${JSON.stringify(redirect.from)}: ${JSON.stringify(redirect.to)}`);
	}
	const unresolvedRoots = [...new Set(report.links.unresolved.map((link) => ignoreSuggestion(link.url)).filter((glob) => glob !== undefined))];
	if (unresolvedRoots.length > 0) {
		lines.push('# Site paths some links lead to that no imported page has. If another tool serves them, keep them here:');
		lines.push('# ignoreLinks:');
		for (const root of unresolvedRoots.slice(0, 20)) lines.push(`#   - "${root}"`);
	}
	return `${lines.join('\n')}\n`;
}

/**
 * The `ignoreLinks` glob that would cover a site-absolute link no imported page has: its first
 * folder (`/repos/x.json` -> `/repos/**`), or the path itself when it has no folder
 * (`/manual.html#deploy` -> `/manual.html`). Relative and protocol-relative links get none.
 */
function ignoreSuggestion(url: string): string | undefined {
	if (!url.startsWith('/') || url.startsWith('//')) return undefined;
	const path = url.split(/[?#]/)[0]!;
	if (path === '/' || path === '') return undefined;
	const segments = path.split('/').filter(Boolean);
	return segments.length > 1 || path.endsWith('/') ? `/${segments[0]}/**` : path;
}

function serviceStub(id: string, owner: string): string {
	return [
		'---',
		`title: ${JSON.stringify(fileNameTitle(id))}`,
		'# TO COMPLETE: what the service does, for whom; its tier (gold, silver, bronze).',
		'summary: ""',
		`owner: ${owner}`,
		'tier: bronze',
		'---',
		'',
		'Written by `handbook import` for the runbooks it placed in this service: describe the service here.',
		'',
	].join('\n');
}
