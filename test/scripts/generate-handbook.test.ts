import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import GithubSlugger from 'github-slugger';
import type { Heading, Link, Root, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { generateHandbook, generatorToday, markerFile, pageMix, writeHandbook } from '../../scripts/generate-handbook.ts';
import { collections, type PageCollection } from '../../src/core/collections.ts';
import { resolveLink, siteFilesOf } from '../../src/core/links.ts';
import { contentPathToRoute, pageFileOf } from '../../src/core/routes.ts';
import { pageSchemas, teamsFileSchema } from '../../src/checks/validate.ts';

// The generator promises a handbook the check engine accepts. These tests check the same
// promises independently of the engine: schemas, references, links, anchors, required sections.

interface ParsedPage {
	path: string;
	collection: PageCollection;
	data: Record<string, unknown>;
	/** H2 and H3 headings with their GitHub-style ids, in order. */
	headings: { depth: number; text: string; id: string }[];
	links: string[];
	tables: { section: string | undefined; rows: string[][] }[];
}

interface FrontmatterReferences {
	owner?: string;
	escalation?: { team: string }[];
	practice?: string;
	related?: string[];
	practices?: string | string[];
	processOwner?: { name: string; team: string };
	processManager?: { name: string; team: string };
}

const markdown = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter);

function parsePage(path: string, text: string): ParsedPage {
	const tree = markdown.parse(text) as Root;
	const slugger = new GithubSlugger();
	const page: ParsedPage = { path, collection: pageFileOf(path)!.collection, data: {}, headings: [], links: [], tables: [] };
	let section: string | undefined;
	visit(tree, (node) => {
		if (node.type === 'yaml') page.data = parseYaml(node.value, { schema: 'core' });
		if (node.type === 'heading') {
			section = toString(node as Heading);
			page.headings.push({ depth: (node as Heading).depth, text: section, id: slugger.slug(section) });
		}
		if (node.type === 'link') page.links.push((node as Link).url);
		if (node.type === 'table') page.tables.push({ section, rows: (node as Table).children.map((row) => row.children.map((cell) => toString(cell))) });
	});
	return page;
}

function parseHandbook(files: Map<string, string>): ParsedPage[] {
	return [...files].filter(([path]) => path.endsWith('.md')).map(([path, text]) => parsePage(path, text));
}

const small = generateHandbook(300, 1);
const pages = parseHandbook(small);
const byCollection = (collection: PageCollection) => pages.filter((page) => page.collection === collection);
const h2 = (page: ParsedPage) => page.headings.filter((heading) => heading.depth === 2).map((heading) => heading.text);

describe('generateHandbook', () => {
	it('gives the same bytes for the same seed, and other bytes for another seed', () => {
		expect(generateHandbook(300, 1)).toEqual(small);
		expect(generateHandbook(300, 2).get('teams.yaml')).not.toEqual(small.get('teams.yaml'));
	});

	// 5000: past the 3,200 pages the first two rounds of domain names serve (240 services), which
	// once gave fewer pages than asked, and past the 3,700 where guides ran out.
	it.each([10, 57, 300, 1000, 5000])('writes exactly %i pages in the intended mix', (count) => {
		const files = count === 300 ? small : generateHandbook(count, 7);
		const collections = [...files.keys()].filter((path) => path.endsWith('.md')).map((path) => pageFileOf(path)?.collection);
		expect(collections).toHaveLength(count);
		const mix = pageMix(count);
		expect(collections.filter((name) => name === 'runbooks')).toHaveLength(mix.runbooks);
		expect(collections.filter((name) => name === 'docs')).toHaveLength(mix.guides);
		expect(collections.filter((name) => name === 'services')).toHaveLength(mix.services);
		expect(files.has('teams.yaml')).toBe(true);
		expect(files.has('guides/index.md')).toBe(true);
	});

	it('mixes about 52% runbooks, 20% practices, 10% guides, 7.5% services and 5% each roles and readiness', () => {
		expect(pageMix(3000)).toEqual({ runbooks: 1575, practices: 600, guides: 300, roles: 150, readiness: 150, services: 225 });
	});

	it('writes pages of about 5 KB on average', () => {
		const pageBytes = [...small].filter(([path]) => path.endsWith('.md')).map(([, text]) => Buffer.byteLength(text));
		const average = pageBytes.reduce((sum, bytes) => sum + bytes, 0) / pageBytes.length;
		expect(average).toBeGreaterThan(4500);
		expect(average).toBeLessThan(6000);
	});

	it('spreads runbooks over many service folders', () => {
		const services = new Set(byCollection('runbooks').map((page) => page.path.split('/')[1]));
		expect(services.size).toBeGreaterThanOrEqual(20);
	});

	it('has unique routes', () => {
		const routes = pages.map((page) => contentPathToRoute(page.path));
		expect(new Set(routes).size).toBe(routes.length);
	});
});

