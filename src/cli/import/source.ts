import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYamlText } from 'yaml';
import type { SlugDialect } from './slugs.ts';

/** The generators `handbook import` knows. */
export const generators = ['mkdocs', 'hugo', 'docusaurus', 'middleman', 'plain'] as const;
export type Generator = (typeof generators)[number];

/** Which generator made a folder, and the file that says so. */
export interface Detection {
	generator: Generator;
	/** The file that gave it away, relative to the source folder (none for plain Markdown). */
	evidence: string | undefined;
}

/**
 * Which generator a handbook's folder is made for: `mkdocs.yml` (MkDocs), `hugo.*` or a
 * `config.*` beside a `content/` folder (Hugo), `docusaurus.config.*` (Docusaurus),
 * `config/tech-docs.yml` (Middleman with GOV.UK's tech docs), else plain Markdown as GitHub shows it.
 */
export function detectGenerator(dir: string): Detection {
	const has = (path: string) => existsSync(join(dir, path));
	for (const name of ['mkdocs.yml', 'mkdocs.yaml']) if (has(name)) return { generator: 'mkdocs', evidence: name };
	for (const name of ['docusaurus.config.js', 'docusaurus.config.ts', 'docusaurus.config.mjs', 'docusaurus.config.cjs']) {
		if (has(name)) return { generator: 'docusaurus', evidence: name };
	}
	if (has('config/tech-docs.yml')) return { generator: 'middleman', evidence: 'config/tech-docs.yml' };
	for (const name of ['hugo.toml', 'hugo.yaml', 'hugo.yml', 'hugo.json']) if (has(name)) return { generator: 'hugo', evidence: name };
	if (has('content')) {
		for (const name of ['config.toml', 'config.yaml', 'config.yml', 'config.json']) if (has(name)) return { generator: 'hugo', evidence: name };
	}
	return { generator: 'plain', evidence: undefined };
}

/** A page of the source handbook. */
export interface SourcePage {
	/** Path relative to the docs folder, as written (`manual/on-call.html.md.erb`). */
	path: string;
	text: string;
	/** The page's address on the generator's site, without base path: `/manual/on-call.html`, `/before/roles/`. */
	url: string;
	/** Other addresses links use for it (Docusaurus: the address by document id when a `slug` moved it). */
	aliases: string[];
	/** Whether the file holds template code for the generator to run (ERB, a `.mdx` page). */
	template: 'erb' | 'mdx' | undefined;
}

/** What the import reads from a source folder. */
export interface SourceSite {
	generator: Generator;
	evidence: string | undefined;
	/** Absolute path of the source folder. */
	root: string;
	/** Absolute path of the folder holding the pages (`docs/`, `content/`, `source/`). */
	docsDir: string;
	pages: SourcePage[];
	/** Every other regular file under the docs folder and the static folders, relative to the docs folder (`../static/x.png` for static ones). */
	files: Set<string>;
	/** Titles from the generator's navigation (MkDocs `nav:`), by page path. */
	navTitles: Map<string, string>;
	/** Sections of the navigation whose pages share one folder: the folder, the section's title and its pages in order. */
	navSections: { folder: string; title: string; pages: string[] }[];
	/** Where site-absolute paths of files (`/img/x.png`) are looked for, relative to the docs folder. */
	staticDirs: string[];
	/** The path the old site was served under (`/handbook/`), stripped from site-absolute links. */
	basePath: string;
	slugDialect: SlugDialect;
	/** Whether the generator's URLs are lower-cased (Hugo). */
	lowerCaseUrls: boolean;
	/** Hugo's site parameters (`params:` of its configuration), for `{{< param >}}`. */
	params: Record<string, string>;
}

const pageFile = /\.(md|markdown|mdx)(\.erb)?$/i;

