import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { handbookRunOptions } from './options.ts';
import { buildHealthReport, checkHandbook, formatHealthReport, type HealthFormat, healthFormats } from '../checks/index.ts';
import { type CommandIo, processIo } from './io.ts';

/** One line for `handbook --help`. */
export const summary = 'Print the health of the handbook: ownership, review debt, orphans, broken links.';

const options = { format: { type: 'string', short: 'f', default: 'md' }, ...handbookRunOptions } as const;

function help(): string {
	return `Usage: handbook report [options]

Checks the whole handbook (content/ by default, or $HANDBOOK_CONTENT) and prints its health:
pages per collection; ownership coverage (the share of pages whose owner is a team of
teams.yaml) and the pages without one; pages past their review date, grouped by owner team,
with due dates and days late; orphan guides; broken links; errors and warnings per rule.
The site's /health/ page shows the same report.

It is a report, not a gate: use \`handbook check\` to fail a build.

Options:
  -f, --format <format>  md (default): Markdown, for people, a pull request comment or a wiki
                         json: the same report as one JSON object, for programs
      --today <date>     the date review deadlines are measured against, YYYY-MM-DD
                         (default: $HANDBOOK_TODAY, else the date of the HEAD commit, else today)
      --root <dir>       the repository root (default: the current folder); paths in the
                         report are relative to it
      --no-cache         parse every file again instead of using node_modules/.cache/handbook/
  -h, --help             show this help

Exit status: 0 when the report was printed, whatever it says; 2 when the command could not
run (bad option or date, unreadable handbook).
`;
}

/** Runs `handbook report` with the arguments after `report`; resolves to the exit status. */
export async function run(argv: string[], io: CommandIo = processIo()): Promise<number> {
	let values;
	try {
		({ values } = parseArgs({ args: argv, options }));
	} catch (error) {
		io.err(`handbook report: ${(error as Error).message}\nRun \`handbook report --help\` for the options.\n`);
		return 2;
	}
	if (values.help) {
		io.out(help());
		return 0;
	}
	const format = values.format as HealthFormat;
	if (!healthFormats.includes(format)) {
		io.err(`handbook report: unknown format "${values.format}"; use one of ${healthFormats.join(', ')}\n`);
		return 2;
	}
	try {
		const result = await checkHandbook({ root: resolve(io.cwd, values.root ?? '.'), today: values.today, cache: !values['no-cache'] });
		io.out(`${formatHealthReport(buildHealthReport(result), format).trimEnd()}\n`);
		return 0;
	} catch (error) {
		io.err(`handbook report: ${(error as Error).message}\n`);
		return 2;
	}
}
