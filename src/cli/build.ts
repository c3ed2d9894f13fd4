import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type VerifyState, verifyBuiltSite } from '../checks/output/verify.ts';
import type { SiteBuildMessage } from '../checks/shared-result.ts';
import { parseShard, type Shard, searchPartCount } from '../core/partition.ts';
import { siteBase } from '../core/project.ts';
import { type CommandIo, processIo } from './io.ts';
import { contentSelection, handbookCacheDir, ignoredLinks, publish, reportBrokenOutput, type SliceManifest, sliceManifestFile } from './output.ts';
import { buildSearchIndex, readBuiltPages } from './search-index.ts';
import { offlineSummary, writeDeferredServiceWorker } from '../core/offline-copy.ts';

/** One line for `handbook --help`. */
export const summary = 'Check the handbook, build the site, verify every link of the output, then publish it to dist/.';

const options = {
	out: { type: 'string', default: 'dist' },
	root: { type: 'string' },
	today: { type: 'string' },
	shard: { type: 'string' },
	'search-parts': { type: 'string' },
	help: { type: 'boolean', short: 'h', default: false },
} as const;

const help = `Usage: handbook build [options]

Builds the handbook site in five steps, and replaces the output folder only when all succeed:

  1. checks the handbook (as \`handbook check\`); with errors, nothing is built;
  2. builds the site with Astro into <out>.staging/, in a process of its own;
  3. indexes it for search (Pagefind), in parts: a part whose pages did not change since the
     last build is reused; then writes the offline copy's service worker, which lists them;
  4. verifies the built site: every internal href, src and #fragment of every page must lead to
     a file and an element under the base path (HANDBOOK_BASE); a broken one is reported at
     the source link that produced it. After a rebuild, only the pages that changed are read;
  5. publishes: <out>.staging/ replaces <out>/.

When any step fails, <out>/ stays exactly as it was, and the exit status is 1.
\`npm run build\` runs this command.

With --shard i/n it builds only the i-th of n slices of the pages (each with the whole
navigation, and its own parts of the search index) into <out>/, without verifying it; \`handbook
merge\` puts the slices together into one site, verifies it and publishes it. Run each slice
where you like (a CI matrix job each), with the same commit.

Options:
      --out <dir>     the output folder (default: dist)
      --root <dir>    the repository root (default: the current folder)
      --today <date>  the date review deadlines are measured against, YYYY-MM-DD
                      (default: $HANDBOOK_TODAY, else the date of the HEAD commit, else today)
      --shard <i/n>   build the i-th of n slices of the site (1 <= i <= n)
      --search-parts <k>
                      cut the search index into k parts (default: one per 1,000 pages);
                      each slice of a sharded build indexes whole parts, so give every
                      slice the same k, at least n
  -h, --help          show this help

Environment: HANDBOOK_CONTENT (the content folder), HANDBOOK_BASE (the sub-path the site is
served under), HANDBOOK_SITE, HANDBOOK_EDIT_URL, HANDBOOK_CACHE_DIR (Astro's cache folder, where
the search index parts and the last verification are kept too).

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
	let shard: Shard | undefined;
	if (values.shard !== undefined) {
		shard = parseShard(values.shard);
		if (!shard) {
			io.err(`handbook build: --shard takes i/n with 1 <= i <= n, not "${values.shard}"\n`);
			return 2;
		}
	}
	let partsWanted: number | undefined;
	if (values['search-parts'] !== undefined) {
		partsWanted = Number(values['search-parts']);
		if (!Number.isInteger(partsWanted) || partsWanted < 1) {
			io.err(`handbook build: --search-parts takes a whole number of at least 1, not "${values['search-parts']}"\n`);
			return 2;
		}
	}
	const root = resolve(io.cwd, values.root ?? '.');
	const outDir = resolve(root, values.out);
	const staging = `${outDir}.staging`;
	const shown = relative(io.cwd, outDir) || '.';
	const unchanged = `${shown}/ is as it was`;
	const cacheDir = handbookCacheDir(root);
	const timer = stopwatch();

	// The number of search parts follows the number of pages; every shard counts the same.
	const selection = await contentSelection(root);
	const searchParts = partsWanted ?? searchPartCount(selection?.pages.length ?? 0);

	await rm(staging, { recursive: true, force: true });
	const built = await buildSite(root, staging, io, {
		...(values.today !== undefined ? { HANDBOOK_TODAY: values.today } : {}),
		HANDBOOK_SEARCH_PARTS: String(searchParts),
		...(shard ? { HANDBOOK_SHARD: `${shard.index}/${shard.count}` } : {}),
	});
	if (built !== undefined) {
		await rm(staging, { recursive: true, force: true });
		switch (built.kind) {
			case 'check-failed':
				io.err(`\nhandbook build: the check found ${built.errorCount} error(s), listed above; nothing was built and ${unchanged}.\n`);
				break;
			case 'content-folder':
				io.err(`handbook build: ${built.message}; nothing was built.\n`);
				break;
			case 'failed':
				io.err(`\nhandbook build: the site could not be built: ${built.message}\nNothing was published and ${unchanged}.\n`);
		}
		return 1;
	}
	io.out(`handbook build: site built in ${timer.lap()}\n`);

	const builtPages = readBuiltPages(staging);
	const indexing = timed(() => buildSearchIndex(staging, builtPages, { parts: searchParts, shard, cacheDir: join(cacheDir, 'search') }));
	const searchLine = (search: Awaited<typeof indexing>) =>
		`handbook build: search index of ${search.value.pages} pages in ${search.value.parts} part(s), ${search.value.indexed} indexed again, ${search.value.parts - search.value.indexed} unchanged (${search.seconds})\n`;

	if (shard) {
		io.out(searchLine(await indexing));
		// A slice links to pages of the others: the site is verified once they are merged.
		const manifest: SliceManifest = { shard, searchParts, base: siteBase() };
		await writeFile(join(staging, sliceManifestFile), `${JSON.stringify(manifest)}\n`);
		await publish(staging, outDir);
		io.out(`handbook build: slice ${shard.index}/${shard.count} built (${builtPages.length} pages) into ${shown}/; merge the slices with \`handbook merge\`\n`);
		return 0;
	}

	// The output is verified while Pagefind indexes it: neither reads what the other writes.
	const base = siteBase();
	const stateFile = join(cacheDir, 'verified.json');
	const { ignore, patterns } = ignoredLinks(selection, base);
	const verifying = timed(() =>
		verifyBuiltSite(staging, { base, ignore, digests: new Map(builtPages.map((page) => [page.file, page.digest])), previous: readState(stateFile, patterns) }),
	);
	const [search, verification] = await Promise.all([indexing, verifying]);
	const verified = verification.value;
	io.out(searchLine(search));
	// The offline copy lists the search index's files, now that they are written.
	const offline = await writeDeferredServiceWorker(staging);
	if (offline) io.out(`handbook build: ${offlineSummary(offline)}\n`);
	io.out(`handbook build: verified the links of ${verified.verifiedPages} of ${verified.pages} pages (${verification.seconds})\n`);
	// A later build reads only the pages that changed when this verification found nothing broken.
	await rm(stateFile, { force: true });
	if (verified.broken.length > 0) {
		const errorCount = await reportBrokenOutput(root, values.today, verified.broken, base, io);
		if (errorCount > 0) {
			io.err(
				`\nhandbook build: ${errorCount} link(s) of the built site lead nowhere, listed above; nothing was published and ${unchanged}. The built site is in ${relative(io.cwd, staging)}/ to look at.\n`,
			);
			return 1;
		}
	} else {
		await mkdir(cacheDir, { recursive: true });
		await writeFile(stateFile, JSON.stringify({ ...verified.state, ignoreLinks: patterns }));
	}

	await publish(staging, outDir);
	io.out(
		`handbook build: ${verified.pages} pages, ${verified.references} internal links and sources of ${verified.verifiedPages} pages verified; published to ${shown}/ (${timer.total()})\n`,
	);
	return 0;
}