/** Reads a source folder as its generator lays it out. Never runs any of its code: configuration written as code is read as text. */
export function readSource(dir: string, generator: Generator, evidence: string | undefined): SourceSite {
	const config = readConfig(dir, generator, evidence);
	const docsDir = join(dir, config.docsDir);
	const site: SourceSite = {
		generator,
		evidence,
		root: dir,
		docsDir,
		pages: [],
		files: new Set(),
		navTitles: config.navTitles,
		navSections: config.navSections ?? [],
		staticDirs: config.staticDirs,
		basePath: config.basePath,
		slugDialect: { mkdocs: 'mkdocs', hugo: 'hugo', docusaurus: 'github', middleman: 'redcarpet', plain: 'github' }[generator] as SlugDialect,
		lowerCaseUrls: generator === 'hugo',
		params: config.params ?? {},
	};
	for (const path of walk(docsDir)) {
		if (!pageFile.test(path)) {
			site.files.add(path);
			continue;
		}
		const text = readFileSync(join(docsDir, path), 'utf8');
		const template = /\.erb$/i.test(path) ? 'erb' : /\.mdx$/i.test(path) ? 'mdx' : undefined;
		const url = pageUrl(generator, path, text, config.routeBase);
		const byId = generator === 'docusaurus' ? pageUrl(generator, path, text.replace(/^(---[\s\S]*?)^slug:.*$/m, '$1'), config.routeBase) : url;
		site.pages.push({ path, text, url, aliases: byId === url ? [] : [byId], template });
	}
	for (const staticDir of config.staticDirs) {
		if (staticDir === '.') continue;
		for (const path of walk(join(docsDir, staticDir))) site.files.add(posix.join(staticDir, path));
	}
	site.pages.sort((a, b) => (a.path < b.path ? -1 : 1));
	return site;
}

interface GeneratorConfig {
	docsDir: string;
	/** Docusaurus: where its docs are served (`docs`). */
	routeBase: string;
	params?: Record<string, string>;
	navSections?: SourceSite['navSections'];
	navTitles: Map<string, string>;
	staticDirs: string[];
	basePath: string;
}

