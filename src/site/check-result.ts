import { type CheckResult, checkHandbook } from '../checks/index.ts';
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
