import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../helpers/build.ts';

const run = promisify(execFile);

interface Step {
	id?: string;
	name?: string;
	uses?: string;
	run?: string;
	if?: string;
	with?: Record<string, unknown>;
	env?: Record<string, string>;
}
interface GitHubJob {
	if?: string;
	needs?: string | string[];
	permissions?: Record<string, string>;
	environment?: { name: string };
	concurrency?: { group: string };
	steps: Step[];
}
interface GitLabJob {
	stage?: string;
	image?: string;
	before_script?: string[];
	script?: string[];
	rules?: { if?: string }[];
	artifacts?: { when?: string; paths?: string[] };
	pages?: { publish?: string };
}

const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');
const github = parse(read('.github/workflows/handbook.yml')) as { on: Record<string, unknown>; jobs: Record<string, GitHubJob> };
const gitlab = parse(read('.gitlab-ci.yml')) as Record<string, unknown>;
const nodeMajor = read('.nvmrc').trim();
/** Astro's output folder: the default, as long as astro.config.mjs does not set `outDir`. */
const astroOutDir = 'dist';

/** The one step of a job that matches, failing the test with a readable message if there is none. */
function step(job: GitHubJob, description: string, matches: (step: Step) => boolean): Step {
	const found = job.steps.filter(matches);
	expect(found, `a step that ${description}`).toHaveLength(1);
	return found[0]!;
}
const runs = (pattern: RegExp) => (candidate: Step) => pattern.test(candidate.run ?? '');
const uses = (action: string) => (candidate: Step) => candidate.uses?.split('@')[0] === action;
const indexOf = (job: GitHubJob, found: Step) => job.steps.indexOf(found);

/** The one job that uses an action: jobs are found by what they do rather than by name. */
function jobUsing(action: string): [string, GitHubJob] {
	const found = Object.entries(github.jobs).filter(([, job]) => job.steps.some(uses(action)));
	expect(found, `one job using ${action}`).toHaveLength(1);
	return found[0]!;
}