describe('generated frontmatter', () => {
	const teams = parseYaml(small.get('teams.yaml')!) as Record<string, unknown>[];
	const teamIds = new Set(teams.map((team) => team.id));
	const practiceIds = new Set(byCollection('practices').map((page) => pageFileOf(page.path)!.id));

	it('has a valid teams.yaml with enough teams', () => {
		expect(teamsFileSchema.safeParse(teams).error).toBeUndefined();
		expect(teams.length).toBeGreaterThanOrEqual(15);
	});

	it('passes the collection schemas on every page', () => {
		for (const page of pages) {
			const result = pageSchemas[page.collection].safeParse(page.data);
			expect(result.error, page.path).toBeUndefined();
		}
	});

	it('references teams and practices that exist, and process people from their team', () => {
		const members = new Map(teams.map((team) => [team.id, team.members as string[]]));
		for (const page of pages) {
			const data = page.data as FrontmatterReferences;
			expect(teamIds.has(data.owner), page.path).toBe(true);
			for (const step of data.escalation ?? []) expect(teamIds.has(step.team), page.path).toBe(true);
			const practices = [...(data.practice ? [data.practice] : []), ...(data.related ?? []), ...(Array.isArray(data.practices) ? data.practices : [])];
			for (const id of practices) expect(practiceIds.has(id), `${page.path}: ${id}`).toBe(true);
			for (const person of [data.processOwner, data.processManager]) {
				if (person) expect(members.get(person.team), page.path).toContain(person.name);
			}
		}
	});

	it('keeps runbooks in the folder of their service', () => {
		for (const page of byCollection('runbooks')) expect(page.path.split('/')[1]).toBe(page.data.service);
	});

	it('dates every review within its interval of the generator date, never after it', () => {
		const today = Date.parse(generatorToday);
		for (const page of pages) {
			const reviewed = Date.parse(String(page.data.lastReviewed));
			expect(reviewed, page.path).toBeLessThan(today);
			expect(today - reviewed, page.path).toBeLessThan(collections[page.collection].reviewInterval * 86_400_000);
		}
	});
});

