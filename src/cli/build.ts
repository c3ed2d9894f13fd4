import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ContentFolderError, type CheckResult, checkHandbook, formatReport } from '../checks/index.ts';
import { ignoredByPolicy, outputFindings } from '../checks/output/diagnostics.ts';
import { verifyBuiltSite } from '../checks/output/verify.ts';
import { shareCheckResult } from '../checks/shared-result.ts';
import { siteBase } from '../core/project.ts';
import { type CommandIo, processIo } from './io.ts';

/** One line for `handbook --help`. */
export const summary = 'Check the handbook, build the site, verify every link of the output, then publish it to dist/.';

const options = {
	out: { type: 'string', default: 'dist' },
	root: { type: 'string' },
	today: { type: 'string' },
	help: { type: 'boolean', short: 'h', default: false },
} as const;

const help = `Usage: handbook build [options]

Builds the handbook site in four steps, and replaces the output folder only when all succeed:

  1. checks the handbook (as \`handbook check\`); with errors, nothing is built;
  2. builds the site with Astro into <out>.staging/ (pages, search index);
  3. verifies the built site: every internal href, src and #fragment of every page must lead to
     a file and an element under the base path (HANDBOOK_BASE); a broken one is reported at the
     source link that produced it;
  4. publishes: <out>.staging/ replaces <out>/.

When any step fails, <out>/ stays exactly as it was, and the exit status is 1.
\`npm run build\` runs this command.

Options:
      --out <dir>     the output folder (default: dist)
      --root <dir>    the repository root (default: the current folder)
      --today <date>  the date review deadlines are measured against, YYYY-MM-DD
                      (default: $HANDBOOK_TODAY, else the date of the HEAD commit, else today)
  -h, --help          show this help

Environment: HANDBOOK_CONTENT (the content folder), HANDBOOK_BASE (the sub-path the site is
served under), HANDBOOK_SITE, HANDBOOK_EDIT_URL, HANDBOOK_CACHE_DIR (Astro's cache folder).

Exit status: 0 when the site was published, 1 when a step failed (nothing was published),
2 when the command could not run (bad option).
`;

/** Runs `handbook build` with the arguments after `build`; resolves to the exit status. */
export async function run(argv: string[], io: CommandIo = processIo()): Promise<number> {
	let values;
	try {
		({ values } = parseArgs({ args: argv, options }));
	} catch (error) {
		io.err(`handbook build: ${(error as Error).message}\nRun \`handbook build --help\` for the options.\n`);
		return 2;
	}
	if (values.help) {
		io.out(help);
		return 0;
	}
	const root = resolve(io.cwd, values.root ?? '.');
	const outDir = resolve(root, values.out);
	const staging = `${outDir}.staging`;
	const shown = relative(io.cwd, outDir) || '.';
	const unchanged = `${shown}/ is as it was`;

	let result: CheckResult;
	try {
		result = await checkHandbook({ root, today: values.today });
	} catch (error) {
		if (!(error instanceof ContentFolderError)) throw error;
		io.err(`handbook build: ${error.message}; nothing was built.\n`);
		return 1;
	}
	if (result.errorCount + result.warningCount > 0) io.err(`${formatReport(result, 'pretty', { color: io.color })}\n`);
	if (result.errorCount > 0) {
		io.err(`\nhandbook build: the check found ${result.errorCount} error(s), listed above; nothing was built and ${unchanged}.\n`);
		return 1;
	}
	shareCheckResult(result);

	await rm(staging, { recursive: true, force: true });
	try {
		const { build } = await import('astro');
		await build({ root, outDir: staging });
	} catch (error) {
		await rm(staging, { recursive: true, force: true });
		io.err(`\nhandbook build: the site could not be built: ${(error as Error).message}\nNothing was published and ${unchanged}.\n`);
		return 1;
	}

	const base = siteBase();
	// Paths the policy's `ignoreLinks` names are served by something else: the check skipped them, and so does this.
	const verified = await verifyBuiltSite(staging, { base, ignore: ignoredByPolicy(result.graph, base) });
	// Broken links of the Markdown count as the `links` rule says (off, warning, error), and what the check
	// already reported is not repeated; any other broken reference is an error.
	const { files, errorCount } = outputFindings(result.graph, verified.broken, base, result.files);
	if (files.length > 0) io.err(`${formatReport({ files }, 'pretty', { color: io.color })}\n`);
	if (errorCount > 0) {
		io.err(
			`\nhandbook build: ${errorCount} link(s) of the built site lead nowhere, listed above; nothing was published and ${unchanged}. The built site is in ${relative(io.cwd, staging)}/ to look at.\n`,
		);
		return 1;
	}

	const previous = `${outDir}.previous`;
	await rm(previous, { recursive: true, force: true });
	if (existsSync(outDir)) await rename(outDir, previous);
	await rename(staging, outDir);
	await rm(previous, { recursive: true, force: true });
	io.out(`handbook build: ${verified.pages} pages, ${verified.references} internal links and sources verified; published to ${shown}/\n`);
	return 0;
}
