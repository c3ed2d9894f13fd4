import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { collections, type DataCollection, type PageCollection } from '../core/collections.ts';
import { pagesOf, selectContentFiles } from '../core/files.ts';
import { parseYaml, splitFrontmatter } from '../core/frontmatter.ts';
import type { SitePolicy } from '../core/site-policy.ts';
import { deriveTitle } from '../core/title.ts';
import { inspect, pageSchemas, validate } from '../checks/validate.ts';

/**
 * Loads one page collection from the content folder. Which files are pages, and their ids, come
 * from {@link selectContentFiles}: the rule the checker uses, so the site builds exactly the pages
 * the check judged (symlinks are never followed). Frontmatter is read with the checker's YAML
 * reader too; a page of a collection that takes titles from the body gets its title from its
 * first heading or file name when it has none. Markdown is rendered with the site's Markdown
 * processor (its plugins rewrite `.md` links) when its page is built, except for the few pages
 * {@link rendersAtSync} names; MDX pages are compiled when their page renders.
 *
 * In `astro dev`, a change to the collection's folder syncs the collection again: unchanged
 * files keep their rendered entry (by digest), removed files leave the store.
 */
export function contentLoader(collection: PageCollection, contentDir: string): Loader {
	const row = collections[collection];
	return {
		name: `handbook-${collection}-loader`,
		async load(context) {
			const sync = () => syncPages(context, collection, contentDir);
			await sync();
			const folder = join(resolve(contentDir), row.folder) + sep;
			context.watcher?.on('all', (_event, path) => {
				if (!path.startsWith(folder)) return;
				sync().catch((error: Error) => context.logger.error(error.message));
			});
		},
	};
}

// The store Astro hands loaders has this method (its own glob loader calls it); its public type omits it.
type AssetStore = LoaderContext['store'] & { addAssetImports(assets: string[], filePath: string): void };

/** The locked package versions: an upgrade (Astro, Starlight, Sätteri) renders every page again. */
async function lockfileDigest(root: string): Promise<string> {
	const lockfile = await readFile(join(root, 'package-lock.json')).catch(() => Buffer.from(''));
	return `\n${createHash('sha1').update(lockfile).digest('hex')}`;
}

async function syncPages(context: LoaderContext, collection: PageCollection, contentDir: string): Promise<void> {
	const { store, config } = context;
	const row = collections[collection];
	const root = fileURLToPath(config.root);
	const selection = await selectContentFiles(resolve(root, contentDir));
	const pages = pagesOf(selection, collection);
	const renderer = rendererDigest(selection.policy) + (await lockfileDigest(root));
	const untouched = new Set(store.keys());
	for (const page of pages) {
		const absolute = resolve(root, contentDir, page.contentPath);
		const filePath = relative(root, absolute).split(sep).join('/');
		const source = await readFile(absolute, 'utf8');
		const digest = context.generateDigest(source + renderer);
		untouched.delete(page.id);
		const existing = store.get(page.id);
		if (existing?.digest === digest && existing.filePath === filePath) {
			// Unchanged: keep the stored entry, and the imports that Astro rebuilds on every sync.
			if (existing.deferredRender) store.addModuleImport(filePath);
			if (existing.assetImports?.length) (store as AssetStore).addAssetImports(existing.assetImports, filePath);
			continue;
		}
		const { frontmatter, body } = splitFrontmatter(source);
		const written = typeof frontmatter.data === 'object' && frontmatter.data !== null && !Array.isArray(frontmatter.data) ? frontmatter.data : {};
		const data = row.titleFromBody && typeof (written as { title?: unknown }).title !== 'string'
			? { ...written, title: deriveTitle(body, page.contentPath) }
			: written;
		const parsed = await parseFrontmatter(context, collection, page.id, data as Record<string, unknown>, absolute, filePath);
		if (page.contentPath.endsWith('.mdx')) {
			// MDX compiles to a module of its own, imported when its page renders.
			store.set({ id: page.id, data: parsed, body, filePath, digest, deferredRender: true });
			continue;
		}
		if (!rendersAtSync(collection, page.id, body)) {
			// Rendered when its page is built (src/site/page-content.ts): the store, which Astro keeps
			// in memory and bundles into the build, holds no page's HTML or text.
			store.set({ id: page.id, data: parsed, filePath, digest });
			continue;
		}
		let rendered;
		try {
			rendered = await context.renderMarkdown(source, { fileURL: pathToFileURL(absolute) });
		} catch (error) {
			throw new Error(`${filePath}: cannot render the page: ${(error as Error).message}`);
		}
		store.set({ id: page.id, data: parsed, filePath, digest, rendered, assetImports: rendered.metadata?.imagePaths });
	}
	for (const id of untouched) store.delete(id);
}

