import { type CheckResult, checkHandbook } from '../checks/index.ts';

// The integration checks the handbook before the build, in the module graph Vite loads the Astro
// config with; the pages run in the module graph of the built site. They share one process, and
// the result passes between the two graphs under this key.
const sharedResultKey = Symbol.for('practice-handbook.check-result');

/** Hands the integration's check result to the pages of this build. */
export function shareCheckResult(result: CheckResult): void {
	(globalThis as Record<symbol, unknown>)[sharedResultKey] = result;
}

let check: Promise<CheckResult> | undefined;

/**
 * The check engine's result for this build: the one the integration computed before the build,
 * or a fresh run. Every page reads the graph's facts from it (owner, review status, RACI tables,
 * diagnostics for the health page) instead of deriving them again, so the site and
 * `handbook check` judge the same content with the same code on the same day.
 */
export function getCheckResult(): Promise<CheckResult> {
	check ??= (async () => {
		const shared = (globalThis as Record<symbol, unknown>)[sharedResultKey] as CheckResult | undefined;
		return shared ?? (await checkHandbook({ root: process.cwd() }));
	})();
	return check;
}
