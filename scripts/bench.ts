/**
 * Measures how the handbook scales: generates a synthetic handbook of N pages, builds it with
 * `handbook build` (check, Astro, search index, verification of the output, publishing) cold and
 * again after one runbook changed, times `handbook check`, and sizes the output.
 *
 *   npm run bench -- --pages 300 [--seed 1] [--runs 3] [--keep] [--json]
 *
 * With `--runs R` it builds cold and warm R times (from scratch each time) and reports the median
 * of each figure, and the spread. Everything goes to `.bench/<N>/` (git-ignored): `content/` (the
 * generated handbook), `cache/` (Astro's cache dir, with the handbook's build caches) and `dist/`
 * (the site); removed at the end unless `--keep`. Progress goes to stderr; the result (Markdown
 * tables, or JSON with `--json`) to stdout.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { contentHash } from '../src/checks/parse-cache.ts';
import { generateHandbook, generatorToday, seedFrom, writeHandbook } from './generate-handbook.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const handbookBin = join(root, 'src/cli/handbook.ts');
const timeBin = '/usr/bin/time';

/** The targets of issue 16, for a handbook of 10,000 pages (rebuild: 15 s at 3,000 too). */
const targets = { pages: 10000, coldSeconds: 150, warmSeconds: 30, peakBytes: 3 * 1024 ** 3, largestPageBytes: 500 * 1024 };

/** What an engineer in an incident might type; it occurs on most runbooks. */
const searchTerm = 'rollback';

/** The default search UI shows this many results before "Load more". */
const resultsShown = 5;

interface Phase {
	name: string;
	seconds: number;
}

interface BuildRun {
	seconds: number;
	/** User + system CPU seconds of the build and its children, from /usr/bin/time when present. */
	cpuSeconds?: number;
	peakRssBytes: number;
	phases: Phase[];
	/** The 1-minute load average when the build started. */
	loadAverage: number;
}

interface SiteSize {
	bytes: number;
	htmlFiles: number;
	averageHtmlBytes: number;
	largestHtml: { path: string; bytes: number };
	/** Pages over the bound of {@link targets}. */
	overBound: { path: string; bytes: number }[];
	pagefindBytes: number;
}

interface SearchCost {
	term: string;
	bytes: number;
	files: { path: string; bytes: number }[];
}

interface CheckRun {
	seconds: number;
	errors: number;
	warnings: number;
}

interface BenchResult {
	pages: number;
	seed: string;
	today: string;
	/** Builds per kind; the figures below are medians over them. */
	runs: number;
	coldBuild: BuildRun;
	warmBuild: BuildRun & { changedFile: string };
	/** Every run, for the spread. */
	coldBuilds: BuildRun[];
	warmBuilds: BuildRun[];
	checkCold: CheckRun;
	checkWarm: CheckRun;
	site: SiteSize;
	search: SearchCost;
	coldSecondsPerPage: number;
	/** Other work on the machine skews timings; the 1-minute load average before and after says how much. */
	machine: { cpus: number; loadAverage: [number, number] };
}

const progress = (message: string) => process.stderr.write(`bench: ${message}\n`);

// ---------------------------------------------------------------------------------------------
// Building, with phase timings and peak memory

// Lines Astro prints as it moves from one stage of the build to the next. A phase runs from its
// marker line to the next marker line seen (or the end of the process); the first phase starts
// when the process does. Timestamps are taken when a line arrives, at millisecond resolution.
const firstPhase = 'Astro set-up and handbook check';
const phaseMarkers: { name: string; line: RegExp }[] = [
	{ name: 'config and type generation', line: /handbook check: \d+ errors/ },
	{ name: 'content sync (content layer) and build set-up', line: /\[content\] Syncing content/ },
	{ name: 'bundling (Vite)', line: /Building static entrypoints/ },
	{ name: 'rendering pages', line: /generating static routes/ },
	{ name: 'end of the Astro build', line: /✓ Completed in .*\.$|Building search index with Pagefind/ },
	{ name: 'search index and output verification, side by side', line: /handbook build: site built|Building search index with Pagefind/ },
	{ name: 'publishing', line: /handbook build: verified the links|Finished building search index/ },
];

/** Steps `handbook build` times itself (they run side by side), by the line that reports each: `(<seconds> s)` at its end. */
const reportedSteps: { name: string; line: RegExp }[] = [
	{ name: 'search index (Pagefind)', line: /^handbook build: search index of .*\((\d+(?:\.\d+)?) s\)$/ },
	{ name: 'output verification', line: /^handbook build: verified the links .*\((\d+(?:\.\d+)?) s\)$/ },
];