describe('GitHub Actions workflow', () => {
	const [checkName, checkJob] = jobUsing('github/codeql-action/upload-sarif');

	it('runs on pull requests and on pushes to main', () => {
		expect(github.on).toHaveProperty('pull_request');
		expect(github.on.push).toEqual({ branches: ['main'] });
		expect(checkJob.if, `${checkName} runs on every event`).toBeUndefined();
	});

	it('checks out the full history in every job that runs commands, for last-updated dates', () => {
		for (const [name, job] of Object.entries(github.jobs)) {
			if (!job.steps.some((candidate) => candidate.run)) continue;
			const checkout = step(job, 'checks out', uses('actions/checkout'));
			expect(checkout.with, name).toMatchObject({ 'fetch-depth': 0 });
			expect(indexOf(job, checkout), name).toBe(0);
		}
	});

	it('annotates pull requests, writes SARIF and uploads it even when the check fails', () => {
		const install = step(checkJob, 'runs npm ci', runs(/^npm ci\b/));
		const annotate = step(checkJob, 'checks with --format github', runs(/\bnpx handbook check --format github\b/));
		const sarif = step(checkJob, 'writes SARIF', runs(/\bnpx handbook check --format sarif > \S+/));
		const upload = step(checkJob, 'uploads SARIF', uses('github/codeql-action/upload-sarif'));
		const sarifFile = /> (\S+)/.exec(sarif.run!)![1];
		expect(upload.with?.sarif_file).toBe(sarifFile);
		expect(upload.if).toContain('always()');
		expect(sarif.if).toMatch(/always\(\)|!cancelled\(\)/);
		expect(checkJob.permissions).toMatchObject({ 'security-events': 'write' });
		expect(indexOf(checkJob, install)).toBeLessThan(indexOf(checkJob, annotate));
		expect(indexOf(checkJob, annotate)).toBeLessThan(indexOf(checkJob, sarif));
		expect(indexOf(checkJob, sarif)).toBeLessThan(indexOf(checkJob, upload));
	});

	it('type-checks, tests and builds pull requests', () => {
		const typecheck = step(checkJob, 'runs npm run typecheck', runs(/^npm run typecheck$/));
		const test = step(checkJob, 'runs npm test', runs(/^npm test$/));
		expect(indexOf(checkJob, typecheck)).toBeLessThan(indexOf(checkJob, test));
		const build = step(checkJob, 'runs npm run build', runs(/^npm run build$/));
		expect(build.if ?? 'pull_request').toContain('pull_request');
	});

	it('builds main for GitHub Pages under its base path, after the checks pass', () => {
		const [pagesName, pagesJob] = jobUsing('actions/configure-pages');
		expect(pagesJob.if).toContain("github.ref == 'refs/heads/main'");
		expect(pagesJob.needs).toBe(checkName);
		const configure = step(pagesJob, 'configures Pages', uses('actions/configure-pages'));
		expect(configure.id).toBeTruthy();
		const build = step(pagesJob, 'runs npm run build', runs(/^npm run build$/));
		expect(build.env).toEqual({
			HANDBOOK_SITE: `\${{ steps.${configure.id}.outputs.origin }}`,
			HANDBOOK_BASE: `\${{ steps.${configure.id}.outputs.base_path }}/`,
		});
		const upload = step(pagesJob, 'uploads the site', uses('actions/upload-pages-artifact'));
		expect(upload.with).toEqual({ path: astroOutDir });
		expect(indexOf(pagesJob, step(pagesJob, 'runs npm ci', runs(/^npm ci\b/)))).toBeLessThan(indexOf(pagesJob, build));
		expect(indexOf(pagesJob, build)).toBeLessThan(indexOf(pagesJob, upload));

		const [, deployJob] = jobUsing('actions/deploy-pages');
		expect(deployJob.needs).toBe(pagesName);
		expect(deployJob.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
		expect(deployJob.environment?.name).toBe('github-pages');
		expect(deployJob.concurrency?.group).toBe('pages');
	});

	it('sets up Node only with setup-node reading .nvmrc, then npm ci', () => {
		const allowed = [
			'actions/checkout',
			'actions/setup-node',
			'github/codeql-action/upload-sarif',
			'actions/configure-pages',
			'actions/upload-pages-artifact',
			'actions/deploy-pages',
		];
		for (const [name, job] of Object.entries(github.jobs)) {
			for (const { uses: action } of job.steps) if (action) expect(allowed, `${name}: ${action}`).toContain(action.split('@')[0]);
			const commands = job.steps.flatMap((candidate) => (candidate.run ? [candidate.run] : []));
			if (commands.length === 0) continue;
			expect(step(job, 'sets up Node', uses('actions/setup-node')).with).toEqual({ 'node-version-file': '.nvmrc', cache: 'npm' });
			expect(commands.filter((command) => /\b(nvm|fnm|volta|corepack|apt-get)\b/.test(command)), name).toEqual([]);
			expect(commands.findIndex((command) => /^npm ci\b/.test(command)), `${name} runs npm ci first`).toBe(0);
		}
	});
});

describe('GitLab CI pipeline', () => {
	const jobs = Object.fromEntries(
		Object.entries(gitlab).filter(([, value]) => typeof value === 'object' && value !== null && 'script' in value),
	) as Record<string, GitLabJob>;
	const defaults = gitlab.default as GitLabJob;
	const scriptOf = (name: string) => jobs[name]?.script ?? [];

	it('runs for merge requests and the default branch, with the four stages', () => {
		expect(gitlab.stages).toEqual(['check', 'test', 'build', 'deploy']);
		const rules = (gitlab.workflow as { rules: { if: string }[] }).rules.map((rule) => rule.if);
		expect(rules).toContain('$CI_PIPELINE_SOURCE == "merge_request_event"');
		expect(rules).toContain('$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH');
	});

	it('clones the full history, for last-updated dates', () => {
		expect(String((gitlab.variables as Record<string, unknown>).GIT_DEPTH)).toBe('0');
	});

	it('sets up Node only with a Node image of the .nvmrc version, then npm ci', () => {
		expect(defaults.image).toBe(`node:${nodeMajor}`);
		expect(defaults.before_script).toHaveLength(1);
		expect(defaults.before_script?.[0]).toMatch(/^npm ci\b/);
		for (const [name, job] of Object.entries(jobs)) {
			expect(job.image, name).toBeUndefined();
			expect(job.before_script, name).toBeUndefined();
			expect(job.script?.filter((line) => /\b(nvm|fnm|volta|corepack|apt-get)\b/.test(line)), name).toEqual([]);
		}
	});

	it('checks the handbook, keeping the JSON report and printing the problems', () => {
		const jsonRun = scriptOf('check').find((line) => /\bnpx handbook check --format json > \S+/.test(line));
		expect(jsonRun).toBeDefined();
		expect(jobs.check?.artifacts?.paths).toContain(/> (\S+)/.exec(jsonRun!)![1]);
		expect(jobs.check?.artifacts?.when).toBe('always');
		expect(scriptOf('check')).toContain('npx handbook check');
		expect(jobs.check?.stage).toBe('check');
	});

	it('type-checks and tests, and builds merge requests', () => {
		expect(scriptOf('test')).toEqual(['npm run typecheck', 'npm test']);
		expect(jobs.test?.stage).toBe('test');
		expect(scriptOf('build')).toContain('npm run build');
		expect(jobs.build?.stage).toBe('build');
		expect(jobs.build?.rules?.map((rule) => rule.if)).toEqual(['$CI_PIPELINE_SOURCE == "merge_request_event"']);
	});

	it('publishes the built site from the default branch only', () => {
		const pages = jobs.pages!;
		expect(pages.stage).toBe('deploy');
		expect(pages.rules?.map((rule) => rule.if)).toEqual(['$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH']);
		expect(pages.script).toContain('npm run build');
		expect(pages.pages?.publish).toBe(astroOutDir);
		expect(pages.artifacts?.paths).toContain(astroOutDir);
	});

	it.each([
		['https://group.gitlab.io/handbook', 'https://group.gitlab.io', '/handbook/'],
		['https://handbook-3f2a.gitlab.io', 'https://handbook-3f2a.gitlab.io', '/'],
		['https://docs.example.com/', 'https://docs.example.com', '/'],
	])('derives the site and base path from CI_PAGES_URL=%s', async (pagesUrl, site, base) => {
		const exports = scriptOf('pages').filter((line) => line.startsWith('export '));
		const { stdout } = await run('sh', ['-c', [...exports, 'printf "%s %s" "$HANDBOOK_SITE" "$HANDBOOK_BASE"'].join('\n')], {
			env: { PATH: process.env.PATH, CI_PAGES_URL: pagesUrl },
		});
		expect(stdout).toBe(`${site} ${base}`);
	});
});

describe('both pipelines', () => {
	it('publish the folder Astro builds to', () => {
		expect(read('astro.config.mjs')).not.toMatch(/\boutDir\b/);
	});
});

describe('.ci/run', () => {
	it('installs, type-checks, builds and tests, in that order', () => {
		const lines = readFileSync(join(repoRoot, '.ci/run'), 'utf8').split('\n').map((line) => line.trim());
		const at = (pattern: RegExp) => lines.findIndex((line) => pattern.test(line));
		const order = [/^npm ci\b/, /^npm run typecheck$/, /^npm run build$/, /^npm test\b/].map(at);
		expect(order.every((index) => index >= 0)).toBe(true);
		expect([...order].sort((a, b) => a - b)).toEqual(order);
	});
});
