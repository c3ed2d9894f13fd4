import { isAbsolute, relative, resolve, sep } from 'node:path';
import { VFile } from 'vfile';
import { contentRoot } from '../lib/project.ts';
import { openParseCache } from './cache.ts';
import { buildGraph, type ContentGraph } from './graph.ts';
import { loadContent } from './load.ts';
import type { Report } from './rule.ts';
import { rules } from './rules/index.ts';
import { resolveToday } from './today.ts';

export interface LoadOptions {
	/** The repository root; output paths are relative to it. */
	root: string;
	/** The content folder, relative to `root` or absolute (default: `HANDBOOK_CONTENT` or `content`). */
	contentDir?: string;
	/** Keep parse results in `node_modules/.cache/handbook/` between runs (default `true`). */
	cache?: boolean;
}

export interface CheckOptions extends LoadOptions {
	/** The check date, `YYYY-MM-DD` (default: see {@link resolveToday}). */
	today?: string;
	/** Report only diagnostics of these files or folders (relative to `root`); all content is still loaded. */
	paths?: string[];
}

export interface CheckResult {
	/** One file per checked file in scope, with its diagnostics as vfile messages. */
	files: VFile[];
	errorCount: number;
	warningCount: number;
	graph: ContentGraph;
	today: string;
}

/** Loads and parses the handbook into its content graph, without running any rule. */
export async function loadHandbook(options: LoadOptions): Promise<ContentGraph> {
	const root = resolve(options.root);
	const contentDir = resolve(root, options.contentDir ?? contentRoot);
	const cache = await openParseCache(root, contentDir, options.cache ?? true);
	const content = await loadContent(root, contentDir, cache);
	await cache.save();
	return buildGraph(root, contentDir, content);
}

/**
 * Runs every rule on a loaded handbook. Each diagnostic becomes a message of its file's VFile,
 * with the rule id, source `handbook`, the policy's severity (`fatal` for errors) and the fix
 * hint as its `note`, as remark-lint does, so `vfile-reporter` and editors understand it.
 */
export function runRules(
	graph: ContentGraph,
	options: { today: string; paths?: string[] | undefined },
): Omit<CheckResult, 'graph' | 'today'> {
	const files = new Map<string, VFile>();
	const fileFor = (path: string) => {
		let file = files.get(path);
		if (!file) {
			file = new VFile({ path, cwd: graph.root });
			files.set(path, file);
		}
		return file;
	};
	for (const entry of graph.entries) fileFor(entry.file);
	for (const dataFile of [graph.teamsFile, graph.policyFile]) if (dataFile.exists) fileFor(dataFile.file);

	for (const rule of rules) {
		const setting = graph.policy.rules[rule.id];
		if (setting === 'off') continue;
		const report = (diagnostic: Report) => {
			const start = { line: diagnostic.line, column: diagnostic.column };
			const end =
				diagnostic.endLine === undefined ? undefined : { line: diagnostic.endLine, column: diagnostic.endColumn ?? diagnostic.column };
			const message = fileFor(diagnostic.file).message(diagnostic.message, {
				place: end ? { start, end } : start,
				ruleId: rule.id,
				source: 'handbook',
			});
			message.fatal = (setting ?? diagnostic.severity ?? rule.defaultSeverity) === 'error';
			if (diagnostic.fix) message.note = diagnostic.fix;
			if (diagnostic.actual !== undefined) message.actual = diagnostic.actual;
			if (diagnostic.expected) message.expected = diagnostic.expected;
		};
		rule.check({ graph, policy: graph.policy, today: options.today, report });
	}

	const scope = (options.paths ?? []).map((path) => scopePath(graph.root, path));
	const inScope = (path: string) =>
		scope.length === 0 || scope.some((prefix) => prefix === '' || path === prefix || path.startsWith(`${prefix}/`));
	const selected = [...files.values()]
		.filter((file) => inScope(file.path))
		.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
	let errorCount = 0;
	let warningCount = 0;
	for (const file of selected) {
		file.messages.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
		for (const message of file.messages) {
			if (message.fatal) errorCount++;
			else warningCount++;
		}
	}
	return { files: selected, errorCount, warningCount };
}

/**
 * Checks a handbook: loads `content/`, builds the content graph, runs every rule and returns
 * the diagnostics. Use {@link formatReport} to print them.
 */
export async function checkHandbook(options: CheckOptions): Promise<CheckResult> {
	const today = resolveToday({ today: options.today, root: options.root });
	const graph = await loadHandbook(options);
	return { ...runRules(graph, { today, paths: options.paths }), graph, today };
}

function scopePath(root: string, path: string): string {
	const relativePath = relative(resolve(root), isAbsolute(path) ? path : resolve(root, path));
	return relativePath.split(sep).join('/').replace(/\/+$/, '');
}