/** The last verification that found nothing broken, if it ignored the same links. */
function readState(file: string, ignoreLinks: string): VerifyState | undefined {
	try {
		const state = JSON.parse(readFileSync(file, 'utf8')) as VerifyState & { ignoreLinks?: string };
		return state.ignoreLinks === ignoreLinks ? state : undefined;
	} catch {
		return undefined;
	}
}

const siteBuildScript = fileURLToPath(new URL('./site-build.ts', import.meta.url));

/**
 * Runs Astro's build of the site in a process of its own (`site-build.ts`), with its output passed
 * through. Resolves to why it failed, or `undefined` when it succeeded.
 */
function buildSite(root: string, outDir: string, io: CommandIo, env: Record<string, string>): Promise<SiteBuildMessage | undefined> {
	return new Promise((done, fail) => {
		const child = spawn(process.execPath, [siteBuildScript, root, outDir], {
			cwd: root,
			env: { ...process.env, ...env, HANDBOOK_BUILD_STEP: 'site', HANDBOOK_COLOR: io.color ? '1' : '0', HANDBOOK_COLUMNS: String(io.columns ?? '') },
			stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
		});
		let message: SiteBuildMessage | undefined;
		child.on('message', (received: SiteBuildMessage) => {
			message = received;
		});
		child.stdout?.setEncoding('utf8').on('data', (text: string) => io.out(text));
		child.stderr?.setEncoding('utf8').on('data', (text: string) => io.err(text));
		child.on('error', fail);
		child.on('close', (code) => {
			if (code === 0) done(undefined);
			else done(message ?? { kind: 'failed', message: `Astro's build ended with exit status ${code ?? 'unknown'}` });
		});
	});
}

/** Runs a step and says how long it took. */
async function timed<T>(step: () => Promise<T>): Promise<{ value: T; seconds: string }> {
	const started = performance.now();
	const value = await step();
	return { value, seconds: `${((performance.now() - started) / 1000).toFixed(1)} s` };
}

function stopwatch(): { lap(): string; total(): string } {
	const started = performance.now();
	let last = started;
	const format = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
	return {
		lap() {
			const now = performance.now();
			const text = format(now - last);
			last = now;
			return text;
		},
		total: () => format(performance.now() - started),
	};
}