function readConfig(dir: string, generator: Generator, evidence: string | undefined): GeneratorConfig {
	const text = evidence ? readFileSync(join(dir, evidence), 'utf8') : '';
	switch (generator) {
		case 'mkdocs': {
			const config = (parseYamlText(text, { logLevel: 'silent' }) ?? {}) as { docs_dir?: unknown; nav?: unknown; site_url?: unknown };
			const docsDir = typeof config.docs_dir === 'string' ? config.docs_dir : 'docs';
			const navTitles = new Map<string, string>();
			const navSections: SourceSite['navSections'] = [];
			collectNavTitles(config.nav, navTitles, navSections);
			return { docsDir, routeBase: '', navTitles, navSections, staticDirs: ['.'], basePath: urlPath(config.site_url) };
		}
		case 'hugo': {
			const config = (evidence?.endsWith('.toml') ? parseToml(text) : parseYamlText(text, { logLevel: 'silent' })) as { contentDir?: unknown; baseURL?: unknown; baseurl?: unknown; staticDir?: unknown; params?: unknown } | null;
			const params = Object.fromEntries(
				Object.entries(typeof config?.params === 'object' && config.params !== null ? config.params : {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
			);
			const docsDir = typeof config?.contentDir === 'string' ? config.contentDir : 'content';
			const staticDir = typeof config?.staticDir === 'string' ? config.staticDir : 'static';
			return { docsDir, routeBase: '', navTitles: new Map(), staticDirs: [posix.relative(docsDir, staticDir), '.'], basePath: urlPath(config?.baseURL ?? config?.baseurl), params };
		}
		case 'docusaurus': {
			// The configuration is JavaScript: it is read as text, never run.
			const baseUrl = /\bbaseUrl\s*:\s*['"`]([^'"`]+)['"`]/.exec(text)?.[1] ?? '/';
			const docsPath = /\bdocs\s*:\s*\{[^}]*?\bpath\s*:\s*['"`]([^'"`]+)['"`]/s.exec(text)?.[1] ?? 'docs';
			const routeBase = /\brouteBasePath\s*:\s*['"`]([^'"`]*)['"`]/.exec(text)?.[1] ?? 'docs';
			return { docsDir: docsPath, routeBase, navTitles: new Map(), staticDirs: [posix.relative(docsPath, 'static'), '.'], basePath: baseUrl };
		}
		case 'middleman':
			return { docsDir: 'source', routeBase: '', navTitles: new Map(), staticDirs: ['.'], basePath: '/' };
		case 'plain':
			return { docsDir: '.', routeBase: '', navTitles: new Map(), staticDirs: ['.'], basePath: '/' };
	}
}


function collectNavTitles(nav: unknown, titles: Map<string, string>, sections: SourceSite['navSections']): string[] {
	const pages: string[] = [];
	if (!Array.isArray(nav)) return pages;
	for (const item of nav) {
		if (typeof item === 'string' && pageFile.test(item)) pages.push(posix.normalize(item));
		if (typeof item !== 'object' || item === null) continue;
		for (const [title, value] of Object.entries(item as Record<string, unknown>)) {
			if (typeof value === 'string' && pageFile.test(value)) {
				titles.set(posix.normalize(value), title);
				pages.push(posix.normalize(value));
				continue;
			}
			const inner = collectNavTitles(value, titles, sections);
			const folders = new Set(inner.map((page) => posix.dirname(page)));
			const [folder] = folders;
			if (folders.size === 1 && folder !== undefined && folder !== '.') sections.push({ folder, title, pages: inner });
			pages.push(...inner);
		}
	}
	return pages;
}

function urlPath(value: unknown): string {
	if (typeof value !== 'string') return '/';
	try {
		const path = new URL(value, 'https://site.invalid/').pathname;
		return path.endsWith('/') ? path : `${path}/`;
	} catch {
		return '/';
	}
}

/** A page's address on the generator's site, without the base path. */
function pageUrl(generator: Generator, path: string, text: string, routeBase: string): string {
	const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '';
	const field = (name: string) => new RegExp(`^${name}:\\s*["']?([^"'\\n]+?)["']?\\s*$`, 'm').exec(frontmatter)?.[1];
	const folder = posix.dirname(path) === '.' ? '' : `${posix.dirname(path)}/`;
	const stem = posix.basename(path).replace(/(\.html)?\.(md|markdown|mdx)(\.erb)?$/i, '');
	const isIndex = /^(index|readme|_index)$/i.test(stem);
	switch (generator) {
		case 'middleman':
			return isIndex ? `/${folder}` : `/${folder}${stem}.html`;
		case 'hugo': {
			const url = field('url');
			if (url) return url.startsWith('/') ? url : `/${url}`;
			const slug = field('slug');
			return isIndex ? `/${folder}` : `/${folder}${slug ?? stem}/`;
		}
		case 'docusaurus': {
			const slug = field('slug');
			if (slug?.startsWith('/')) return slug;
			const id = field('id') ?? stem.replace(/^\d+[-_]/, '');
			const base = `/${routeBase}/`.replace(/\/+/g, '/');
			if (slug) return `${base}${folder}${slug}`;
			return isIndex && !field('id') ? `${base}${folder}` : `${base}${folder}${id}`;
		}
		case 'mkdocs':
			return isIndex ? `/${folder}` : `/${folder}${stem}/`;
		case 'plain':
			return `/${path}`;
	}
}

/** Every regular file under a folder, relative to it with `/`; hidden files, `node_modules` and symbolic links left out. */
function walk(dir: string): string[] {
	if (!existsSync(dir)) return [];
	const files: string[] = [];
	const pending = [''];
	for (let folder = pending.pop(); folder !== undefined; folder = pending.pop()) {
		let entries;
		try {
			entries = readdirSync(join(dir, folder), { withFileTypes: true });
		} catch {
			continue;
		}
		for (const entry of entries) {
			if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
			const path = folder === '' ? entry.name : `${folder}/${entry.name}`;
			if (entry.isDirectory()) pending.push(path);
			else if (entry.isFile() && !lstatSync(join(dir, path)).isSymbolicLink()) files.push(path);
		}
	}
	return files.map((path) => path.split(sep).join('/'));
}

/** A path relative to the source folder, for messages. */
export function shownPath(site: SourceSite, path: string): string {
	return relative(site.root, join(site.docsDir, path)).split(sep).join('/');
}