/**
 * Runs `handbook build` for a content folder and measures wall time, the build phases and the
 * peak memory of the build's process tree (the command, Astro's process, Pagefind's). Rejects with
 * the end of the output when it fails.
 */
async function buildSite(options: { contentDir: string; cacheDir: string; outDir: string; logFile: string }): Promise<BuildRun> {
	const build = [process.execPath, handbookBin, 'build', '--out', options.outDir];
	const loadAverage = loadavg()[0] as number;
	// CPU time varies far less than wall time when other work shares the machine.
	const usageFile = `${options.logFile}.rusage`;
	const command = existsSync(timeBin) ? [timeBin, '-o', usageFile, '-f', '%U %S', ...build] : build;
	const started = performance.now();
	const child = spawn(command[0] as string, command.slice(1), {
		cwd: root,
		env: { ...process.env, HANDBOOK_CONTENT: options.contentDir, HANDBOOK_CACHE_DIR: options.cacheDir, HANDBOOK_TODAY: generatorToday },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const sampler = sampleTreeRss(child.pid as number);
	const lines: { at: number; text: string }[] = [];
	const collect = (chunk: Buffer) => {
		const at = (performance.now() - started) / 1000;
		for (const text of chunk.toString('utf8').split('\n')) if (text.trim()) lines.push({ at, text: stripAnsi(text) });
	};
	child.stdout?.on('data', collect);
	child.stderr?.on('data', collect);
	const exitCode = await exited(child);
	const seconds = (performance.now() - started) / 1000;
	const peakRssBytes = sampler.stop();
	writeFileSync(options.logFile, lines.map((line) => `[${line.at.toFixed(3)}s] ${line.text}\n`).join(''));
	if (exitCode !== 0) {
		const tail = lines.slice(-40).map((line) => line.text).join('\n');
		throw new Error(`handbook build failed (exit ${exitCode}); full log in ${options.logFile}\n${tail}`);
	}
	return { seconds, cpuSeconds: cpuSecondsFrom(usageFile), peakRssBytes, phases: phasesOf(lines, seconds), loadAverage };
}

function cpuSecondsFrom(usageFile: string): number | undefined {
	if (!existsSync(usageFile)) return undefined;
	const [user, system] = readFileSync(usageFile, 'utf8').trim().split('\n').at(-1)?.split(' ').map(Number) ?? [];
	rmSync(usageFile);
	return user === undefined || system === undefined ? undefined : user + system;
}

function phasesOf(lines: { at: number; text: string }[], total: number): Phase[] {
	// Each marker is looked for after the one before it.
	let from = 0;
	const found = [
		{ name: firstPhase, at: 0 },
		...phaseMarkers.flatMap((marker) => {
			const index = lines.findIndex((candidate, position) => position >= from && marker.line.test(candidate.text));
			if (index === -1) return [];
			from = index + 1;
			return [{ name: marker.name, at: lines[index]!.at }];
		}),
	];
	const phases = found.map((phase, index) => ({ name: phase.name, seconds: (found[index + 1]?.at ?? total) - phase.at }));
	for (const step of reportedSteps) {
		const seconds = lines.map((line) => step.line.exec(line.text)?.[1]).find((value) => value !== undefined);
		if (seconds !== undefined) phases.push({ name: step.name, seconds: Number(seconds) });
	}
	return phases;
}

function exited(child: ChildProcess): Promise<number> {
	return new Promise((resolve, reject) => {
		child.on('error', reject);
		child.on('close', (code) => resolve(code ?? 1));
	});
}

const stripAnsi = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');

/**
 * Samples, every 100 ms, the summed resident memory (VmRSS) of a process and all its
 * descendants (Pagefind runs as a child of Astro) from /proc; `stop()` returns the largest sum.
 * Sampling can miss a spike shorter than the interval, and shared pages count once per process,
 * so the figure is a slight overestimate of real use at the sampled moments.
 */
function sampleTreeRss(pid: number): { stop(): number } {
	let peak = 0;
	const timer = setInterval(() => {
		peak = Math.max(peak, treeRss(pid));
	}, 100);
	return {
		stop() {
			clearInterval(timer);
			return peak;
		},
	};
}

function treeRss(rootPid: number): number {
	const parents = new Map<number, number>();
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		const stat = readProc(`/proc/${name}/stat`);
		// The command name may hold spaces and parentheses; the parent pid is the 2nd field after it.
		if (stat) parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
	}
	const inTree = (pid: number) => {
		for (let current = pid; current > 1; current = parents.get(current) ?? 0) if (current === rootPid) return true;
		return false;
	};
	let total = 0;
	for (const pid of parents.keys()) {
		if (!inTree(pid)) continue;
		const match = /^VmRSS:\s+(\d+) kB/m.exec(readProc(`/proc/${pid}/status`) ?? '');
		total += match ? Number(match[1]) * 1024 : 0;
	}
	return total;
}

function readProc(path: string): string | undefined {
	try {
		return readFileSync(path, 'utf8');
	} catch {
		// The process ended between listing and reading.
		return undefined;
	}
}

// ---------------------------------------------------------------------------------------------
// handbook check

/** Times `handbook check` on a content folder, as a user runs it (a new Node process). */
async function timeCheck(contentDir: string, extraArgs: string[]): Promise<CheckRun> {
	const started = performance.now();
	const child = spawn(process.execPath, [handbookBin, 'check', '--root', root, '--today', generatorToday, '--format', 'json', ...extraArgs], {
		cwd: root,
		env: { ...process.env, HANDBOOK_CONTENT: contentDir },
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	let output = '';
	child.stdout?.on('data', (chunk: Buffer) => {
		output += chunk.toString('utf8');
	});
	const exitCode = await exited(child);
	const seconds = (performance.now() - started) / 1000;
	if (exitCode === 2) throw new Error('handbook check could not run');
	const diagnostics = JSON.parse(output) as { severity: string }[];
	return { seconds, errors: diagnostics.filter((d) => d.severity === 'error').length, warnings: diagnostics.filter((d) => d.severity === 'warning').length };
}

/**
 * The check engine's parse cache of a content folder (see `openParseCache` in
 * src/checks/parse-cache.ts). Deleted before the cold build so that the build's own check is cold too,
 * and at the end unless `--keep`.
 */
function engineCacheFile(contentDir: string): string {
	return join(root, 'node_modules/.cache/handbook', `parse-${contentHash(contentDir).slice(0, 16)}.json`);
}

// ---------------------------------------------------------------------------------------------
// Output sizes

function filesUnder(dir: string): { path: string; bytes: number }[] {
	return readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => {
			const path = join(entry.parentPath, entry.name);
			return { path: relative(dir, path), bytes: statSync(path).size };
		});
}

const sum = (files: { bytes: number }[]) => files.reduce((total, file) => total + file.bytes, 0);

/** Sizes of the built site: everything, the HTML pages, and the Pagefind folder. */
function measureSite(outDir: string): SiteSize {
	const files = filesUnder(outDir);
	const html = files.filter((file) => file.path.endsWith('.html'));
	const largest = html.reduce((max, file) => (file.bytes > max.bytes ? file : max), { path: '', bytes: 0 });
	return {
		bytes: sum(files),
		htmlFiles: html.length,
		averageHtmlBytes: sum(html) / html.length,
		largestHtml: largest,
		overBound: html.filter((file) => file.bytes > targets.largestPageBytes).sort((a, b) => b.bytes - a.bytes),
		pagefindBytes: sum(files.filter((file) => file.path.startsWith('pagefind/'))),
	};
}

/**
 * The bytes one search downloads, measured by running the site's own Pagefind client
 * (`dist/pagefind/pagefind.js`) in Node against the built files, with `fetch` replaced by a
 * reader that serves files from `outDir` and records each one. It does what the search dialog
 * does for one query: load the entry file, the language metadata and the WebAssembly, the filter
 * chunks (the default UI lists filters), the index chunk(s) holding the term, and the fragments
 * of the first results shown. It is the site's own client on the site's own files, so the file
 * list is the real one, with no browser needed. Checked once against Chromium typing the query
 * into the search dialog of a 1000-page build: the same kinds of file, within about 10% in
 * total; the browser may also fetch the index chunk of a prefix it searched while the user was
 * still typing, and shows other fragments first because of Starlight's ranking settings.
 *
 * A browser also downloads the two scripts that run this client: `pagefind.js` itself, and
 * `pagefind-worker.js`, where it does the work off the main thread; their sizes are added.
 * Sizes are bytes on disk: Pagefind's data files are already gzipped. Starlight's search dialog
 * script, which is the same for any handbook size, is not counted.
 */
async function measureSearch(outDir: string, term: string): Promise<SearchCost> {
	const base = pathToFileURL(join(outDir, 'pagefind/'));
	const fetched: { path: string; bytes: number }[] = ['pagefind.js', 'pagefind-worker.js']
		.filter((name) => existsSync(new URL(name, base)))
		.map((name) => ({ path: name, bytes: statSync(new URL(name, base)).size }));
	const realFetch = globalThis.fetch;
	globalThis.fetch = async (input: string | URL | Request) => {
		const url = new URL(input instanceof Request ? input.url : String(input), base);
		url.search = '';
		const body = readFileSync(url);
		fetched.push({ path: url.href.slice(base.href.length), bytes: body.length });
		return new Response(body, { headers: { 'content-type': url.pathname.endsWith('.json') ? 'application/json' : 'application/octet-stream' } });
	};
	try {
		const pagefind = (await import(new URL('pagefind.js', base).href)) as PagefindClient;
		await pagefind.options({ basePath: base.href });
		await pagefind.init();
		// The other parts of a large handbook's index, as the site's search merges them.
		for (const part of searchParts(outDir)) await pagefind.mergeIndex(new URL(`${part}/`, base).href);
		await pagefind.filters();
		const search = await pagefind.search(term);
		await Promise.all(search.results.slice(0, resultsShown).map((result) => result.data()));
	} finally {
		globalThis.fetch = realFetch;
	}
	return { term, bytes: sum(fetched), files: fetched };
}

/** The folders of the search index's parts after the first (`pagefind/part-1/`, ...). */
function searchParts(outDir: string): string[] {
	return readdirSync(join(outDir, 'pagefind'), { withFileTypes: true })
		.filter((entry) => entry.isDirectory() && /^part-\d+$/.test(entry.name))
		.map((entry) => entry.name)
		.sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)));
}

