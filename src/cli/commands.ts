import { type CommandIo, processIo } from './io.ts';

/**
 * The `handbook` command's subcommands. Each is a module exporting `summary` and
 * `run(argv, io): Promise<exitCode>`, loaded only when used.
 */
interface Subcommand {
	summary: string;
	run(argv: string[], io: CommandIo): Promise<number>;
}

const commands: Record<string, () => Promise<Subcommand>> = {
	build: () => import('./build.ts'),
	check: () => import('./check.ts'),
	alerts: () => import('./alerts.ts'),
	codeowners: () => import('./codeowners.ts'),
	import: () => import('./import.ts'),
	merge: () => import('./merge.ts'),
	new: () => import('./new.ts'),
	report: () => import('./report.ts'),
};

async function usage(): Promise<string> {
	const lines = ['Usage: handbook <command> [options]', '', 'Commands:'];
	for (const [name, load] of Object.entries(commands)) lines.push(`  ${name.padEnd(12)} ${(await load()).summary}`);
	lines.push('', 'Run `handbook <command> --help` for the options of a command.', '');
	return lines.join('\n');
}

/** Runs `handbook <command> [options]`; resolves to the exit status. */
export async function runHandbook(argv: string[], io: CommandIo = processIo()): Promise<number> {
	const [name, ...rest] = argv;
	if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
		(name === undefined ? io.err : io.out)(await usage());
		return name === undefined ? 2 : 0;
	}
	const load = commands[name];
	if (!load) {
		io.err(`handbook: unknown command "${name}"\n\n${await usage()}`);
		return 2;
	}
	return (await load()).run(rest, io);
}
