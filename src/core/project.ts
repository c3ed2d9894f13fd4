/**
 * The folder holding the handbook content: `content` in the project root, unless the environment
 * names another one (`HANDBOOK_CONTENT=path/to/handbook`, relative to the project root or
 * absolute). The build tests and the benchmark build fixture and generated handbooks this way
 * with the same site code.
 */
export const contentRoot = (process.env.HANDBOOK_CONTENT || 'content').replace(/\/+$/, '');

/**
 * The path the site is served under: `HANDBOOK_BASE` (e.g. `/my-handbook/` for GitHub project
 * pages), with slashes at both ends, else `/`. The Astro config and the check of the built
 * site both read it from here.
 */
export function siteBase(): string {
	return `/${(process.env.HANDBOOK_BASE || '/').replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
}