interface PagefindClient {
	options(options: { basePath: string }): Promise<void>;
	init(): Promise<void>;
	mergeIndex(path: string): Promise<void>;
	filters(): Promise<unknown>;
	search(term: string): Promise<{ results: { data(): Promise<unknown> }[] }>;
}

// ---------------------------------------------------------------------------------------------
// Report

const seconds = (value: number) => `${value.toFixed(1)} s`;
const cpu = (...runs: BuildRun[]) => runs.map((run) => (run.cpuSeconds === undefined ? 'n/a' : seconds(run.cpuSeconds))).join(' / ');

function bytes(value: number): string {
	if (value >= 1024 ** 3) return `${(value / 1024 ** 3).toFixed(2)} GB`;
	if (value >= 1024 ** 2) return `${(value / 1024 ** 2).toFixed(1)} MB`;
	return `${(value / 1024).toFixed(1)} KB`;
}

const spread = (runs: BuildRun[]) => (runs.length > 1 ? ` (${runs.map((run) => run.seconds.toFixed(0)).join(', ')} s)` : '');
const loads = (runs: BuildRun[]) => runs.map((run) => run.loadAverage.toFixed(1)).join(', ');

/** The result as Markdown: the measures with the targets for N = 10,000, then where build time goes. */
function formatMarkdown(result: BenchResult): string {
	const n = `N = ${result.pages}`;
	const runs = result.runs > 1 ? `median of ${result.runs}` : 'one run';
	const step = (run: BuildRun, name: string) => run.phases.find((phase) => phase.name === name)?.seconds;
	const both = (name: string) => [step(result.coldBuild, name), step(result.warmBuild, name)].map((value) => (value === undefined ? 'n/a' : seconds(value))).join(' / ');
	const rows: [string, string, string][] = [
		[`Cold build, \`handbook build\` (fresh caches; ${runs})`, seconds(result.coldBuild.seconds) + spread(result.coldBuilds), `<= ${targets.coldSeconds} s`],
		[`Warm rebuild after one runbook changed (${runs})`, seconds(result.warmBuild.seconds) + spread(result.warmBuilds), `<= ${targets.warmSeconds} s (15 s at 3,000)`],
		['CPU time (user + system, all processes) of the cold build / warm rebuild', cpu(result.coldBuild, result.warmBuild), ''],
		['Search index (Pagefind), cold / warm', both('search index (Pagefind)'), ''],
		['Output verification (beside the search index), cold / warm', both('output verification'), ''],
		['`handbook check`, cold (`--no-cache`)', seconds(result.checkCold.seconds), ''],
		['`handbook check`, warm (cache present, nothing changed)', seconds(result.checkWarm.seconds), ''],
		['Peak memory of the cold build (RSS of all its processes)', bytes(result.coldBuild.peakRssBytes), `<= ${bytes(targets.peakBytes)}`],
		['Peak memory of the warm rebuild', bytes(result.warmBuild.peakRssBytes), `<= ${bytes(targets.peakBytes)}`],
		['Site size (outDir)', bytes(result.site.bytes), ''],
		[`Average page HTML (${result.site.htmlFiles} .html files)`, bytes(result.site.averageHtmlBytes), ''],
		[`Largest page HTML (\`${result.site.largestHtml.path}\`)`, bytes(result.site.largestHtml.bytes), `<= ${bytes(targets.largestPageBytes)}`],
		['Pagefind index (outDir/pagefind)', bytes(result.site.pagefindBytes), ''],
		[`One search query downloads ("${result.search.term}", ${result.search.files.length} files)`, bytes(result.search.bytes), ''],
		// The target compares two sizes (run N = 1000 and N = 10000): no single run can judge it.
		['Cold build cost per page', `${(result.coldSecondsPerPage * 1000).toFixed(1)} ms`, '<= 1.3 × the cost at N = 1000'],
	];
	const phaseNames = [...new Set([...result.coldBuild.phases, ...result.warmBuild.phases].map((phase) => phase.name))];
	const phaseTime = (run: BuildRun, name: string) => {
		const phase = run.phases.find((candidate) => candidate.name === name);
		return phase ? seconds(phase.seconds) : '';
	};
	return [
		`## Benchmark: ${result.pages} generated pages (seed ${result.seed}, checked as of ${result.today})`,
		'',
		`| Measure | ${n} | Target at N = ${targets.pages} |`,
		'| --- | ---: | ---: |',
		...rows.map((row) => `| ${row.join(' | ')} |`),
		'',
		`### Where the build time goes (${runs})`,
		'',
		"| Phase (from the build's output) | Cold | Warm |",
		'| --- | ---: | ---: |',
		...phaseNames.map((name) => `| ${name} | ${phaseTime(result.coldBuild, name)} | ${phaseTime(result.warmBuild, name)} |`),
		'',
		...(result.site.overBound.length > 0 ? [`Pages over ${bytes(targets.largestPageBytes)}: ${result.site.overBound.map((file) => `\`${file.path}\` ${bytes(file.bytes)}`).join(', ')}.`, ''] : []),
		`Search files: ${result.search.files.map((file) => `${file.path} (${bytes(file.bytes)})`).join(', ')}.`,
		`KB, MB and GB are 1024-based. Warm rebuild changed \`${result.warmBuild.changedFile}\`. ${result.machine.cpus} CPUs; 1-minute load average when each cold build started: ${loads(result.coldBuilds)}; each warm one: ${loads(result.warmBuilds)}.`,
		'',
	].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Main

/** Appends a paragraph to the first runbook, as an author's small edit would. Returns its path. */
function changeOneRunbook(contentDir: string, files: Map<string, string>): string {
	const path = [...files.keys()].filter((file) => file.startsWith('runbooks/')).sort()[0] as string;
	appendFileSync(join(contentDir, path), '\nUpdated after the last drill: check the dashboard before restarting anything.\n');
	return path;
}

/** The run whose `seconds` is the median (the lower middle one for an even count). */
function median(runs: BuildRun[]): BuildRun {
	const sorted = [...runs].sort((a, b) => a.seconds - b.seconds);
	const middle = sorted[Math.floor((sorted.length - 1) / 2)]!;
	const middleOf = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;
	// Each figure is its own median: CPU time and memory vary less than wall time, and not together.
	const cpuSeconds = runs.every((run) => run.cpuSeconds !== undefined) ? middleOf(runs.map((run) => run.cpuSeconds!)) : undefined;
	const phases = middle.phases.map((phase) => ({
		name: phase.name,
		seconds: middleOf(runs.map((run) => run.phases.find((other) => other.name === phase.name)?.seconds ?? 0)),
	}));
	return { ...middle, cpuSeconds, peakRssBytes: middleOf(runs.map((run) => run.peakRssBytes)), phases };
}

async function bench(pages: number, seed: string, runs: number, keep: boolean): Promise<BenchResult> {
	const work = join(root, '.bench', String(pages));
	const contentDir = join(work, 'content');
	const cacheDir = join(work, 'cache');
	const outDir = join(work, 'dist');

	progress(`generating ${pages} pages into ${relative(root, contentDir)}`);
	const files = generateHandbook(pages, seedFrom(seed));
	const loadBefore = loadavg()[0] as number;
	const coldBuilds: BuildRun[] = [];
	const warmBuilds: BuildRun[] = [];
	let changedFile = '';
	let site: SiteSize | undefined;
	let search: SearchCost | undefined;
	for (let run = 1; run <= runs; run++) {
		writeHandbook(contentDir, files, `generated by scripts/bench.ts --pages ${pages} --seed ${seed}`);
		for (const stale of [cacheDir, outDir, engineCacheFile(contentDir)]) rmSync(stale, { recursive: true, force: true });
		progress(`cold build (run ${run} of ${runs})`);
		coldBuilds.push(await buildSite({ contentDir, cacheDir, outDir, logFile: join(work, `build-cold-${run}.log`) }));
		if (!existsSync(engineCacheFile(contentDir))) progress('warning: the check cache is not where expected; the "cold" build may not have been cold');
		site ??= measureSite(outDir);
		search ??= await measureSearch(outDir, searchTerm);
		changedFile = changeOneRunbook(contentDir, files);
		progress(`warm rebuild after changing ${changedFile} (run ${run} of ${runs})`);
		warmBuilds.push(await buildSite({ contentDir, cacheDir, outDir, logFile: join(work, `build-warm-${run}.log`) }));
	}

	progress('handbook check, cold then warm');
	const checkCold = await timeCheck(contentDir, ['--no-cache']);
	// One cached run first, so the measured run finds a cache of exactly this content.
	await timeCheck(contentDir, []);
	const checkWarm = await timeCheck(contentDir, []);

	if (keep) progress(`kept ${relative(root, work)}/ (content, cache, dist, build logs)`);
	else for (const output of [work, engineCacheFile(contentDir)]) rmSync(output, { recursive: true, force: true });
	const coldBuild = median(coldBuilds);
	return {
		pages,
		seed,
		today: generatorToday,
		runs,
		coldBuild,
		warmBuild: { ...median(warmBuilds), changedFile },
		coldBuilds,
		warmBuilds,
		checkCold,
		checkWarm,
		site: site!,
		search: search!,
		coldSecondsPerPage: coldBuild.seconds / pages,
		machine: { cpus: availableParallelism(), loadAverage: [loadBefore, loadavg()[0] as number] },
	};
}

const usage = `Usage: npm run bench -- [--pages N] [--seed S] [--runs R] [--keep] [--json]

Generates a synthetic handbook of N pages (scripts/generate-handbook.ts, up to 30,000 and more)
into .bench/<N>/, builds it with \`handbook build\` (check, Astro, search index, verification of
the output) cold and again after one page changes, times \`handbook check\` cold and warm, and
prints a Markdown table: build seconds and CPU time, the output verification's share, check
seconds, peak memory of all the build's processes, site size, average and largest page, Pagefind
index size and the bytes one search downloads, with the targets for N = 10,000. Not a test: the
figures depend on the machine and its load; use --runs 3 for medians.

Options:
  --pages N   pages to generate (default 300)
  --seed S    generator seed, a number or any text (default 1)
  --runs R    build cold and warm R times and report medians (default 1)
  --keep      keep .bench/<N>/ (content, cache, site) afterwards
  --json      print the figures as JSON instead of a table
  -h, --help  show this help
`;

async function main(): Promise<void> {
	let values;
	try {
		({ values } = parseArgs({
			options: {
				pages: { type: 'string', default: '300' },
				seed: { type: 'string', default: '1' },
				runs: { type: 'string', default: '1' },
				keep: { type: 'boolean', default: false },
				json: { type: 'boolean', default: false },
				help: { type: 'boolean', short: 'h', default: false },
			},
		}));
	} catch (error) {
		process.stderr.write(`bench: ${(error as Error).message}\n\n${usage}`);
		process.exitCode = 2;
		return;
	}
	if (values.help) {
		process.stdout.write(usage);
		return;
	}
	try {
		const runs = Number(values.runs);
		if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a whole number of at least 1');
		const result = await bench(Number(values.pages), values.seed, runs, values.keep);
		process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : formatMarkdown(result));
	} catch (error) {
		process.stderr.write(`bench: ${(error as Error).message}\n`);
		process.exitCode = 1;
	}
}

if (import.meta.main) await main();
