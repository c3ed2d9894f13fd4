import { isAbsolute, relative, resolve, sep } from 'node:path';
import { VFile } from 'vfile';
import { selectAlertRuleFiles } from './alert-files.ts';
import { loadAlertRuleFiles } from './alert-rules.ts';
import { contentRoot } from '../core/project.ts';
import { resolveToday } from '../core/today.ts';
import { buildGraph, type ContentGraph } from './graph.ts';
import { loadContent } from './load.ts';
import { openParseCache } from './parse-cache.ts';
import { resolvePolicy, ruleSeverity } from './policy.ts';
import { type AnyRule, formatMessage, type Report, type RuleVisitors, setMessageId } from './rule.ts';
import { rules } from './rules/index.ts';
import type { Entry, Severity } from './types.ts';

export interface LoadOptions {
	/** The repository root; output paths are relative to it. */
	root: string;
	/** The content folder, relative to `root` or absolute (default: `HANDBOOK_CONTENT` or `content`). */
	contentDir?: string;
	/** Keep parse results in `node_modules/.cache/handbook/` between runs (default `true`). */
	cache?: boolean;
	/** The check date, `YYYY-MM-DD` (default: see {@link resolveToday}). */
	today?: string | undefined;
}

export interface CheckOptions extends LoadOptions {
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

/**
 * Loads and parses the handbook into its content graph, with each page's facts derived, without
 * running any rule. Throws only when the content folder itself cannot be read.
 */
export async function loadHandbook(options: LoadOptions): Promise<ContentGraph> {
	const root = resolve(options.root);
	const contentDir = resolve(root, options.contentDir ?? contentRoot);
	const today = resolveToday({ today: options.today, root });
	const cache = await openParseCache(root, contentDir, options.cache ?? true);
	const content = await loadContent(root, contentDir, cache);
	await cache.save();
	const policy = resolvePolicy(content.policy, rules);
	// Rule files are read afresh on every run: parsing them is cheap next to the pages (README, "Alerts").
	const selection = await selectAlertRuleFiles(root, policy.policy.alerts.rules);
	const alertRules = { files: await loadAlertRuleFiles(root, selection.files), matches: selection.matches };
	return buildGraph(root, contentDir, content, policy, today, alertRules);
}

/** The rule id of what the engine itself reports: files it could not read or parse, and rules that failed. */
export const fatalRuleId = 'fatal';

/**
 * Runs every rule on a loaded handbook. Each rule runs once per page and once per handbook, each
 * call on its own: an exception becomes a `fatal` diagnostic on the file it happened on, and every
 * other file is still checked. Each diagnostic becomes a message of its file's VFile, worded
 * from the rule's messages, with the rule id, message id, the policy's severity
 * (`fatal` for errors) and the fix hint as its `note`, as remark-lint does, so `vfile-reporter`
 * and editors understand it.
 */
export function runRules(graph: ContentGraph, options: { paths?: string[] | undefined } = {}): Omit<CheckResult, 'graph' | 'today'> {
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
	for (const rulesFile of graph.alertFiles) fileFor(rulesFile.file);

	for (const entry of graph.entries) if (entry.failure) reportFailure(fileFor(entry.file), entry);
	for (const rule of rules) {
		const setting = ruleSeverity(graph.policy, rule);
		if (setting === 'off') continue;
		const context = {
			graph,
			policy: graph.policy,
			options: graph.policy.rules[rule.meta.id]?.options,
			today: graph.today,
			report: (report: Report) => addMessage(fileFor(report.file), rule, report, setting ?? report.severity ?? rule.meta.defaultSeverity),
		};
		let visitors: RuleVisitors;
		try {
			visitors = rule.create(context);
		} catch (error) {
			reportCrash(fileFor(graph.contentFolder || '.'), rule, error);
			continue;
		}
		if (visitors.entry) {
			for (const entry of graph.entries) {
				try {
					visitors.entry(entry);
				} catch (error) {
					reportCrash(fileFor(entry.file), rule, error);
				}
			}
		}
		try {
			visitors.handbook?.();
		} catch (error) {
			reportCrash(fileFor(graph.contentFolder || '.'), rule, error);
		}
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
	const graph = await loadHandbook(options);
	return { ...runRules(graph, { paths: options.paths }), graph, today: graph.today };
}

/** A message of the engine's diagnostics; `messageId` says which kind (see {@link fatalRuleId}). */
function addMessage(file: VFile, rule: AnyRule, report: Report, severity: Severity) {
	const template = rule.meta.messages[report.messageId];
	const start = { line: report.line, column: report.column };
	const end = report.endLine === undefined ? undefined : { line: report.endLine, column: report.endColumn ?? report.column };
	const message = file.message(template ? formatMessage(template.text, report.data) : report.messageId, {
		place: end ? { start, end } : start,
		ruleId: rule.meta.id,
		source: 'handbook',
	});
	message.fatal = severity === 'error';
	setMessageId(message, report.messageId);
	const fix = report.suggestion !== undefined ? `did you mean \`${report.suggestion}\`?` : template && formatMessage(template.fix, report.data);
	if (fix) message.note = fix;
	if (report.actual !== undefined) message.actual = report.actual;
	const expected = report.expected ?? (report.suggestion !== undefined ? [report.suggestion] : undefined);
	if (expected) message.expected = expected;
}

const fatalMessages = {
	unreadable: {
		text: 'cannot read this file ({{reason}})',
		fix: 'make the file readable by the user who runs the check, or remove it',
	},
	unparsable: {
		text: 'cannot parse this page: {{reason}}',
		fix: 'correct the Markdown (or MDX) at this position; until then the page has no headings or links for the checks',
	},
	'rule-failed': {
		text: 'the `{{rule}}` rule failed on this file: {{reason}}',
		fix: 'this is a fault of the checker, not of the file: report it with this file; every other file was checked',
	},
} as const;

/** What the engine reports on its own account, as a rule's messages would be. */
export const fatalRule: AnyRule = {
	meta: {
		id: fatalRuleId,
		description:
			'a file the engine cannot read or parse (MDX with an unclosed tag), or a rule that failed on a file: reported on that file, and every other file is still checked; always an error',
		defaultSeverity: 'error',
		url: 'README.md#rule-fatal',
		messages: fatalMessages,
	},
	create: () => ({}),
};

function reportFailure(file: VFile, entry: Entry) {
	const failure = entry.failure!;
	addMessage(
		file,
		fatalRule,
		{
			file: entry.file,
			line: failure.line,
			column: failure.column,
			messageId: failure.stage === 'read' ? 'unreadable' : 'unparsable',
			data: { reason: failure.message },
		},
		'error',
	);
}

function reportCrash(file: VFile, rule: AnyRule, error: unknown) {
	const reason = error instanceof Error ? error.message : String(error);
	addMessage(file, fatalRule, { file: file.path, line: 1, column: 1, messageId: 'rule-failed', data: { rule: rule.meta.id, reason } }, 'error');
}

function scopePath(root: string, path: string): string {
	const relativePath = relative(resolve(root), isAbsolute(path) ? path : resolve(root, path));
	return relativePath.split(sep).join('/').replace(/\/+$/, '');
}
