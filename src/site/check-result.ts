import { type CheckResult, checkHandbook, type Entry } from '../checks/index.ts';
import { sharedCheckResult } from '../checks/shared-result.ts';

let check: Promise<CheckResult> | undefined;

/**
 * The check engine's result for this build: the one computed before the build (by `handbook
 * build` or the integration), or a fresh run. Every page reads the graph's facts from it (owner,
 * review status, RACI tables, diagnostics for the health page) instead of deriving them again,
 * so the site and `handbook check` judge the same content with the same code on the same day.
 */
export function getCheckResult(): Promise<CheckResult> {
	check ??= (async () => sharedCheckResult() ?? (await checkHandbook({ root: process.cwd() })))();
	return check;
}

/** The check engine's entry for the page at `url` (a URL under the site's base path), if it shows one. */
export async function entryOfPage(url: URL): Promise<Entry | undefined> {
	const { graph } = await getCheckResult();
	const base = import.meta.env.BASE_URL;
	const route = `/${url.pathname.slice(base.length).replace(/^\/+/, '')}`;
	return graph.byRoute.get(route.endsWith('/') ? route : `${route}/`);
}
