import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Engine from '../checks/index.ts';

export type HandbookEngine = typeof Engine;

/** The check engine and its result for the handbook being built. */
export interface SiteCheck {
	engine: HandbookEngine;
	result: Engine.CheckResult;
	/** The practices' RACI tables by practice id, as the engine reads them. */
	raciTables: Map<string, Engine.RaciTable>;
}

/** Where the integration leaves the result of its pre-build check for the pages, in this process. */
export const checkResultKey = Symbol.for('practice-handbook.check-result');

let check: Promise<SiteCheck> | undefined;

/**
 * Gets the check engine's result for this build (the one the integration computed before the
 * build, or a fresh run) and shares it with every page: review status and
 * owner (PageTitle), the RACI model (RACI matrix, role pages) and the diagnostics (health page).
 * The site and `handbook check` thus judge the same content with the same code, on the same day
 * (`resolveToday`: `HANDBOOK_TODAY`, else the HEAD commit date).
 *
 * The engine is imported by Node at build time from `src/checks/`, as the pre-build check in the
 * integration does, not bundled by Vite: it reads its own source files to fingerprint its parse
 * cache. The build runs in the project root, so that is where `src/checks/` is found.
 */
export function getSiteCheck(): Promise<SiteCheck> {
	check ??= (async () => {
		const root = process.cwd();
		const engine = (await import(/* @vite-ignore */ pathToFileURL(join(root, 'src/checks/index.ts')).href)) as HandbookEngine;
		// The integration has already checked the handbook before the build; reuse its result.
		const earlier = (globalThis as Record<symbol, unknown>)[checkResultKey];
		const result = (earlier as Engine.CheckResult | undefined) ?? (await engine.checkHandbook({ root }));
		return { engine, result, raciTables: engine.raciModel(result.graph) };
	})();
	return check;
}
