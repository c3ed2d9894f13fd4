import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadHandbook } from '../checks/index.ts';
import { codeownersFile, findManagedBlock, isBlockFor, managedBlockLines, withManagedBlock } from '../checks/codeowners.ts';
import { type CommandIo, processIo } from './io.ts';

/** One line for `handbook --help`. */
export const summary = 'Write .github/CODEOWNERS from the owner team of each page.';

const options = {
	check: { type: 'boolean', default: false },
	root: { type: 'string' },
	help: { type: 'boolean', short: 'h', default: false },
} as const;

const help = `Usage: handbook codeowners [options]

Writes the handbook-managed block of .github/CODEOWNERS: each page of the handbook, owned by
the GitHub handle (teams.yaml \`github:\`) of its \`owner:\` team, so that GitHub asks that team
to review changes to it. Lines outside the block are kept as they are; the file is created if
it does not exist.

Options:
      --check        change nothing; exit 1 if the file is missing or out of date
      --root <dir>   the repository root (default: the current folder)
  -h, --help         show this help

Exit status: 0 when the file is (now) up to date, 1 when --check finds it out of date,
2 when the command could not run (bad option, a BEGIN line without its END line).
`;

/**
 * Brings an existing managed block of .github/CODEOWNERS up to date with the handbook, as
 * `handbook new` must after adding a page: otherwise the page it wrote would fail the
 * `codeowners` check. A file without a block, or a block for another content folder, is left
 * alone. Resolves to whether the file changed.
 */
export async function refreshManagedBlock(root: string): Promise<boolean> {
	const path = join(root, codeownersFile);
	const current = await readFile(path, 'utf8').catch(() => undefined);
	if (current === undefined) return false;
	const location = findManagedBlock(current);
	if (location.kind !== 'found') return false;
	const graph = await loadHandbook({ root });
	if (!isBlockFor(graph, location.lines)) return false;
	const updated = withManagedBlock(current, managedBlockLines(graph));
	if (updated === current) return false;
	await writeFile(path, updated);
	return true;
}

/** Runs `handbook codeowners` with the arguments after `codeowners`; resolves to the exit status. */
export async function run(argv: string[], io: CommandIo = processIo()): Promise<number> {
	let values;
	try {
		({ values } = parseArgs({ args: argv, options }));
	} catch (error) {
		io.err(`handbook codeowners: ${(error as Error).message}\nRun \`handbook codeowners --help\` for the options.\n`);
		return 2;
	}
	if (values.help) {
		io.out(help);
		return 0;
	}
	const root = resolve(io.cwd, values.root ?? '.');
	const path = join(root, codeownersFile);
	try {
		const graph = await loadHandbook({ root });
		if (graph.contentFolder.startsWith('..')) throw new Error(`the content folder ${graph.contentDir} is outside the repository ${root}`);
		const block = managedBlockLines(graph);
		const current = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
			if (error.code === 'ENOENT') return undefined;
			throw error;
		});
		const updated = withManagedBlock(current, block);
		if (values.check) {
			if (current === updated) return 0;
			io.err(`${codeownersFile} is ${current === undefined ? 'missing' : 'out of date with the page owners'}: run \`npx handbook codeowners\`.\n`);
			return 1;
		}
		if (current !== updated) {
			await mkdir(dirname(path), { recursive: true });
			await writeFile(path, updated);
		}
		const paths = block.filter((line) => line.startsWith('/')).length;
		io.out(`${codeownersFile} ${current === updated ? 'is up to date' : current === undefined ? 'created' : 'updated'}: ${paths} paths with an owner.\n`);
		return 0;
	} catch (error) {
		io.err(`handbook codeowners: ${(error as Error).message}\n`);
		return 2;
	}
}
