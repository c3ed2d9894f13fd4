import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ContentGraph, loadHandbook, runRules } from '../../src/checks/index.ts';
import { ignoredByPolicy, outputDiagnostics } from '../../src/checks/output/diagnostics.ts';
import { verifyBuiltSite } from '../../src/checks/output/verify.ts';
import { buildEnvironment, repoRoot } from '../helpers/build.ts';

/**
 * The source check and the built site agree on every link. The zoo (test/fixtures/zoo, over the
 * fixture handbook) holds links of every kind, broken and not, in Markdown, raw HTML, reference
 * definitions and MDX's JSX. Its policy turns the `links` rule off so the site builds; then the
 * check's verdict on each link (the `links` rule, run here) is compared with the built site's
 * (every broken href, src and fragment in dist/, mapped back to its source line).
 */
const run = promisify(execFile);
const today = '2026-11-22';
const base = '/hb/';

let content: string;
let siteDir: string;
let graph: ContentGraph;

beforeAll(async () => {
	const parent = join(repoRoot, 'node_modules/.cache/handbook-builds');
	await mkdir(parent, { recursive: true });
	const work = await mkdtemp(join(parent, 'zoo-'));
	content = join(work, 'content');
	await cp(join(repoRoot, 'test/fixtures/site/content'), content, { recursive: true });
	await cp(join(repoRoot, 'test/fixtures/zoo/content'), content, { recursive: true });
	const env = { ...buildEnvironment(), HANDBOOK_CONTENT: content, HANDBOOK_TODAY: today, HANDBOOK_BASE: base, HANDBOOK_CACHE_DIR: join(work, 'cache') };
	// The zoo's policy turns the `links` rule off, so its broken links do not stop the build (they are listed below).
	const built = await run(process.execPath, [join(repoRoot, 'src/cli/handbook.ts'), 'build', '--out', join(work, 'dist')], { cwd: repoRoot, env, maxBuffer: 64 * 1024 * 1024 }).then(
		() => 0,
		(error: { code: number }) => error.code,
	);
	expect(built).toBe(0);
	siteDir = join(work, 'dist');
	process.env.HANDBOOK_BASE = base;
	graph = await loadHandbook({ root: repoRoot, contentDir: content, today, cache: false });
});

/** The check's verdict: the links the `links` rule reports, as `file:line`. Unused reference definitions render nothing. */
function checkVerdicts(): Set<string> {
	graph.policy.rules.links = { severity: 'error', options: undefined };
	const unused = new Set(
		graph.entries.flatMap((entry) => entry.links.filter((link) => link.kind === 'definition' && !link.used).map((link) => `${entry.file}:${link.line}`)),
	);
	// Links written in pages; the policy's redirects are checked in handbook.yaml, where no page links.
	const pages = new Set(graph.entries.map((entry) => entry.file));
	const { files } = runRules(graph);
	return new Set(
		files.filter((file) => pages.has(file.path)).flatMap((file) => file.messages.filter((message) => message.ruleId === 'links').map((message) => `${file.path}:${message.line}`)).filter((at) => !unused.has(at)),
	);
}

describe('the check and the built site', () => {
	it('agree on every link of the zoo', async () => {
		const verified = await verifyBuiltSite(siteDir, { base, ignore: ignoredByPolicy(graph, base) });
		const site = new Set(
			outputDiagnostics(graph, verified.broken, base).flatMap((file) => file.messages.map((message) => `${file.path}:${message.line}`)),
		);
		const check = checkVerdicts();
		expect([...site].sort()).toEqual([...check].sort());
		// Not vacuous: the zoo has many links, and many of them are broken.
		const zoo = graph.entries.filter((entry) => entry.contentPath.startsWith('guides/zoo/'));
		expect(zoo.flatMap((entry) => entry.links).length).toBeGreaterThanOrEqual(60);
		expect(check.size).toBeGreaterThanOrEqual(20);
		expect(verified.references).toBeGreaterThan(200);
	});
});
