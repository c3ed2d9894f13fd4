import { readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { collections, type DataCollection, type PageCollection } from '../core/collections.ts';
import { pagesOf, selectContentFiles } from '../core/files.ts';
import { parseYaml, splitFrontmatter } from '../core/frontmatter.ts';
import { deriveTitle } from '../core/title.ts';

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

async function syncPages(context: LoaderContext, collection: PageCollection, contentDir: string): Promise<void> {
	const { store, config } = context;
	const row = collections[collection];
	const root = fileURLToPath(config.root);
	const pages = pagesOf(await selectContentFiles(resolve(root, contentDir)), collection);
	const untouched = new Set(store.keys());
	for (const page of pages) {
		const absolute = resolve(root, contentDir, page.contentPath);
		const filePath = relative(root, absolute).split(sep).join('/');
		const source = await readFile(absolute, 'utf8');
		const digest = context.generateDigest(source);
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
		const parsed = await context.parseData({ id: page.id, data: data as Record<string, unknown>, filePath: absolute });
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
