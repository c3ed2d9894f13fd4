import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { VFile } from 'vfile';
import { selectAlertRuleFiles } from '../checks/alert-files.ts';
import { codeownersFile } from '../checks/codeowners.ts';
import type { CheckOptions, CheckResult } from '../checks/engine.ts';
import { messageIdOf, setMessageId } from '../checks/rule.ts';
import { cacheDirectory, contentHash } from '../checks/parse-cache.ts';
import { policyFileName } from '../core/collections.ts';
import { parseYaml } from '../core/frontmatter.ts';
import { contentRoot } from '../core/project.ts';
import { resolveToday } from '../core/today.ts';

/** What the reporters need of a check: the diagnostics, without the content graph. */
export type CheckReport = Pick<CheckResult, 'files' | 'errorCount' | 'warningCount' | 'today'> & {
	/** Whether the diagnostics were those of an earlier run with the same inputs. */
	reused: boolean;
};

interface StoredMessage {
	reason: string;
	place: { line: number; column: number } | { start: { line: number; column: number }; end: { line: number; column: number } } | undefined;
	ruleId: string | undefined;
	messageId: string | undefined;
	url: string | undefined;
	fatal: boolean | null | undefined;
	note: string | undefined;
	actual: string | undefined;
	expected: string[] | undefined;
}

interface StoredResult {
	digest: string;
	files: { path: string; messages: StoredMessage[] }[];
}

/**
 * `handbook check` for the command line: when nothing the check depends on has changed since the
 * last run (every file of the content folder, the alert rule files the policy names wherever they
 * are, `.github/CODEOWNERS`, the file names in `public/`, the checker's own code and the locked
 * package versions, the date and the paths asked for), it
 * prints the diagnostics of that run instead of loading and checking the handbook again.
 * The site build always checks afresh: it needs the content graph too.
 */
export async function checkHandbookReusingResult(options: CheckOptions): Promise<CheckReport> {
	const root = resolve(options.root);
	const contentDir = resolve(root, options.contentDir ?? contentRoot);
	const today = resolveToday({ today: options.today, root });
	const directory = options.cache === false ? undefined : cacheDirectory(root);
	// The engine (zod, the Markdown parser) is loaded only when the check has to run.
	const check = async () => (await import('../checks/engine.ts')).checkHandbook({ ...options, today });
	if (!directory) return { ...(await check()), reused: false };
	const path = join(directory, `result-${contentHash(contentDir).slice(0, 16)}.json`);
	const digest = await inputsDigest(root, contentDir, today, options.paths ?? []);
	const stored = await readFile(path, 'utf8')
		.then((text) => JSON.parse(text) as StoredResult)
		.catch(() => undefined);
	if (stored?.digest === digest) return { ...revive(stored, root), today, reused: true };
	const result = await check();
	await mkdir(directory, { recursive: true });
	// Write then rename, so a parallel run never reads half a file.
	const temporary = `${path}.${process.pid}.tmp`;
	await writeFile(temporary, JSON.stringify({ digest, files: result.files.map(store) } satisfies StoredResult));
	await rename(temporary, path);
	return { files: result.files, errorCount: result.errorCount, warningCount: result.warningCount, today, reused: false };
}

async function inputsDigest(root: string, contentDir: string, today: string, paths: string[]): Promise<string> {
	const hash = createHash('sha1');
	const add = (label: string, value: string | Buffer) => hash.update(`${label}\0`).update(value).update('\0');
	add('today', today);
	add('paths', JSON.stringify(paths.map((path) => relative(root, resolve(root, path))).sort()));
	add('content', relative(root, contentDir));
	for (const file of await filesUnder(contentDir)) add(relative(contentDir, file), await readFile(file));
	// Alert rule files may live outside the content folder: their paths and contents count too.
	const alertFiles = await selectAlertRuleFiles(root, await alertRulePatterns(contentDir));
	add('alert rules', JSON.stringify(alertFiles));
	for (const file of alertFiles.files) add(file, await readFile(join(root, file)).catch(() => '\u0000unreadable'));
	add('codeowners', await readFile(join(root, codeownersFile)).catch(() => '\u0000absent'));
	add('public', (await filesUnder(join(root, 'public'))).map((file) => relative(root, file)).join('\n'));
	// The checker's code: its own modules and those it shares with the site, and the packages.
	const code = new URL('..', import.meta.url);
	for (const folder of ['checks', 'core', 'schemas']) {
		for (const file of await filesUnder(new URL(`${folder}/`, code).pathname)) add(file, await readFile(file));
	}
	const lockfile = new URL('../../package-lock.json', import.meta.url).pathname;
	add('lockfile', existsSync(lockfile) ? await readFile(lockfile) : '');
	return hash.digest('base64url');
}

/** The policy's `alerts.rules` globs, read as the engine reads them, or none when the policy cannot be read. */
async function alertRulePatterns(contentDir: string): Promise<string[]> {
	const text = await readFile(join(contentDir, policyFileName), 'utf8').catch(() => '');
	const rules = (parseYaml(text).data as { alerts?: { rules?: unknown } } | null | undefined)?.alerts?.rules;
	return Array.isArray(rules) ? rules.filter((pattern): pattern is string => typeof pattern === 'string') : [];
}

async function filesUnder(dir: string): Promise<string[]> {
	const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
	return entries
		.filter((entry) => entry.isFile())
		.map((entry) => join(entry.parentPath, entry.name))
		.sort();
}

function store(file: VFile): { path: string; messages: StoredMessage[] } {
	return {
		path: file.path,
		messages: file.messages.map((message) => ({
			reason: message.reason,
			place: message.place && ('start' in message.place ? { start: { ...message.place.start }, end: { ...message.place.end } } : { ...message.place }) as StoredMessage['place'],
			ruleId: message.ruleId,
			messageId: messageIdOf(message),
			url: message.url,
			fatal: message.fatal,
			note: message.note,
			actual: message.actual,
			expected: message.expected,
		})),
	};
}

function revive(stored: StoredResult, root: string): Pick<CheckResult, 'files' | 'errorCount' | 'warningCount'> {
	let errorCount = 0;
	let warningCount = 0;
	const files = stored.files.map(({ path, messages }) => {
		const file = new VFile({ path, cwd: root });
		for (const stored of messages) {
			const message = file.message(stored.reason, { place: stored.place, ruleId: stored.ruleId, source: 'handbook' });
			message.fatal = stored.fatal;
			if (stored.messageId !== undefined) setMessageId(message, stored.messageId);
			if (stored.url !== undefined) message.url = stored.url;
			if (stored.note !== undefined) message.note = stored.note;
			if (stored.actual !== undefined) message.actual = stored.actual;
			if (stored.expected !== undefined) message.expected = stored.expected;
			if (message.fatal) errorCount++;
			else warningCount++;
		}
		return file;
	});
	return { files, errorCount, warningCount };
}
