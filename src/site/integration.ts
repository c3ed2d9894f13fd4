import { createReadStream } from 'node:fs';
import { cp, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroConfig, AstroIntegration, MarkdownHeading } from 'astro';
import { parseFrontmatter } from 'astro/markdown';
import { ContentFolderError, type CheckResult, checkHandbook, formatReport, linkedAssets } from '../checks/index.ts';
import { isHandbookSiteBuild, keepWhatTheSiteReads, reportToHandbookBuild, shareCheckResult, sharedCheckResult } from '../checks/shared-result.ts';
import { selectContentFiles } from '../core/files.ts';
import { assetRoute, renderedHref, resolveLink, type SiteFiles, siteFilesOf } from '../core/links.ts';
import { searchIndexedLater } from '../core/partition.ts';
import { contentRoot } from '../core/project.ts';
import { type MarkdownRenderer, shareMarkdownRenderer } from './markdown/renderer.ts';
import { satteriHeadingAnchors } from './markdown/heading-anchors.ts';
import { imagesAstroCannotRead } from './markdown/images.ts';
import { satteriLinkPlugin } from './markdown/links.ts';
import { satteriGithubAlerts } from './markdown/github-alerts.ts';
import { satteriTaskListLabels } from './markdown/task-list-labels.ts';
import { satteriTitleHeadingHast, satteriTitleHeadingMdast } from './markdown/title-heading.ts';
import { satteriUntrustedHtml } from './markdown/untrusted-html.ts';

interface MarkdownProcessorLike {
	name: string;
	options: { mdastPlugins?: unknown[]; hastPlugins?: unknown[]; rehypePlugins?: unknown[]; features?: Record<string, unknown> };
	createRenderer(options: Record<string, unknown>): Promise<{
		render(body: string, options: { frontmatter: Record<string, unknown>; fileURL: URL }): Promise<{ code: string; metadata: { headings: MarkdownHeading[] } }>;
	}>;
}

/** The route that serves the guides, in place of Starlight's own (see {@link serveGuidesFromHandbookRoute}). */
const guideRoute = fileURLToPath(new URL('./routes/guides.astro', import.meta.url));

/**
 * The handbook's Astro integration. It runs the check engine before a build and stops the build,
 * printing the report and one plain line, when the handbook has errors: no site is produced from a
 * broken handbook (`handbook build` checks first and hands its result over). It has the Markdown
 * processor parse raw HTML and rewrite every link as the checker resolves it, name task-list
 * checkboxes, give headings light anchor links, turn GitHub alerts into asides and hide a first
 * heading that repeats the title. It adds the policy's redirects, a generated home page when the
 * handbook has none, and publishes the files next to pages that pages link to (Markdown images
 * too, when Astro cannot import them).
 */
