import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { handbookWith, today } from './helpers.ts';

const cli = fileURLToPath(new URL('../../src/cli/handbook.ts', import.meta.url));
const execFileAsync = promisify(execFile);

/** Runs the `handbook` command and returns its exit status and output. */
async function handbook(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
	try {
		const { stdout, stderr } = await execFileAsync(process.execPath, [cli, ...args], {
			cwd: options.cwd,
			env: { ...process.env, ...options.env },
		});
		return { status: 0, stdout, stderr };
	} catch (error) {
		const failed = error as { code: number; stdout: string; stderr: string };
		return { status: failed.code, stdout: failed.stdout, stderr: failed.stderr };
	}
}

const checkArgs = (root: string, ...more: string[]) => ['check', '--root', root, '--today', today, '--no-cache', ...more];

describe('handbook check', () => {
	it('exits 0 on a clean handbook and 0 with warnings only', async () => {
		expect(await handbook(checkArgs(handbookWith()))).toMatchObject({ status: 0, stdout: '12 files checked: no problems\n' });
		const warnings = await handbook(checkArgs(handbookWith('orphans'), '--format', 'json'));
		expect(warnings.status).toBe(0);
		expect(JSON.parse(warnings.stdout)).toMatchObject([{ ruleId: 'orphans', severity: 'warning' }]);
	});

	it('exits 1 on errors, with paths relative to the root', async () => {
		const { status, stdout } = await handbook(checkArgs(handbookWith('links'), '--format', 'json'));
		expect(status).toBe(1);
		const diagnostics = JSON.parse(stdout) as { file: string }[];
		expect(diagnostics).toHaveLength(12);
		expect(new Set(diagnostics.map((diagnostic) => diagnostic.file))).toEqual(
			new Set(['content/guides/index.md', 'content/guides/links.md']),
		);
	});

	it('prints GitHub annotations and SARIF', async () => {
		const root = handbookWith('links');
		const github = await handbook(checkArgs(root, '--format', 'github'));
		expect(github.stdout.trim().split('\n')).toHaveLength(12);
		expect(github.stdout).toMatch(/^::error file=content\/guides\/index\.md,line=10,col=13,/);
		const sarif = await handbook(checkArgs(root, '-f', 'sarif'));
		const log = JSON.parse(sarif.stdout);
		expect(log.version).toBe('2.1.0');
		expect(log.runs[0].tool.driver.name).toBe('handbook');
		expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('content/guides/index.md');
	});

	it('reports only the given paths, relative to the current folder', async () => {
		const root = handbookWith('links');
		const { status, stdout } = await handbook(['check', 'content/guides/index.md', '--today', today, '--no-cache', '--format', 'json'], {
			cwd: root,
		});
		expect(status).toBe(1);
		expect(JSON.parse(stdout)).toMatchObject([{ file: 'content/guides/index.md', line: 10 }]);
	});

	it('takes the date from HANDBOOK_TODAY', async () => {
		const root = handbookWith('freshness');
		const args = ['check', '--root', root, '--no-cache', '--format', 'json'];
		const later = JSON.parse((await handbook(args, { env: { HANDBOOK_TODAY: '2026-11-22' } })).stdout);
		const earlier = JSON.parse((await handbook(args, { env: { HANDBOOK_TODAY: '2026-10-15' } })).stdout);
		expect(later).toHaveLength(4);
		expect(earlier).toMatchObject([
			{ file: 'content/guides/index.md', severity: 'warning' },
			{ file: 'content/practices/problem-management.md', severity: 'error' },
		]);
	});

	it('explains every option and lists the rules', async () => {
		const { status, stdout } = await handbook(['check', '--help']);
		expect(status).toBe(0);
		for (const option of ['--format', 'pretty', 'json', 'github', 'sarif', '--today', '--root', '--no-cache', 'paths'])
			expect(stdout).toContain(option);
		for (const rule of ['schema', 'references', 'links', 'ownership', 'freshness', 'structure', 'orphans'])
			expect(stdout).toMatch(new RegExp(`^  ${rule}\\s+(error|warning)\\s+\\S`, 'm'));
	});

	it('exits 2 when it cannot run', async () => {
		const root = handbookWith();
		expect(await handbook(checkArgs(root, '--format', 'xml'))).toMatchObject({
			status: 2,
			stderr: expect.stringContaining('unknown format "xml"'),
		});
		expect(await handbook(['check', '--root', root, '--today', '2026-13-01'])).toMatchObject({
			status: 2,
			stderr: expect.stringContaining('not a date'),
		});
		expect(await handbook(['check', '--root', root, '--colour'])).toMatchObject({
			status: 2,
			stderr: expect.stringContaining("Unknown option '--colour'"),
		});
		expect(await handbook(['check', 'no/such/file'], { cwd: root })).toMatchObject({
			status: 2,
			stderr: expect.stringContaining('no such file or folder'),
		});
	});
});

describe('handbook', () => {
	it('lists its commands and refuses unknown ones', async () => {
		expect(await handbook(['--help'])).toMatchObject({
			status: 0,
			stdout: expect.stringMatching(/Commands:\n {2}build {8}Check the handbook, build the site.*\n {2}check {8}Check the handbook/),
		});
		expect(await handbook([])).toMatchObject({ status: 2, stderr: expect.stringContaining('Usage: handbook <command>') });
		expect(await handbook(['chekc'])).toMatchObject({ status: 2, stderr: expect.stringContaining('unknown command "chekc"') });
	});
});
