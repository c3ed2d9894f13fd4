// @ts-check
import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';
import { handbook, noSitemap } from './src/site/integration.ts';
import { offlineCopy } from './src/site/offline.ts';
import { contentRoot, siteBase } from './src/core/project.ts';
import { sitePartition } from './src/core/partition.ts';
import { searchRanking } from './src/site/search.ts';

// `handbook build` indexes the site for search in parts (src/core/partition.ts); the search merges
// the other parts into the first (`pagefind/`) in the browser.
const { searchParts } = sitePartition();
const searchPartIndexes = Array.from({ length: searchParts - 1 }, (_, index) => ({
	bundlePath: `${siteBase()}pagefind/part-${index + 1}/`,
	baseUrl: siteBase(),
}));

// HANDBOOK_CONTENT: the content folder to build (default `content`).
// HANDBOOK_SITE: the public URL of the site (used for canonical links and the sitemap).
// HANDBOOK_BASE: the sub-path it is served under, e.g. `/my-handbook/` for GitHub project pages.
const site = process.env.HANDBOOK_SITE || undefined;

export default defineConfig({
	site,
	base: siteBase(),
	trailingSlash: 'always',
	// Separate caches let the build tests and the benchmark build several handbooks at once.
	cacheDir: process.env.HANDBOOK_CACHE_DIR || undefined,
	// Prism marks code tokens with classes, styled once in src/site/styles/code.css. Measured on 3000
	// pages (README, "Scale"), Expressive Code's inline-styled tokens and frames cost 40 s of an
	// 84 s build, 2.2 GB of memory and a third of every page's HTML.
	markdown: { syntaxHighlight: 'prism' },
	// Rebuilds copy unchanged entry pages from the previous build (the cache in cacheDir) instead
	// of rendering them again; each entry route returns a cacheKey (src/site/page-cache-keys.ts).
	experimental: { incrementalBuild: true },
	integrations: [
		handbook(),
		// Starlight adds the sitemap when `site` is set; without it there is none to write.
		...(site ? [] : [noSitemap()]),
		starlight({
			title: 'Practice Handbook',
			description: 'Service management practices, process roles, runbooks and readiness templates.',
			// The sidebar is built per page by the route middleware (see src/site/navigation.ts).
			sidebar: [],
			pagination: false,
			// The handbook's own 404 page (src/pages/404.astro).
			disable404Route: true,
			routeMiddleware: './src/site/route-data.ts',
			// Runbooks first for incident queries: the weights of their metadata fields (src/site/search.ts).
			// With more than one part, the search merges the other parts of the index into the first.
			pagefind: { ranking: searchRanking, ...(searchPartIndexes.length > 0 ? { mergeIndex: searchPartIndexes } : {}) },
			customCss: ['./src/site/styles/handbook.css', './src/site/styles/code.css'],
			// Code blocks: Prism (above) and the handbook's copy buttons (src/site/components/CodeCopy.astro).
			expressiveCode: false,
			components: {
				// The owner card and, on stale pages, the "Review overdue" banner under every title.
				PageTitle: './src/site/components/PageTitle.astro',
				// Accessibility fixes: named task-list checkboxes, a search button named as it reads.
				MarkdownContent: './src/site/components/MarkdownContent.astro',
				Search: './src/site/components/Search.astro',
				// On runbooks, the first Tab stops after "Skip to content": page on-call, mail the owner, the first section.
				SkipLink: './src/site/components/SkipLink.astro',
				// Registers the service worker of the offline copy, and says when a page is served from it.
				Head: './src/site/components/Head.astro',
			},
			// Heading anchors come from the integration (src/site/markdown/heading-anchors.ts), without inline SVGs.
			markdown: { processedDirs: [contentRoot], headingLinks: false },
		}),
		// After Starlight, whose Pagefind index the offline copy includes (src/site/offline.ts); under
		// `handbook build`, which indexes the site once Astro is done, the command writes it then.
		offlineCopy(),
	],
});