export function handbook(): AstroIntegration {
	let contentDir = '';
	let files: SiteFiles | undefined;
	let result: CheckResult | undefined;
	// The files next to pages that pages link to, worked out before the build lets go of the links.
	let assets: ReturnType<typeof linkedAssets> | undefined;
	// Markdown images Astro cannot import: shown and published as plain files instead.
	let imagesAsFiles = new Set<string>();
	return {
		name: 'practice-handbook',
		hooks: {
			'astro:config:setup': async ({ config, command, logger, updateConfig, injectRoute }) => {
				const root = fileURLToPath(config.root);
				contentDir = resolve(root, contentRoot);
				adaptStarlight(config.integrations);
				updateConfig({ vite: { plugins: [reuseStarlightPageSchema()] } });
				registerMarkdownPlugins(config.markdown.processor as MarkdownProcessorLike | undefined, {
					contentDir,
					base: config.base,
					files: () => files!,
					imagesAsFiles: () => imagesAsFiles,
					// Markup that runs script is stripped unless the policy trusts the authors (`raw-html: off`).
					stripScripts: () => result?.graph.policy.rules['raw-html']?.severity !== 'off',
				});
				result = sharedCheckResult();
				if (!result && (command === 'build' || command === 'dev')) {
					try {
						result = await checkHandbook({ root, contentDir });
					} catch (error) {
						if (!(error instanceof ContentFolderError)) throw error;
						if (isHandbookSiteBuild()) return reportToHandbookBuild({ kind: 'content-folder', message: error.message });
						return stop(`handbook: ${error.message}; nothing was built.`);
					}
					// The pages read this result (src/site/check-result.ts) instead of checking a second time.
					shareCheckResult(result);
					if (result.errorCount + result.warningCount > 0) {
						// Under `handbook build` this is a process of its own: the command passes on its terminal's colours and width.
						const color = process.env.HANDBOOK_COLOR === '1';
						const width = Number(process.env.HANDBOOK_COLUMNS) || (process.stderr.isTTY && process.stderr.columns) || undefined;
						process.stderr.write(`${formatReport(result, 'pretty', { color, width })}\n`);
					}
					if (result.errorCount > 0 && command === 'build') {
						if (isHandbookSiteBuild()) return reportToHandbookBuild({ kind: 'check-failed', errorCount: result.errorCount });
						return stop(`handbook check found ${result.errorCount} error(s), listed above; nothing was built. Fix them, then build again.`);
					}
					logger.info(`handbook check: ${result.errorCount} errors, ${result.warningCount} warnings`);
					if (command === 'build') {
						// The build keeps the result until it ends: only what the pages read.
						assets = linkedAssets(result.graph);
						keepWhatTheSiteReads(result);
					}
				}
				if (command === 'build' && !config.site) logger.info('no sitemap: HANDBOOK_SITE, the public origin of the site, is not set');
				files = result?.graph.files ?? siteFilesOf(await selectContentFiles(contentDir).catch(() => ({ pages: [], assets: [], drafts: [] })));
				if (result) {
					assets ??= linkedAssets(result.graph);
					imagesAsFiles = await imagesAstroCannotRead(contentDir, assets.images);
				}
				// The policy's redirects, as Astro's: a page at the old route that sends the reader on.
				const redirects = siteRedirects(files, config.base);
				if (Object.keys(redirects).length > 0) updateConfig({ redirects });
				// A handbook without a home page (guides/index.md; the check warns) gets one listing its sections.
				if (!files.byRoute.has('/')) injectRoute({ pattern: '/', entrypoint: fileURLToPath(new URL('./pages/home.astro', import.meta.url)) });
			},
			'astro:config:done': ({ config }) => {
				// Pages render their Markdown when they are built (src/site/page-content.ts), with the processor the content layer uses.
				shareMarkdownRenderer(markdownRenderer(config));
			},
			'astro:server:setup': ({ server }) => {
				// In `astro dev`, pages added or removed change where links lead.
				server.watcher.on('all', (_event, path) => {
					if (!path.startsWith(contentDir)) return;
					selectContentFiles(contentDir).then((selection) => {
						files = siteFilesOf(selection);
					}, () => undefined);
				});
				// Files next to pages, served where the built site publishes them.
				server.middlewares.use((request, response, next) => {
					const path = decodeURIComponent((request.url ?? '').split('?')[0]!.replace(server.config.base.replace(/\/$/, ''), ''));
					const asset = [...(files?.assets ?? [])].find((contentPath) => decodeURIComponent(assetRoute(contentPath)) === path);
					if (!asset) return next();
					createReadStream(join(contentDir, asset)).pipe(response);
				});
			},
			'astro:build:done': async ({ dir }) => {
				// The files next to pages that pages link to (never every file of the folder: only what is linked is published),
				// and the Markdown images Astro could not import.
				if (!result) return;
				const outDir = fileURLToPath(dir);
				for (const asset of new Set([...(assets ?? linkedAssets(result.graph)).files, ...imagesAsFiles])) {
					const target = join(outDir, decodeURIComponent(assetRoute(asset)));
					await mkdir(dirname(target), { recursive: true });
					await cp(join(contentDir, asset), target);
				}
			},
		},
	};
}

/**
 * Stands in for `@astrojs/sitemap` when the site's public origin is unknown. Starlight adds the
 * sitemap integration unless the project has one, and that integration needs `site` (a sitemap
 * lists absolute URLs): without it, it warns on every build and writes nothing. A handbook built
 * without `HANDBOOK_SITE` (a laptop, a pull request) has no sitemap to write; {@link handbook}
 * says so in one line.
 */
export function noSitemap(): AstroIntegration {
	return {
		name: '@astrojs/sitemap',
		hooks: {},
	};
}

/**
 * The policy's redirects (`redirects:` of handbook.yaml) for Astro's config: each old route to the
 * page it leads to under the base path, followed as links follow it (`core/links.ts`). A redirect from a route that is
 * a page, or to nothing, is left out: the check reports it.
 */
function siteRedirects(files: SiteFiles, base: string): Record<string, string> {
	const redirects: Record<string, string> = {};
	for (const [route, target] of files.redirects) {
		if (files.byRoute.has(route)) continue;
		const resolved = resolveLink('', target, files);
		if (resolved.kind !== 'page' && resolved.kind !== 'route') continue;
		// Astro serves the old route under the base path, and writes the destination as given.
		const href = renderedHref(resolved, target, base);
		if (href !== undefined) redirects[route] = href;
	}
	return redirects;
}

/**
 * Two changes to Starlight's integration, which it has no options for:
 *
 * - Its route for the `docs` collection (`[...slug]`, the guides) is served by the handbook's own
 *   route, which renders each guide with Starlight's page (`<StarlightPage>`: hero, splash
 *   template, table of contents, banner) from the handbook's page-time Markdown rendering, and
 *   gives each guide a `cacheKey`, so that a rebuild restores unchanged guides. Its
 *   `astro:config:setup` hook is given an `injectRoute` that swaps that one route's entrypoint.
 * - Under `handbook build`, which indexes the built site for search itself once Astro has ended
 *   and released its memory, in parts (`HANDBOOK_SEARCH_PARTS`, see `core/partition.ts`),
 *   Starlight does not run Pagefind at the end of the Astro build.
 *
 * This integration must come before Starlight's in the config, so that its hook runs first.
 */
