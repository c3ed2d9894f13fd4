import type { ReportFn, Rule } from '../rule.ts';
import { isPlainObject } from '../schemas.ts';
import { closestMatch } from '../suggest.ts';
import type { ParsedYaml, SchemaIssue, UnknownKey } from '../types.ts';
import { positionOf } from '../yaml.ts';

// Reported by the `ownership` rule when missing, so a page without an owner gets one message.
const ownershipFields = new Set(['owner', 'processOwner', 'processManager']);

export const schemaRule: Rule = {
	id: 'schema',
	description: 'Frontmatter, teams.yaml and handbook.yaml are valid YAML and match their schemas, with no unknown keys.',
	defaultSeverity: 'error',
	check({ graph, report }) {
		for (const entry of graph.entries) {
			const { frontmatter, file } = entry;
			const top = { line: frontmatter.line, column: 1 };
			if (frontmatter.kind === 'toml') {
				report({
					file,
					...top,
					message: 'TOML frontmatter (+++) is not supported',
					fix: 'write the frontmatter as YAML between --- lines',
				});
				continue;
			}
			if (frontmatter.kind === 'none' && entry.collection !== 'docs') {
				report({
					file,
					...top,
					message: 'the page has no frontmatter',
					fix: 'start the file with a --- block holding title, summary, owner and the other fields of its collection',
				});
				continue;
			}
			if (checkYaml(file, frontmatter, 'frontmatter', report)) continue;
			if (frontmatter.kind === 'yaml' && frontmatter.data !== undefined && frontmatter.data !== null && !isPlainObject(frontmatter.data)) {
				report({
					file,
					...top,
					message: 'the frontmatter is not a set of `key: value` pairs',
					fix: 'write one `key: value` per line between the --- lines',
				});
				continue;
			}
			const issues = entry.schemaIssues.filter(
				(issue) => !(issue.path.length === 1 && ownershipFields.has(String(issue.path[0])) && entry.raw[issue.path[0]!] === undefined),
			);
			reportIssues(file, issues, entry.raw, frontmatter, top, keyLabel, report);
			reportUnknownKeys(file, entry.unknownKeys, frontmatter, top, keyLabel, report);
		}
		const teams = graph.teamsFile.yaml.data;
		const teamLabel = (path: (string | number)[]) => {
			const [index, ...rest] = path;
			const team = Array.isArray(teams) && typeof index === 'number' ? (teams[index] as { id?: unknown } | undefined) : undefined;
			const name = typeof team?.id === 'string' ? `"${team.id}"` : typeof index === 'number' ? `${index + 1}` : '';
			return rest.length > 0 ? `${keyLabel(rest)} of team ${name}` : typeof index === 'number' ? `team ${name}` : 'the file';
		};
		for (const [dataFile, label] of [
			[graph.teamsFile, teamLabel],
			[graph.policyFile, keyLabel],
		] as const) {
			if (!dataFile.exists || checkYaml(dataFile.file, dataFile.yaml, 'file', report)) continue;
			const top = { line: 1, column: 1 };
			reportIssues(dataFile.file, dataFile.schemaIssues, dataFile.yaml.data, dataFile.yaml, top, label, report);
			reportUnknownKeys(dataFile.file, dataFile.unknownKeys, dataFile.yaml, top, label, report);
		}
	},
};

/** Reports YAML syntax errors; returns whether there were any (then the data is unknown). */
function checkYaml(file: string, yaml: ParsedYaml, what: string, report: ReportFn): boolean {
	for (const problem of yaml.problems) {
		report({
			file,
			line: problem.line,
			column: problem.column,
			message: `invalid YAML in the ${what}: ${problem.message}`,
			fix: 'fix the YAML syntax (indentation, quotes, a missing `:` or `]`)',
		});
	}
	return yaml.problems.length > 0;
}

type Label = (path: (string | number)[]) => string;

const keyLabel: Label = (path) => (path.length > 0 ? `\`${path.join('.')}\`` : 'the file');

function reportIssues(
	file: string,
	issues: SchemaIssue[],
	data: unknown,
	yaml: ParsedYaml,
	top: { line: number; column: number },
	labelOf: Label,
	report: ReportFn,
) {
	for (const issue of issues) {
		const value = valueAt(data, issue.path);
		const label = labelOf(issue.path);
		const at = positionOf(yaml, issue.path, top, 'value');
		const lastKey = issue.path.at(-1);
		if (value instanceof Date && Number.isNaN(value.getTime())) {
			report({ file, ...at, message: `${label} is not a real date`, fix: 'write an existing date as YYYY-MM-DD, e.g. 2026-11-01' });
		} else if (value === undefined && issue.code === 'invalid_type') {
			report({
				file,
				...at,
				message: `${label} is missing`,
				fix: typeof lastKey === 'string' ? `add \`${lastKey}:\`` : 'add the missing item',
			});
		} else if (issue.code === 'invalid_value' && issue.values) {
			const allowed = issue.values.map(String);
			const suggestion = closestMatch(String(value), allowed);
			report({
				file,
				...at,
				message: `${label} is ${JSON.stringify(value)}; it must be one of ${allowed.join(', ')}`,
				fix: suggestion ? `did you mean "${suggestion}"?` : `use one of ${allowed.join(', ')}`,
				actual: String(value),
				expected: suggestion ? [suggestion] : allowed,
			});
		} else {
			report({ file, ...at, message: `${label}: ${issue.message}`, fix: 'correct the value' });
		}
	}
}

function reportUnknownKeys(
	file: string,
	unknownKeys: UnknownKey[],
	yaml: ParsedYaml,
	top: { line: number; column: number },
	labelOf: Label,
	report: ReportFn,
) {
	for (const { key, knownKeys, path } of unknownKeys) {
		const suggestion = closestMatch(key, knownKeys);
		report({
			file,
			...positionOf(yaml, path, top),
			message: `unknown key ${labelOf(path)}${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`,
			fix: suggestion ? `rename it to \`${suggestion}\`` : `remove it; the keys allowed here are ${knownKeys.join(', ')}`,
			actual: key,
			expected: suggestion ? [suggestion] : knownKeys,
		});
	}
}

function valueAt(data: unknown, path: (string | number)[]): unknown {
	let value = data;
	for (const segment of path) {
		if (Array.isArray(value) && typeof segment === 'number') value = value[segment];
		else if (isPlainObject(value)) value = value[segment];
		else return undefined;
	}
	return value;
}
