import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify, stripVTControlCharacters } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildEnvironment, buildSite, repoRoot } from '../helpers/build.ts';

const run = promisify(execFile);
const today = '2026-11-22';

interface Fault {
	name: string;
	file: string;
	/** Replaces the first occurrence of `find` with `replace` in the file. */
	find: string | RegExp;
	replace: string;
	/** A line of the file after the change that the fault is reported on. */
	marker: string;
	ruleId: string;
}

// One copy of the shipped handbook with one fault of each kind the issue names.
const faults: Fault[] = [
	{
		name: 'an unknown owner team',
		file: 'runbooks/payments-api/database-failover.md',
		find: 'owner: payments-team',
		replace: 'owner: payments-teem',
		marker: 'owner: payments-teem',
		ruleId: 'ownership',
	},
	{
		name: 'a link to a missing page',
		file: 'practices/incident-management.md',
		find: '## Key activities',
		replace: 'See the [escalation matrix](escalation-matrix.md).\n\n## Key activities',
		marker: 'See the [escalation matrix](escalation-matrix.md).',
		ruleId: 'links',
	},
	{
		name: 'a missing anchor',
		file: 'practices/change-enablement.md',
		find: '## Key activities',
		replace: 'Compare [incident management](incident-management.md#swarming-rules).\n\n## Key activities',
		marker: 'Compare [incident management](incident-management.md#swarming-rules).',
		ruleId: 'links',
	},
	{
		name: 'a missing required field',
		file: 'roles/process-owner.md',
		find: /^summary: .*\n/m,
		replace: '',
		// A missing key has no line of its own: it is reported where the frontmatter starts.
		marker: '---',
		ruleId: 'schema',
	},
	{
		name: 'a runbook overdue for review',
		file: 'runbooks/edge-gateway/certificate-expiry.md',
		find: /^lastReviewed: .*$/m,
		replace: 'lastReviewed: 2025-12-01',
		marker: 'lastReviewed: 2025-12-01',
		ruleId: 'freshness',
	},
	{
		name: 'a RACI row with two Accountables',
		file: 'practices/problem-management.md',
		// The first row after the table's delimiter row.
		find: /(\n\| --- [^\n]*\n)[^\n]*\n/,
		replace: '$1| Two accountables | A | A | R |\n',
		marker: '| Two accountables | A | A | R |',
		ruleId: 'structure',
	},
	{
		name: "a typo'd frontmatter key",
		file: 'guides/glossary.md',
		find: /^lastReviewed:/m,
		replace: 'lastReviewd:',
		marker: 'lastReviewd:',
		ruleId: 'schema',
	},
];

let work: string;
const expected: { fault: Fault; path: string; line: number }[] = [];

beforeAll(async () => {
	work = await mkdtemp(join(tmpdir(), 'handbook-faults-'));
	await cp(join(repoRoot, 'content'), join(work, 'content'), { recursive: true });
	for (const fault of faults) {
		const path = join(work, 'content', fault.file);
		const before = await readFile(path, 'utf8');
		const after = before.replace(fault.find, fault.replace);
		if (after === before) throw new Error(`could not plant ${fault.name} in ${fault.file}`);
		await writeFile(path, after);
		const line = after.split('\n').findIndex((text) => text.startsWith(fault.marker)) + 1;
		expected.push({ fault, path: `content/${fault.file}`, line });
	}
});

describe('a handbook with planted faults', () => {
	it('fails `handbook check`, which names every fault with its file and line in one run', async () => {
		const cli = join(repoRoot, 'src/cli/handbook.ts');
		const result = await run(process.execPath, [cli, 'check', '--format', 'json', '--today', today, '--root', work]).then(
			() => ({ code: 0, stdout: '' }),
			(error: { code: number; stdout: string }) => error,
		);
		expect(result.code).toBe(1);
		const diagnostics = JSON.parse(result.stdout) as { file: string; line: number; ruleId: string; severity: string }[];
		for (const { fault, path, line } of expected) {
			expect(diagnostics, fault.name).toContainEqual(
				expect.objectContaining({ file: path, line, ruleId: fault.ruleId, severity: 'error' }),
			);
		}
	});

	it('fails `npm run build` with the same report and produces no site', async () => {
		const failure = await buildSite(join(work, 'content'), { HANDBOOK_TODAY: today }).then(
			(site) => ({ stderr: site.stderr, stdout: site.stdout, outDir: site.outDir, failed: false, code: 0 }),
			(error: { stderr: string; stdout: string; code: number }) => ({ ...error, outDir: undefined, failed: true }),
		);
		expect(failure.failed).toBe(true);
		expect(failure.code).toBe(1);
		const output = stripVTControlCharacters(`${failure.stdout}\n${failure.stderr}`);
		// The report, then one plain line: a content error is not a crash, so no stack trace.
		expect(stripVTControlCharacters(failure.stderr).trimEnd().split('\n').at(-1)).toMatch(
			/^handbook build: the check found \d+ error\(s\), listed above; nothing was built and .*dist\/ is as it was\.$/,
		);
		expect(output).not.toMatch(/^\s+at /m);
		expect(output).not.toContain('unhandled error');
		for (const { fault, path, line } of expected) {
			const section = output.slice(output.indexOf(path));
			expect(output, `${fault.name}: ${path}`).toContain(path);
			expect(section, `${fault.name} at line ${line}`).toMatch(new RegExp(`^\\s*${line}:\\d+(-\\d+:\\d+)?\\s+error\\b.*${fault.ruleId}`, 'm'));
		}
		expect(failure.outDir === undefined || !existsSync(failure.outDir)).toBe(true);
	});

	it('stops a plain `astro build` too, with the report and one line', async () => {
		const failure = await run(process.execPath, [join(repoRoot, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', join(work, 'astro-dist')], {
			cwd: repoRoot,
			env: { ...buildEnvironment(), HANDBOOK_CONTENT: join(work, 'content'), HANDBOOK_TODAY: today, HANDBOOK_CACHE_DIR: join(work, 'astro-cache') },
		}).then(
			() => ({ code: 0, stderr: '' }),
			(error: { code: number; stderr: string }) => error,
		);
		expect(failure.code).toBe(1);
		const stderr = stripVTControlCharacters(failure.stderr);
		expect(stderr.trimEnd().split('\n').at(-1)).toMatch(/^handbook check found \d+ error\(s\), listed above; nothing was built\. Fix them, then build again\.$/);
		expect(stderr).not.toMatch(/^\s+at /m);
		expect(existsSync(join(work, 'astro-dist'))).toBe(false);
	});
});
