import { withBase } from '../core/routes.ts';

/** The base path Astro serves the site under, for use in pages and components. */
export function siteHref(route: string): string {
	return withBase(import.meta.env.BASE_URL, route);
}
