import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { collections } from '../core/collections.ts';
import { renderedHref, resolveLink } from '../core/links.ts';
import { buildSidebar } from './navigation.ts';
import { getCheckResult } from './check-result.ts';
import { getSiteData, type PageFilters, teamName } from './site-data.ts';
import { neutraliseFrontmatter } from './untrusted-frontmatter.ts';

declare global {
	namespace App {
		interface Locals {
			/** Set by the handbook's own page routes before rendering `<StarlightPage>`. */
			handbookPage?: { filters: PageFilters; searchFields?: Record<string, string> | undefined };
		}
	}
}

/**
 * Starlight route middleware: gives every page the handbook's scalable sidebar, its last-updated
 * date and edit link (from git, for every collection alike), the pagefind filter tags
 * (type, owner, service, practice) of the page, its searchable metadata fields (runbooks'
 * alerts, symptoms and service: src/site/search.ts), and makes the frontmatter Starlight
 * renders as HTML safe (see {@link neutraliseFrontmatter}).
 */
export const onRequest = defineRouteMiddleware(async (context) => {
	const route = context.locals.starlightRoute;
	const [data, { graph }] = await Promise.all([getSiteData(), getCheckResult()]);
	neutraliseFrontmatter(route as unknown as Parameters<typeof neutraliseFrontmatter>[0], graph.policy.rules['raw-html']?.severity !== 'off');
	const base = import.meta.env.BASE_URL;
	const path = context.url.pathname;
	const currentRoute = '/' + path.slice(base.length).replace(/^\/+/, '');
	const pageRoute = currentRoute.endsWith('/') ? currentRoute : `${currentRoute}/`;
	route.sidebar = buildSidebar(data.sections, pageRoute, base);
	// Every page has the navigation, the splash home page too: on a phone it is the menu button, the
	// only way from the home page to the sections its hero does not name.
	route.hasSidebar = true;
	// A splash page's hero actions link like Markdown links do (`../x.md`, `/practices/`, under the base path).
	const entry = graph.byRoute.get(pageRoute);
	const hero = (route.entry.data as { hero?: { actions?: { link: string }[] } }).hero;
	if (entry) {
		for (const action of hero?.actions ?? []) action.link = renderedHref(resolveLink(entry.contentPath, action.link, graph.files), action.link, base) ?? action.link;
	}
	const sourceFile = data.sourceFiles.get(pageRoute);
	if (sourceFile) {
		route.lastUpdated = data.lastUpdated.get(sourceFile);
		route.editUrl = data.editUrlBase ? new URL(sourceFile, data.editUrlBase) : undefined;
	}
	let filters = context.locals.handbookPage?.filters;
	if (!filters && route.entry.collection === 'docs') {
		const owner = (route.entry.data as { owner?: { id: string } }).owner;
		filters = { type: collections.docs.pageType, owner: teamName(data, owner?.id) };
	}
	for (const [name, value] of Object.entries(filters ?? {})) {
		if (!value) continue;
		route.head.push({ tag: 'meta', attrs: { 'data-pagefind-filter': `${name}[content]`, content: value } });
	}
	for (const [name, value] of Object.entries(context.locals.handbookPage?.searchFields ?? {})) {
		if (!value) continue;
		route.head.push({ tag: 'meta', attrs: { 'data-pagefind-meta': `${name}[content]`, content: value } });
	}
});
