#!/usr/bin/env node
/**
 * The `handbook` command. Each subcommand is a module exporting `summary` and
 * `run(argv): Promise<exitCode>`, loaded only when used.
 */
interface Subcommand {
	summary: string;
	run(argv: string[]): Promise<number>;
}

const commands: Record<string, () => Promise<Subcommand>> = {
	check: () => import('./check.ts'),
	codeowners: () => import('./codeowners.ts'),
	new: () => import('./new.ts'),
	report: () => import('./report.ts'),
};

async function usage(): Promise<string> {
	const lines = ['Usage: handbook <command> [options]', '', 'Commands:'];
	for (const [name, load] of Object.entries(commands)) lines.push(`  ${name.padEnd(12)} ${(await load()).summary}`);
	lines.push('', 'Run `handbook <command> --help` for the options of a command.', '');
	return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
	const [name, ...rest] = argv;
	if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
		(name === undefined ? process.stderr : process.stdout).write(await usage());
		return name === undefined ? 2 : 0;
	}
	const load = commands[name];
	if (!load) {
		process.stderr.write(`handbook: unknown command "${name}"\n\n${await usage()}`);
		return 2;
	}
	return (await load()).run(rest);
}

main(process.argv.slice(2)).then((status) => {
	process.exitCode = status;
});
