/**
 * Prefixes a site route (`/practices/x/`) with the configured base path (`/my-handbook/`).
 * Every internal href the site emits goes through here so a sub-path deployment keeps working.
 */
export function withBase(base: string, route: string): string {
	if (!route.startsWith('/')) return route;
	const prefix = base.endsWith('/') ? base.slice(0, -1) : base;
	return `${prefix}${route}`;
}

/** The base path Astro serves the site under, for use in pages and components. */
export function siteHref(route: string): string {
	return withBase(import.meta.env.BASE_URL, route);
}
