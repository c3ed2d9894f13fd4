import type { CheckResult } from './engine.ts';

// The check runs once per build: before Astro starts (`handbook build`, or the integration's own
// check under a plain `astro build`), in one module graph; the pages render in the module graph
// of the built site. Both share one process, and the result passes between them under this key.
const sharedResultKey = Symbol.for('practice-handbook.check-result');

/** Hands a check result to the site being built in this process. */
export function shareCheckResult(result: CheckResult): void {
	(globalThis as Record<symbol, unknown>)[sharedResultKey] = result;
}

/** The check result handed over for this build, if any. */
export function sharedCheckResult(): CheckResult | undefined {
	return (globalThis as Record<symbol, unknown>)[sharedResultKey] as CheckResult | undefined;
}