/**
 * What a page's HTML depends on besides its own text: the code that renders Markdown (the
 * handbook's plugins rewrite links and headings; the integration registers them), the policy's
 * exclusions, ignored links and redirects, which change where links lead, and (with
 * {@link lockfileDigest}) the installed packages. Astro keeps rendered pages between builds; a
 * stored page is rendered again when any of these changed, not only when its file did.
 */
function rendererDigest(policy: SitePolicy): string {
	rendererCode ??= createHash('sha256')
		.update(markdownCode.map((url) => readFileSync(fileURLToPath(url), 'utf8')).join('\n'))
		.digest('hex');
	return `\n${rendererCode}\n${JSON.stringify([policy.exclude, policy.ignoreLinks, [...policy.redirects]])}`;
}

const markdownCode = [
	new URL('./markdown/links.ts', import.meta.url),
	new URL('./markdown/title-heading.ts', import.meta.url),
	new URL('./markdown/github-alerts.ts', import.meta.url),
	new URL('./markdown/heading-anchors.ts', import.meta.url),
	new URL('./markdown/untrusted-html.ts', import.meta.url),
	new URL('./markdown/task-list-labels.ts', import.meta.url),
	new URL('./integration.ts', import.meta.url),
	new URL('../core/links.ts', import.meta.url),
	new URL('../core/title.ts', import.meta.url),
];
let rendererCode: string | undefined;

/**
 * Validates a page's frontmatter with the collection's schema, as the check judged it. Keys at
 * the top that the schema does not know are left out first: the check reports them as the policy
 * says (`extraKeys:`, or the `schema` rule turned off), and the site has no use for them. When
 * the rest still does not validate (the check let it through: `schema` is off or a warning), the
 * keys with problems are left out too, so that turning a rule off never leaves the build failing
 * on what it covers; a page that still does not validate stops the build, naming its file.
 */
async function parseFrontmatter(
	context: LoaderContext,
	collection: PageCollection,
	id: string,
	written: Record<string, unknown>,
	absolute: string,
	filePath: string,
): Promise<Record<string, unknown>> {
	const schema = pageSchemas[collection];
	const unknown = new Set(inspect(schema, written).unknownKeys.filter((key) => key.path.length === 1).map((key) => key.key));
	let data = Object.fromEntries(Object.entries(written).filter(([key]) => !unknown.has(key)));
	const { issues } = validate(schema, data, []);
	if (issues.length > 0) {
		const broken = new Set(issues.map((issue) => String(issue.path[0] ?? '')));
		data = Object.fromEntries(Object.entries(data).filter(([key]) => !broken.has(key) || key === 'title'));
	}
	try {
		return await context.parseData({ id, data, filePath: absolute });
	} catch (error) {
		const first = issues[0];
		const where = first ? ` (\`${first.path.join('.')}\`: ${first.message})` : '';
		throw new Error(`${filePath}: the frontmatter does not match the schema of ${collections[collection].folder}/${where}; run \`handbook check\` for every problem`, { cause: error });
	}
}

/**
 * Whether a page is rendered when the content is synced, as Astro's glob loader renders every
 * page, rather than when its page is built: a page that may show images (`![...]` or `<img`),
 * because Astro learns the images to import and optimise from the rendered entry, and the guide
 * `404`, which Starlight's not-found route renders as a stored entry. Every other page keeps no
 * HTML in the store.
 */
function rendersAtSync(collection: PageCollection, id: string, body: string): boolean {
	return /!\[|<img\b/i.test(body) || (collection === 'docs' && id === '404');
}

/**
 * Loads a data collection kept as one YAML file of the content folder (`teams.yaml`), read with
 * the checker's YAML reader. A missing file gives an empty collection; a file that is not a
 * regular file (a symlink) is not read, as the checker does not read it.
 */
export function dataLoader(collection: DataCollection, contentDir: string): Loader {
	const row = collections[collection];
	return {
		name: `handbook-${collection}-loader`,
		async load({ store, config, parseData }) {
			const root = fileURLToPath(config.root);
			const selection = await selectContentFiles(resolve(root, contentDir));
			store.clear();
			if (!selection.dataFiles.has(row.file)) return;
			const path = resolve(root, contentDir, row.file);
			const yaml = parseYaml(await readFile(path, 'utf8'));
			if (yaml.problems.length > 0) throw new Error(`${relative(root, path)}:${yaml.problems[0]!.line}: ${yaml.problems[0]!.message}`);
			for (const item of Array.isArray(yaml.data) ? yaml.data : []) {
				const id = (item as { id?: unknown }).id;
				if (typeof id !== 'string') continue;
				store.set({ id, data: await parseData({ id, data: item as Record<string, unknown>, filePath: path }) });
			}
		},
	};
}
