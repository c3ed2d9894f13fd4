import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { addRunbookUrls, alertCoverage, alertCoverageMarkdown, type AlertCoverage, type ContentGraph, loadHandbook } from '../checks/index.ts';
import { type CommandIo, processIo } from './io.ts';
import { handbookRunOptions } from './options.ts';

/** One line for `handbook --help`. */
export const summary = 'Print which alerts lead to a runbook, by owner team; --fix writes missing runbook_url annotations.';

const formats = ['md', 'json'] as const;
const options = { format: { type: 'string', short: 'f', default: 'md' }, fix: { type: 'boolean', default: false }, ...handbookRunOptions } as const;

function help(): string {
	return `Usage: handbook alerts [options]

Reads the alert rule files that content/handbook.yaml names (\`alerts.rules\`: globs relative
to the repository root; Prometheus rule files or PrometheusRule resources) and the runbooks'
\`alerts:\` lists, and prints the alert coverage: how many alerts lead to a runbook, by owner
team, and which do not (those the policy's \`alerts.requireRunbook\` selects marked
"required"). Without rule files, the alerts are those the runbooks name.

An alert leads to a runbook when a runbook names it in \`alerts:\`, or when its \`runbook_url\`
annotation is the address of a runbook page of this handbook (under \`alerts.handbookUrl\`).

Options:
  -f, --format <format>  md (default): Markdown, for people
                         json: the same coverage as one JSON object, for programs
      --fix              write a runbook_url annotation into every alerting rule that has a
                         runbook but no runbook_url: the alert's stable address,
                         <alerts.handbookUrl>alerts/<name>/, which redirects to its runbook.
                         Only these lines are added; every other byte of the rule files stays
                         as it was (comments, indentation, flow style). Needs
                         \`alerts.handbookUrl\` in content/handbook.yaml.
      --today <date>     the check date, YYYY-MM-DD (default: $HANDBOOK_TODAY, else the date of
                         the HEAD commit, else today)
      --root <dir>       the repository root (default: the current folder)
      --no-cache         parse every page again instead of using node_modules/.cache/handbook/
  -h, --help             show this help

Exit status: 0 when the coverage was printed (and with --fix, the files written), whatever it
says (\`handbook check\` is the gate); 2 when the command could not run (bad option, unreadable
handbook, --fix without alerts.handbookUrl).
`;
}

/** Runs `handbook alerts` with the arguments after `alerts`; resolves to the exit status. */
export async function run(argv: string[], io: CommandIo = processIo()): Promise<number> {
	let values;
	try {
		({ values } = parseArgs({ args: argv, options }));
	} catch (error) {
		io.err(`handbook alerts: ${(error as Error).message}\nRun \`handbook alerts --help\` for the options.\n`);
		return 2;
	}
	if (values.help) {
		io.out(help());
		return 0;
	}
	const format = values.format as (typeof formats)[number];
	if (!formats.includes(format)) {
		io.err(`handbook alerts: unknown format "${values.format}"; use one of ${formats.join(', ')}\n`);
		return 2;
	}
	const root = resolve(io.cwd, values.root ?? '.');
	let graph: ContentGraph;
	try {
		graph = await loadHandbook({ root, today: values.today, cache: !values['no-cache'] });
	} catch (error) {
		io.err(`handbook alerts: ${(error as Error).message}\n`);
		return 2;
	}
	if (values.fix) {
		const fixed = await fixRunbookUrls(graph, io);
		if (fixed === undefined) return 2;
		graph = await loadHandbook({ root, today: values.today, cache: !values['no-cache'] });
	}
	const coverage = alertCoverage(graph);
	io.out(format === 'json' ? `${JSON.stringify(coverage, null, 2)}\n` : `${coverageMarkdown(coverage)}\n`);
	return 0;
}

/** Writes the missing `runbook_url` annotations; resolves to the number added, `undefined` when it cannot. */
async function fixRunbookUrls(graph: ContentGraph, io: CommandIo): Promise<number | undefined> {
	const base = graph.policy.alerts.handbookUrl;
	if (base === undefined) {
		io.err(
			`handbook alerts: --fix writes the address of each alert's runbook, so it needs the handbook's own address: set \`alerts: { handbookUrl: "https://..." }\` in ${graph.policyFile.file}\n`,
		);
		return undefined;
	}
	let added = 0;
	for (const file of graph.alertFiles) {
		if (file.problems.length > 0) {
			io.err(`handbook alerts: ${file.file} left as it is: it has problems (run \`handbook check\`)\n`);
			continue;
		}
		const path = join(graph.root, file.file);
		const text = await readFile(path, 'utf8');
		const fix = addRunbookUrls(text, ({ name }) => {
			const route = graph.alertByName.get(name)?.route;
			return route ? `${base}${route.slice(1)}` : undefined;
		});
		for (const skipped of fix.skipped) io.err(`handbook alerts: ${file.file}:${skipped.line}: ${skipped.alert} left without runbook_url: ${skipped.reason}\n`);
		if (fix.added.length === 0) continue;
		await writeFile(path, fix.text);
		added += fix.added.length;
		io.err(`handbook alerts: ${file.file}: added runbook_url to ${fix.added.map((item) => item.alert).join(', ')}\n`);
	}
	io.err(`handbook alerts: ${added} runbook_url annotation${added === 1 ? '' : 's'} added\n`);
	return added;
}

function coverageMarkdown(coverage: AlertCoverage): string {
	const out = ['# Alert coverage', alertCoverageMarkdown(coverage)];
	const without = coverage.byTeam.flatMap((row) => row.without.map((alert) => ({ ...alert, team: row.name ?? row.team ?? 'unknown' })));
	if (without.length > 0) {
		out.push(
			'## Alerts without a runbook',
			[
				'| Alert | Owner team | Service | Severity | Where |',
				'| --- | --- | --- | --- | --- |',
				...without.map(
					(alert) =>
						`| \`${alert.alert}\`${alert.required ? ' (required)' : ''} | ${alert.team} | ${alert.service ?? ''} | ${alert.severities.join(', ')} | ${alert.file === null ? 'named by a runbook' : `\`${alert.file}:${alert.line}\``} |`,
				),
			].join('\n'),
		);
	}
	if (coverage.withoutAnnotation.length > 0) {
		out.push(
			'## Rules without a runbook_url',
			`These alerts have a runbook, but their rules do not link to it; \`handbook alerts --fix\` adds the links:\n\n${coverage.withoutAnnotation.map((rule) => `- \`${rule.alert}\` (\`${rule.file}:${rule.line}\`)`).join('\n')}`,
		);
	}
	return `${out.join('\n\n')}\n`;
}