function adaptStarlight(integrations: AstroConfig['integrations']): void {
	const starlight = integrations.find((integration) => integration.name === '@astrojs/starlight');
	const setup = starlight?.hooks['astro:config:setup'];
	if (!starlight || !setup) throw new Error('The handbook integration needs Starlight after it in the Astro config.');
	starlight.hooks['astro:config:setup'] = (params) => {
		const injectRoute: typeof params.injectRoute = (route) =>
			params.injectRoute(route.pattern === '[...slug]' ? { ...route, entrypoint: guideRoute } : route);
		// The hook's other parameters are read through the prototype (some are not enumerable).
		return setup(Object.create(params, { injectRoute: { value: injectRoute } }));
	};
	if (searchIndexedLater()) delete starlight.hooks['astro:build:done'];
}

/**
 * `<StarlightPage>` builds the zod schema of its frontmatter (Starlight's docs schema with the
 * handbook's fields) again for every page, although it is the same for all of them: at 3,000
 * pages that was 7% of the rendering time, and every page of the handbook is a `<StarlightPage>`.
 * This Vite plugin has Starlight's `getStarlightPageFrontmatter` build it once per build. It
 * changes one statement of `@astrojs/starlight/dist/utils/starlight-page.js`; when a Starlight
 * release words it differently, the plugin changes nothing and pages render as before.
 */
function reuseStarlightPageSchema() {
	const statement = 'const schema = await StarlightPageFrontmatterSchema({ image:';
	return {
		name: 'handbook:reuse-starlight-page-schema',
		transform(code: string, id: string) {
			if (!id.includes('/@astrojs/starlight/') || !id.endsWith('/utils/starlight-page.js')) return undefined;
			const start = code.indexOf(statement);
			const end = start === -1 ? -1 : code.indexOf(') });', start);
			if (end === -1) return undefined;
			const call = code.slice(start + 'const schema = await '.length, end + ') })'.length);
			return {
				code: `let handbookStarlightPageSchema;\n${code.slice(0, start)}const schema = await (handbookStarlightPageSchema ??= ${call});${code.slice(end + ') });'.length)}`,
				map: null,
			};
		},
	};
}

/** Renders one Markdown file as the content layer's `renderMarkdown` does, with the final config's processor and options. */
function markdownRenderer(config: AstroConfig): MarkdownRenderer {
	let renderer: ReturnType<MarkdownProcessorLike['createRenderer']> | undefined;
	return {
		async render(source, fileURL) {
			const { markdown, image } = config;
			renderer ??= (markdown.processor as unknown as MarkdownProcessorLike).createRenderer({
				image,
				syntaxHighlight: markdown.syntaxHighlight,
				shikiConfig: markdown.shikiConfig,
				gfm: markdown.gfm,
				smartypants: markdown.smartypants,
			});
			const { frontmatter, content } = parseFrontmatter(source);
			const { code, metadata } = await (await renderer).render(content, { frontmatter, fileURL });
			return { html: code, headings: metadata.headings };
		},
	};
}

/** Ends the build with one plain line on stderr and exit status 1: a content error is not a crash. */
function stop(message: string): never {
	process.stderr.write(`\n${message}\n`);
	process.exit(1);
}

interface MarkdownOptions {
	contentDir: string;
	base: string;
	files: () => SiteFiles;
	imagesAsFiles: () => ReadonlySet<string>;
	stripScripts: () => boolean;
}

function registerMarkdownPlugins(processor: MarkdownProcessorLike | undefined, options: MarkdownOptions) {
	const { contentDir, base, files } = options;
	if (processor?.name === 'satteri' && processor.options.hastPlugins && processor.options.mdastPlugins) {
		// Raw HTML becomes elements, so its links are rewritten and checked like Markdown's, and script stripped.
		processor.options.features = { ...processor.options.features, rawHtml: true };
		// Before Starlight's own (its integration comes after this one): GitHub alerts become the directives of its asides.
		processor.options.mdastPlugins.push(satteriGithubAlerts(contentDir), satteriTitleHeadingMdast(contentDir));
		processor.options.hastPlugins.push(
			satteriUntrustedHtml(options.stripScripts),
			satteriLinkPlugin(contentDir, base, files, options.imagesAsFiles),
			satteriTaskListLabels(),
			...satteriHeadingAnchors(),
			satteriTitleHeadingHast(),
		);
	} else {
		// Without Sätteri, raw HTML stays as written: neither its links nor its scripts would be handled.
		throw new Error('The handbook renders Markdown with Astro\'s default processor (Sätteri); remove `markdown.processor` from the Astro config.');
	}
}
