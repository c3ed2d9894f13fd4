import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { handbookRunOptions } from './options.ts';
import { type ReportFormat, reportFormats } from '../checks/reporters/formats.ts';
import { checkHandbookReusingResult } from './check-result-cache.ts';
import { type CommandIo, processIo } from './io.ts';

/** One line for `handbook --help`. */
export const summary = 'Check the handbook and list every problem with its file and line.';

const options = { format: { type: 'string', short: 'f', default: 'pretty' }, ...handbookRunOptions } as const;

async function help(): Promise<string> {
	const [{ rules }, { defaultWidth }] = await Promise.all([import('../checks/rules/index.ts'), import('../checks/reporters/pretty.ts')]);
	const ruleLines = rules.map(({ meta }) => `  ${meta.id.padEnd(11)} ${meta.defaultSeverity.padEnd(8)} ${meta.description}`);
	return `Usage: handbook check [paths...] [options]

Checks the whole handbook (content/ by default, or $HANDBOOK_CONTENT) and reports every problem
at once. With paths, only the problems of those files or folders are reported; the whole
handbook is still read, so links between pages resolve.

Options:
  -f, --format <format>  pretty (default): grouped by file, for people; fits the terminal's
                         width (${defaultWidth} columns when the output is no terminal)
                         json: an array of { file, line, column, ruleId, severity, message, fix }
                         github: GitHub Actions annotations (::error file=...,line=...::message)
                         sarif: a SARIF 2.1.0 log, for code scanning (rule help links lead to
                         README.md in the repository when its address is known: from
                         GitHub Actions, GitLab CI or a github.com/gitlab.com origin)
      --today <date>     the date review deadlines are measured against, YYYY-MM-DD
                         (default: $HANDBOOK_TODAY, else the date of the HEAD commit, else today)
      --root <dir>       the repository root (default: the current folder); paths in the
                         report are relative to it
      --no-cache         check everything again instead of using node_modules/.cache/handbook/
                         (the last run's result when nothing changed, else each file's parse)
  -h, --help             show this help

Exit status: 0 when there are no errors (warnings allowed), 1 when there are errors,
2 when the command itself could not run (bad option, unknown path).

Rules (severity can be changed or turned off in content/handbook.yaml under \`rules:\`):
${ruleLines.join('\n')}
`;
}

/**
 * The report in `format`, loading only that reporter: SARIF describes every rule, so it loads
 * the whole engine; the others do not, and a check whose result is reused never loads it.
 */
async function formatLightly(
	result: Parameters<typeof import('../checks/reporters/index.ts').formatReport>[0],
	format: ReportFormat,
	{ color, width, root }: { color: boolean; width: number | undefined; root: string },
): Promise<string> {
	switch (format) {
		case 'pretty':
			return (await import('../checks/reporters/pretty.ts')).formatPretty(result.files, { color, width });
		case 'json':
			return (await import('../checks/reporters/json.ts')).formatJson(result.files);
		case 'github':
			return (await import('../checks/reporters/github.ts')).formatGithub(result.files);
		case 'sarif':
			return (await import('../checks/reporters/index.ts')).formatReport(result, 'sarif', { repository: (await import('../core/git.ts')).repositoryWeb(root) });
	}
}

/** Runs `handbook check` with the arguments after `check`; resolves to the exit status. */
export async function run(argv: string[], io: CommandIo = processIo()): Promise<number> {
	let parsed;
	try {
		parsed = parseArgs({ args: argv, options, allowPositionals: true });
	} catch (error) {
		io.err(`handbook check: ${(error as Error).message}\nRun \`handbook check --help\` for the options.\n`);
		return 2;
	}
	const { values, positionals } = parsed;
	if (values.help) {
		io.out(await help());
		return 0;
	}
	const format = values.format as ReportFormat;
	if (!reportFormats.includes(format)) {
		io.err(`handbook check: unknown format "${values.format}"; use one of ${reportFormats.join(', ')}\n`);
		return 2;
	}
	const root = resolve(io.cwd, values.root ?? '.');
	const paths = positionals.map((path) => resolve(io.cwd, path));
	const missing = paths.find((path) => !existsSync(path));
	if (missing) {
		io.err(`handbook check: no such file or folder: ${missing}\n`);
		return 2;
	}
	try {
		const result = await checkHandbookReusingResult({ root, today: values.today, paths, cache: !values['no-cache'] });
		io.out(`${await formatLightly(result, format, { color: io.color, width: io.columns, root })}\n`);
		return result.errorCount > 0 ? 1 : 0;
	} catch (error) {
		io.err(`handbook check: ${(error as Error).message}\n`);
		return 2;
	}
}
