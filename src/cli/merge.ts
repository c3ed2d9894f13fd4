import { readdirSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { verifyBuiltSite } from '../checks/output/verify.ts';
import { siteBase } from '../core/project.ts';
import { contentSelection, ignoredLinks, publish, reportBrokenOutput, type SliceManifest, sliceManifestFile } from './output.ts';
import { type CommandIo, processIo } from './io.ts';
import { searchPartFolder } from './search-index.ts';
import { offlineSummary, writeDeferredServiceWorker } from '../core/offline-copy.ts';

/** One line for `handbook --help`. */
export const summary = 'Put the slices of a sharded build together, verify the whole site, then publish it to dist/.';

const options = {
	out: { type: 'string', default: 'dist' },
	root: { type: 'string' },
	help: { type: 'boolean', short: 'h', default: false },
} as const;

const help = `Usage: handbook merge <slice folder>... [options]

Puts together the slices that \`handbook build --shard i/n\` built (every slice of one build, i =
1 to n, from the same commit) into one site: each page comes from the slice that built it, the
search index from the parts each slice indexed; a file two slices both have (styles, scripts,
the pages every slice builds) must be the same in both. It writes the offline copy's service
worker, then verifies the whole site as \`handbook build\` does (every internal href, src and
#fragment) and publishes it: <out>/ is replaced only when everything succeeded.

Options:
      --out <dir>     the output folder (default: dist)
      --root <dir>    the repository root (default: the current folder)
  -h, --help          show this help

Exit status: 0 when the site was published, 1 when the slices do not fit together or a link of
the site is broken (nothing was published), 2 when the command could not run.
`;

/** Runs `handbook merge` with the arguments after `merge`; resolves to the exit status. */
export async function run(argv: string[], io: CommandIo = processIo()): Promise<number> {
	let parsed;
	try {
		parsed = parseArgs({ args: argv, options, allowPositionals: true });
	} catch (error) {
		io.err(`handbook merge: ${(error as Error).message}\nRun \`handbook merge --help\` for the options.\n`);
		return 2;
	}
	const { values, positionals } = parsed;
	if (values.help) {
		io.out(help);
		return 0;
	}
	if (positionals.length === 0) {
		io.err('handbook merge: name the folders of the slices to merge\n');
		return 2;
	}
	const root = resolve(io.cwd, values.root ?? '.');
	const outDir = resolve(root, values.out);
	const staging = `${outDir}.staging`;
	const shown = relative(io.cwd, outDir) || '.';
	const slices = positionals.map((path) => resolve(io.cwd, path));
	const fail = (message: string) => {
		io.err(`handbook merge: ${message}; nothing was published and ${shown}/ is as it was.\n`);
		return 1;
	};

	const manifests: SliceManifest[] = [];
	for (const slice of slices) {
		try {
			manifests.push(JSON.parse(readFileSync(join(slice, sliceManifestFile), 'utf8')) as SliceManifest);
		} catch {
			return fail(`${relative(io.cwd, slice) || '.'} is no slice of a sharded build (it has no ${sliceManifestFile})`);
		}
	}
	const [first] = manifests as [SliceManifest];
	const count = first.shard.count;
	if (manifests.some((manifest) => manifest.shard.count !== count || manifest.searchParts !== first.searchParts || manifest.base !== first.base)) {
		return fail('the slices come from different builds (another number of shards, of search parts, or another base path)');
	}
	const missing = Array.from({ length: count }, (_, index) => index + 1).filter((index) => !manifests.some((manifest) => manifest.shard.index === index));
	if (missing.length > 0 || manifests.length !== count) {
		return fail(`a build of ${count} shards needs each slice once; ${missing.length > 0 ? `missing: ${missing.join(', ')}` : 'one is given twice'}`);
	}

	await rm(staging, { recursive: true, force: true });
	const merged = new Map<string, string>();
	for (const slice of slices) {
		for (const file of filesUnder(slice)) {
			if (file === sliceManifestFile) continue;
			const from = join(slice, file);
			const already = merged.get(file);
			if (already !== undefined) {
				const [a, b] = await Promise.all([readFile(join(already, file)), readFile(from)]);
				if (!a.equals(b)) return fail(`${file} differs between ${relative(io.cwd, already)} and ${relative(io.cwd, slice)}`);
				continue;
			}
			merged.set(file, slice);
			await mkdir(dirname(join(staging, file)), { recursive: true });
			await copyFile(from, join(staging, file));
		}
	}
	for (let part = 0; part < first.searchParts; part++) {
		if (!merged.has(`${searchPartFolder(part)}/pagefind-entry.json`)) return fail(`search part ${part + 1} of ${first.searchParts} is in no slice`);
	}

	// The offline copy lists the search index's files, now that every part is here.
	const offline = await writeDeferredServiceWorker(staging);
	if (offline) io.out(`handbook merge: ${offlineSummary(offline)}\n`);

	const base = siteBase();
	const verified = await verifyBuiltSite(staging, { base, ignore: ignoredLinks(await contentSelection(root), base).ignore });
	if (verified.broken.length > 0) {
		// Which source link produced each broken one: the check's graph of the same commit knows.
		const errorCount = await reportBrokenOutput(root, undefined, verified.broken, base, io);
		if (errorCount > 0) return fail(`${errorCount} link(s) of the merged site lead nowhere, listed above`);
	}
	await publish(staging, outDir);
	io.out(`handbook merge: ${count} slices, ${verified.pages} pages, ${verified.references} internal links and sources verified; published to ${shown}/\n`);
	return 0;
}

/** Every file under a folder, relative to it, with `/`. */
function filesUnder(dir: string): string[] {
	return readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
		.sort();
}
