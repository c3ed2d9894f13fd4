import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify, stripVTControlCharacters } from 'node:util';

const run = promisify(execFile);

/** The repository root. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface BuiltSite {
	outDir: string;
	stdout: string;
	stderr: string;
}

/**
 * Builds the site from a content folder with `handbook build` (the check, Astro, the check of
 * the built output, publishing) in a child process, into a fresh folder with its own Astro cache,
 * so test files can build in parallel. The folder is inside the project on purpose: for an outDir
 * outside the working directory Astro puts its intermediate files in the shared
 * `.astro/.prerender/`, and parallel builds then delete each other's files.
 */
export async function buildSite(
	contentDir: string,
	env: Record<string, string> = {},
	options: { outDir?: string; args?: string[] } = {},
): Promise<BuiltSite> {
	const parent = join(repoRoot, 'node_modules/.cache/handbook-builds');
	await mkdir(parent, { recursive: true });
	const work = await mkdtemp(join(parent, 'build-'));
	const outDir = options.outDir ?? join(work, 'dist');
	const { stdout, stderr } = await run(process.execPath, [join(repoRoot, 'src/cli/handbook.ts'), 'build', '--out', outDir, ...(options.args ?? [])], {
		cwd: repoRoot,
		env: { ...buildEnvironment(), HANDBOOK_CONTENT: contentDir, HANDBOOK_CACHE_DIR: join(work, 'cache'), ...env },
		maxBuffer: 64 * 1024 * 1024,
	});
	// Astro colours its log when it thinks it runs in CI; tests read plain text.
	return { outDir, stdout: stripVTControlCharacters(stdout), stderr: stripVTControlCharacters(stderr) };
}

/**
 * The environment of a child build: this process's, less what vitest sets for itself
 * (`NODE_ENV=test`, `DEV`, `VITEST*`), which would turn `astro build` into a development build.
 */
export function buildEnvironment(): NodeJS.ProcessEnv {
	const env = { ...process.env };
	for (const name of Object.keys(env)) {
		if (name === 'NODE_ENV' || name === 'DEV' || name === 'PROD' || name === 'MODE' || name === 'SSR' || name === 'BASE_URL' || name.startsWith('VITEST')) {
			delete env[name];
		}
	}
	return env;
}

/** Every HTML file under a folder, as paths relative to it. */
export async function listHtml(dir: string): Promise<string[]> {
	const entries = await readdir(dir, { recursive: true, withFileTypes: true });
	return entries
		.filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
		.map((entry) => relative(dir, join(entry.parentPath, entry.name)))
		.sort();
}

/** Reads a built page by its route, e.g. `/practices/x/`. */
export function readPage(outDir: string, route: string): Promise<string> {
	return readFile(join(outDir, route, 'index.html'), 'utf8');
}

export async function fileSize(path: string): Promise<number> {
	return (await stat(path)).size;
}

/** The fixture handbook most build and browser tests read, and the date they build it on. */
export const fixtureContent = 'test/fixtures/site/content';
export const fixtureBuildEnv = { HANDBOOK_TODAY: '2026-11-22' };

/**
 * The fixture handbook built once per test run and shared by the test files that only read the
 * output (site, browser and publishing tests): the first caller builds, the others wait for it.
 */
export function sharedFixtureSite(): Promise<BuiltSite> {
	return sharedSite('fixture', fixtureContent, fixtureBuildEnv);
}

/** The fixture handbook built under a sub-path, as GitHub project pages serve it. */
export const fixtureBase = '/my-handbook/';
export function sharedFixtureSiteUnderBase(): Promise<BuiltSite> {
	return sharedSite('fixture-base', fixtureContent, { ...fixtureBuildEnv, HANDBOOK_BASE: fixtureBase });
}

/**
 * The handbook this repository ships (`content/`), built once per test run for the tests that
 * judge it as its readers get it: search ranking, the offline copy.
 */
export function sharedShippedSite(): Promise<BuiltSite> {
	return sharedSite('shipped', 'content', {});
}

/**
 * A site built once per test run under a name. Test files run in parallel workers, so they meet
 * in a folder named after the run (set up by test/helpers/run-id.ts); the folder is removed when
 * the run ends.
 */
async function sharedSite(name: string, contentDir: string, env: Record<string, string>): Promise<BuiltSite> {
	const runId = process.env.HANDBOOK_TEST_RUN;
	if (!runId) return buildSite(contentDir, env);
	const dir = join(repoRoot, 'node_modules/.cache/handbook-builds', `shared-${runId}`, name);
	const done = join(dir, 'built.json');
	await mkdir(dirname(dir), { recursive: true });
	try {
		await mkdir(dir);
	} catch {
		// Another test file builds it: wait for its result.
		for (let waited = 0; waited < 600_000; waited += 250) {
			const result = await readFile(done, 'utf8').catch(() => undefined);
			if (result !== undefined) {
				const built = JSON.parse(result) as BuiltSite | { error: string };
				if ('error' in built) throw new Error(`the shared ${name} build failed: ${built.error}`);
				return built;
			}
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		throw new Error(`timed out waiting for the shared ${name} build`);
	}
	try {
		const built = await buildSite(contentDir, env, { outDir: join(dir, 'dist') });
		await writeFile(done, JSON.stringify(built));
		return built;
	} catch (error) {
		await writeFile(done, JSON.stringify({ error: String(error) }));
		throw error;
	}
}