describe('generated links', () => {
	const byPath = new Map(pages.map((page) => [page.path, page]));
	const byRoute = new Map(pages.map((page) => [contentPathToRoute(page.path), page]));
	const sectionRoutes = new Set(['/practices/', '/roles/', '/runbooks/', '/readiness/']);

	it('include relative .md links with anchors, site-absolute links and same-page anchors', () => {
		const links = pages.flatMap((page) => page.links);
		expect(links.filter((href) => /^\.\.\/.*\.md#/.test(href)).length).toBeGreaterThan(500);
		expect(links.filter((href) => href.startsWith('/')).length).toBeGreaterThan(200);
		expect(links.filter((href) => href.startsWith('#')).length).toBeGreaterThan(100);
	});

	it('all resolve to generated pages and to headings that exist', () => {
		const files = siteFilesOf({ pages: pages.map((page) => pageFileOf(page.path)!), assets: [], drafts: [] });
		for (const page of pages) {
			for (const href of page.links) {
				if (/^[a-z]+:/.test(href)) continue;
				const resolved = resolveLink(page.path, href, files);
				const route = resolved.kind === 'page' || resolved.kind === 'route' ? (resolved.kind === 'page' ? resolved.page.route : resolved.route) : undefined;
				expect(route, `${page.path}: ${href} (${resolved.kind})`).toBeDefined();
				if (resolved.kind === 'page') expect(byPath.has(resolved.page.contentPath), `${page.path}: ${href}`).toBe(true);
				const target = byRoute.get(route!);
				expect(target !== undefined || sectionRoutes.has(route!), `${page.path}: ${href}`).toBe(true);
				const anchor = resolved.kind === 'page' || resolved.kind === 'route' ? resolved.anchor : undefined;
				if (anchor) expect(target?.headings.map((heading) => heading.id), `${page.path}: ${href}`).toContain(anchor);
			}
		}
	});

	it('link hero actions to section indexes', () => {
		const hero = (byPath.get('guides/index.md')!.data.hero as { actions: { link: string }[] }).actions;
		for (const action of hero) expect(sectionRoutes.has(action.link)).toBe(true);
	});
});

describe('generated page bodies', () => {
	it('give practices the required sections and a RACI table with exactly one A per row', () => {
		const roleColumns = new Set(byCollection('roles').map((page) => page.data.raciColumn).filter(Boolean));
		for (const page of byCollection('practices')) {
			expect(h2(page).slice(0, 3), page.path).toEqual(['Purpose', 'Key activities', 'RACI']);
			const raci = page.tables.find((table) => table.section === 'RACI')!;
			const [header, ...rows] = raci.rows;
			expect(header!.slice(0, 4)).toEqual(['Activity', 'Process owner', 'Process manager', 'Process practitioner']);
			for (const column of header!.slice(1)) expect(roleColumns.has(column), `${page.path}: ${column}`).toBe(true);
			for (const [activity, ...cells] of rows) expect(cells.filter((cell) => cell.includes('A')), `${page.path}: ${activity}`).toHaveLength(1);
		}
	});

	it('give runbooks the five required sections', () => {
		for (const page of byCollection('runbooks')) {
			expect(h2(page), page.path).toEqual(expect.arrayContaining(['Symptoms', 'Diagnosis', 'Mitigation', 'Escalation', 'Rollback']));
		}
	});

	it('give readiness templates the sections and checklist their frontmatter lists', () => {
		for (const page of byCollection('readiness')) {
			expect(h2(page), page.path).toEqual(page.data.sections);
			const checklist = page.headings.slice(page.headings.findIndex((heading) => heading.text === 'Checklist') + 1);
			expect(checklist.map((heading) => heading.text), page.path).toEqual(page.data.checklist);
			expect(checklist.every((heading) => heading.depth === 3)).toBe(true);
		}
	});

	it('have unique headings on each page and no H1', () => {
		for (const page of pages) {
			expect(page.headings.every((heading) => heading.depth > 1), page.path).toBe(true);
			expect(new Set(page.headings.map((heading) => heading.id)).size, page.path).toBe(page.headings.length);
		}
	});

	it('contain sh and yaml code blocks and GFM tables', () => {
		const text = [...small.values()].join('\n');
		expect(text.match(/^\s*```sh$/gm)!.length).toBeGreaterThan(pages.length * 3);
		expect(text.match(/^\s*```yaml$/gm)!.length).toBeGreaterThan(byCollection('runbooks').length);
		expect(pages.filter((page) => page.tables.length > 0).length).toBeGreaterThan(pages.length * 0.8);
	});
});

describe('writeHandbook', () => {
	const files = generateHandbook(10, 1);

	it('writes into a new folder and replaces a folder it wrote before', () => {
		const out = join(mkdtempSync(join(tmpdir(), 'generate-')), 'content');
		writeHandbook(out, files, 'test');
		writeFileSync(join(out, 'stale.md'), 'left over');
		writeHandbook(out, files, 'test');
		expect(existsSync(join(out, markerFile))).toBe(true);
		expect(existsSync(join(out, 'stale.md'))).toBe(false);
		expect(readFileSync(join(out, 'guides/index.md'), 'utf8')).toBe(files.get('guides/index.md'));
	});

	it('refuses a non-empty folder it did not write, and leaves it alone', () => {
		const out = mkdtempSync(join(tmpdir(), 'generate-'));
		writeFileSync(join(out, 'notes.md'), 'mine');
		expect(() => writeHandbook(out, files, 'test')).toThrow(/refusing to overwrite/);
		expect(readdirSync(out)).toEqual(['notes.md']);
	});
});
