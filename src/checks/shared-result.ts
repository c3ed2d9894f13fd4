import type { CheckResult } from './engine.ts';
import { forgetResolvedLinks } from './graph.ts';

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

/**
 * Lets go of what only the rules needed, in a check result that the site keeps for the whole
 * build: each page's frontmatter text, tables, links, headings and anchors, task lists and
 * findings, and the graph's resolved links. The pages read the facts (owner, review, RACI table,
 * a service's runbooks and alerts, a release), titles, routes and the health report's inputs,
 * which stay. On 10,000 pages this is 60% of the graph's memory (230 MB to 90 MB). Anything that
 * needs a link, such as the files to publish next to pages, is worked out before.
 */
export function keepWhatTheSiteReads(result: CheckResult): void {
	for (const entry of result.graph.entries) {
		entry.frontmatter = { ...entry.frontmatter, text: '' };
		entry.tables = [];
		entry.raciTables = [];
		entry.links = [];
		entry.headings = [];
		entry.anchors = new Set();
		entry.tasks = [];
		entry.hazards = [];
		entry.secrets = [];
		entry.components = [];
		entry.imports = [];
	}
	forgetResolvedLinks(result.graph);
}

/**
 * What the Astro build that `handbook build` runs in a process of its own (`src/cli/site-build.ts`)
 * tells it over the IPC channel: that the check stopped the build (the report is already on
 * stderr), that the content folder could not be read, or that Astro failed, with its message.
 */
export type SiteBuildMessage =
	| { kind: 'check-failed'; errorCount: number }
	| { kind: 'content-folder'; message: string }
	| { kind: 'failed'; message: string };

/** Whether this process is the Astro build of `handbook build`, which reports to it over IPC. */
export function isHandbookSiteBuild(): boolean {
	return process.env.HANDBOOK_BUILD_STEP === 'site' && typeof process.send === 'function';
}

/** Tells `handbook build` why this Astro build stops, then ends it with exit status 1: the promise never settles. */
export function reportToHandbookBuild(message: SiteBuildMessage): Promise<never> {
	return new Promise(() => {
		process.send!(message, () => process.exit(1));
	});
}
