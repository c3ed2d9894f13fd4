/**
 * Compares what `handbook check` says of every link with what the built site serves: the check's
 * `links` verdicts against the broken hrefs, srcs and fragments the check of the built output
 * finds, mapped back to their source lines. The differential test runs it on the link zoo; run
 * it on any handbook to measure the agreement:
 *
 *   node scripts/agreement.ts <content-dir> [--base /sub-path/] [--out <dir>] [--json]
 *
 * The handbook's policy should turn the `links` rule off (so that the site builds with its broken
 * links); the comparison turns it on again for the check's side.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { loadHandbook, runRules } from '../src/checks/index.ts';
import { ignoredByPolicy, outputDiagnostics } from '../src/checks/output/diagnostics.ts';
import { verifyBuiltSite } from '../src/checks/output/verify.ts';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));

export interface Agreement {
	/** Links of the handbook's pages that render (unused reference definitions left out). */
	links: number;
	/** References (href, src) in the built site that were verified. */
	references: number;
	/** `file:line` the check reports a broken link at. */
	check: string[];
	/** `file:line` the built site has a broken reference from. */
	site: string[];
	onlyCheck: string[];
	onlySite: string[];
}

/**
 * Builds a handbook with `handbook build` (in a child process, with the given environment) and
 * compares the check's link verdicts with the built site's.
 */
export async function measureAgreement(
	contentDir: string,
	options: { base: string; outDir: string; env: NodeJS.ProcessEnv; today?: string },
): Promise<Agreement> {
	const env = { ...options.env, HANDBOOK_CONTENT: contentDir, HANDBOOK_BASE: options.base };
	await promisify(execFile)(process.execPath, [join(repoRoot, 'src/cli/handbook.ts'), 'build', '--out', options.outDir], {
		cwd: repoRoot,
		env,
		maxBuffer: 256 * 1024 * 1024,
	}).catch((error: { code: number; stderr: string }) => {
		// Exit 1 with the site in <out>.staging: the check of the output found broken links, as expected.
		if (error.code !== 1 || !existsSync(`${options.outDir}.staging`)) throw new Error(`the build failed:\n${error.stderr}`);
	});
	const built = existsSync(`${options.outDir}.staging`) ? `${options.outDir}.staging` : options.outDir;
	process.env.HANDBOOK_BASE = options.base;
	const graph = await loadHandbook({ root: repoRoot, contentDir, today: options.today, cache: false });
	// The rule's own severities: its errors are links that lead nowhere; its warnings (an empty link) are not broken.
	graph.policy.rules.links = { severity: undefined, options: undefined };
	const unused = new Set(
		graph.entries.flatMap((entry) => entry.links.filter((link) => link.kind === 'definition' && !link.used).map((link) => `${entry.file}:${link.line}`)),
	);
	// Links written in pages; the policy's redirects are checked in handbook.yaml, where no page links.
	const pages = new Set(graph.entries.map((entry) => entry.file));
	const check = new Set(
		runRules(graph)
			.files.filter((file) => pages.has(file.path))
			.flatMap((file) => file.messages.filter((message) => message.ruleId === 'links' && message.fatal).map((message) => `${file.path}:${message.line}`))
			.filter((at) => !unused.has(at)),
	);
	// Links the policy ignores (`ignoreLinks:`) are neither checked nor verified.
	const verified = await verifyBuiltSite(built, { base: options.base, ignore: ignoredByPolicy(graph.files, options.base) });
	const site = new Set(
		outputDiagnostics(graph, verified.broken, options.base).flatMap((file) => file.messages.map((message) => `${file.path}:${message.line}`)),
	);
	const links = graph.entries.reduce((count, entry) => count + entry.links.filter((link) => link.kind !== 'definition' || link.used).length, 0);
	return {
		links,
		references: verified.references,
		check: [...check].sort(),
		site: [...site].sort(),
		onlyCheck: [...check].filter((at) => !site.has(at)).sort(),
		onlySite: [...site].filter((at) => !check.has(at)).sort(),
	};
}

async function main(args: string[]) {
	const { values, positionals } = parseArgs({
		args,
		allowPositionals: true,
		options: { base: { type: 'string', default: '/' }, out: { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
	});
	if (values.help || positionals.length !== 1) {
		process.stdout.write('Usage: node scripts/agreement.ts <content-dir> [--base /sub-path/] [--out <dir>] [--json]\n');
		process.exitCode = values.help ? 0 : 2;
		return;
	}
	const outDir = values.out ? resolve(values.out) : join(await mkdtemp(join(tmpdir(), 'agreement-')), 'dist');
	const result = await measureAgreement(resolve(positionals[0]!), { base: values.base, outDir, env: process.env });
	if (values.json) {
		process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
		return;
	}
	const agreed = result.check.filter((at) => result.site.includes(at)).length;
	process.stdout.write(
		[
			`links checked: ${result.links}; references in the built site: ${result.references}`,
			`broken according to the check: ${result.check.length}; according to the built site: ${result.site.length}; both: ${agreed}`,
			`agreement: ${result.links === 0 ? 100 : (((result.links - result.onlyCheck.length - result.onlySite.length) / result.links) * 100).toFixed(2)}% of links`,
			...(result.onlyCheck.length > 0 ? ['only the check:', ...result.onlyCheck.map((at) => `  ${at}`)] : []),
			...(result.onlySite.length > 0 ? ['only the built site:', ...result.onlySite.map((at) => `  ${at}`)] : []),
		].join('\n') + '\n',
	);
}

if (import.meta.main) await main(process.argv.slice(2));
