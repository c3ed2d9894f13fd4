import { collections } from '../../core/collections.ts';
import type { ExtraKeys } from '../../core/site-policy.ts';
import { defineRule, type Report } from '../rule.ts';
import { closestMatch } from '../suggest.ts';
import type { DataFile, Entry, ParsedYaml, SchemaIssue, UnknownKey } from '../types.ts';
import { isPlainObject } from '../validate.ts';
import { positionOf } from '../yaml-positions.ts';

// Reported by the `ownership` rule when missing, so a page without an owner gets one message.
const ownershipFields = new Set(['owner', 'processOwner', 'processManager']);

type Label = (path: (string | number)[]) => string;
type SchemaReport = Omit<Report<MessageId>, 'file'>;
type MessageId =
	| 'toml'
	| 'noFrontmatter'
	| 'invalidYaml'
	| 'notMapping'
	| 'invalidDate'
	| 'missing'
	| 'notAllowed'
	| 'invalid'
	| 'unknownKey';

export const schemaRule = defineRule({
	meta: {
		id: 'schema',
		description:
			'invalid YAML (with its position), frontmatter, `teams.yaml` or `handbook.yaml` that does not match its schema, at the offending key; unknown keys with "did you mean" (`ownr:`)',
		defaultSeverity: 'error',
		url: 'README.md#rule-schema',
		messages: {
			toml: { text: 'TOML frontmatter (+++) is not supported', fix: 'write the frontmatter as YAML between --- lines' },
			noFrontmatter: {
				text: 'the page has no frontmatter',
				fix: 'start the file with a --- block holding title, summary, owner and the other fields of its collection',
			},
			invalidYaml: { text: 'invalid YAML in the {{what}}: {{reason}}', fix: 'fix the YAML syntax (indentation, quotes, a missing `:` or `]`)' },
			notMapping: { text: 'the frontmatter is not a set of `key: value` pairs', fix: 'write one `key: value` per line between the --- lines' },
			invalidDate: { text: '{{label}} is not a real date', fix: 'write an existing date as YYYY-MM-DD, e.g. 2026-11-01' },
			missing: { text: '{{label}} is missing', fix: 'add {{what}}' },
			notAllowed: { text: '{{label}} is {{value}}; it must be one of {{allowed}}', fix: 'use one of {{allowed}}' },
			invalid: { text: '{{label}}: {{reason}}', fix: 'correct the value' },
			unknownKey: { text: 'unknown key {{label}}', fix: 'remove it; the keys allowed here are {{known}}{{extraKeys}}' },
		} satisfies Record<MessageId, unknown>,
	},
	create({ graph, report }) {
		const at = (file: string) => (diagnostic: SchemaReport) => report({ file, ...diagnostic });
		return {
			entry(entry) {
				const issues = entry.schemaIssues.filter(
					(issue) => !(issue.path.length === 1 && ownershipFields.has(String(issue.path[0])) && entry.raw[issue.path[0]!] === undefined),
				);
				const extraKeys = graph.policy.site.extraKeys[collections[entry.collection].folder] ?? 'error';
				checkEntry(entry, issues, extraKeys, at(entry.file));
			},
			handbook() {
				const teams = graph.teamsFile.yaml.data;
				const teamLabel: Label = (path) => {
					const [index, ...rest] = path;
					const team = Array.isArray(teams) && typeof index === 'number' ? (teams[index] as { id?: unknown } | undefined) : undefined;
					const name = typeof team?.id === 'string' ? `"${team.id}"` : typeof index === 'number' ? `${index + 1}` : '';
					return rest.length > 0 ? `${keyLabel(rest)} of team ${name}` : typeof index === 'number' ? `team ${name}` : 'the file';
				};
				checkDataFile(graph.teamsFile, teamLabel, at(graph.teamsFile.file));
				checkDataFile(graph.policyFile, keyLabel, at(graph.policyFile.file));
			},
		};
	},
});

function checkEntry(entry: Entry, issues: SchemaIssue[], extraKeys: ExtraKeys, report: (diagnostic: SchemaReport) => void) {
	const { frontmatter } = entry;
	const top = { line: frontmatter.line, column: 1 };
	if (frontmatter.kind === 'toml') return report({ ...top, messageId: 'toml' });
	// A page that could not be read has no frontmatter to judge: the engine reported it.
	// Pages of a collection that takes titles from the body may have no frontmatter at all.
	if (frontmatter.kind === 'none' && entry.failure?.stage !== 'read' && !collections[entry.collection].titleFromBody) {
		return report({ ...top, messageId: 'noFrontmatter' });
	}
	if (reportYamlProblems(frontmatter, 'frontmatter', report)) return;
	if (frontmatter.kind === 'yaml' && frontmatter.data !== undefined && !isPlainObject(frontmatter.data)) {
		return report({ ...top, messageId: 'notMapping' });
	}
	reportIssues(issues, entry.raw, frontmatter, top, keyLabel, report);
	// Keys at the top of the frontmatter that the collection does not know are the policy's to allow (`extraKeys:`).
	const folder = collections[entry.collection].folder;
	const extraHint = `, or allow foreign keys with \`extraKeys: { ${folder}: allow }\` in handbook.yaml`;
	const unknownKeys = extraKeys === 'allow' ? entry.unknownKeys.filter((key) => key.path.length > 1) : entry.unknownKeys;
	reportUnknownKeys(unknownKeys, frontmatter, top, keyLabel, report, (key) =>
		key.path.length === 1 ? { extraKeys: extraHint, severity: extraKeys === 'warning' ? 'warning' : undefined } : undefined,
	);
}

function checkDataFile(dataFile: DataFile, label: Label, report: (diagnostic: SchemaReport) => void) {
	if (!dataFile.exists || reportYamlProblems(dataFile.yaml, 'file', report)) return;
	const top = { line: 1, column: 1 };
	reportIssues(dataFile.schemaIssues, dataFile.yaml.data, dataFile.yaml, top, label, report);
	reportUnknownKeys(dataFile.unknownKeys, dataFile.yaml, top, label, report, () => undefined);
}

/** Reports YAML syntax errors; returns whether there were any (then the data is unknown). */
function reportYamlProblems(yaml: ParsedYaml, what: string, report: (diagnostic: SchemaReport) => void): boolean {
	for (const problem of yaml.problems) {
		report({ line: problem.line, column: problem.column, messageId: 'invalidYaml', data: { what, reason: problem.message } });
	}
	return yaml.problems.length > 0;
}

const keyLabel: Label = (path) => (path.length > 0 ? `\`${path.join('.')}\`` : 'the file');

function reportIssues(
	issues: SchemaIssue[],
	data: unknown,
	yaml: ParsedYaml,
	top: { line: number; column: number },
	labelOf: Label,
	report: (diagnostic: SchemaReport) => void,
) {
	for (const issue of issues) {
		const value = valueAt(data, issue.path);
		const label = labelOf(issue.path);
		const at = positionOf(yaml, issue.path, top, 'value');
		const lastKey = issue.path.at(-1);
		if (value instanceof Date && Number.isNaN(value.getTime())) {
			report({ ...at, messageId: 'invalidDate', data: { label } });
		} else if (value === undefined && issue.code === 'invalid_type') {
			report({ ...at, messageId: 'missing', data: { label, what: typeof lastKey === 'string' ? `\`${lastKey}:\`` : 'the missing item' } });
		} else if (issue.code === 'invalid_value' && issue.values) {
			const allowed = issue.values.map(String);
			const suggestion = closestMatch(String(value), allowed);
			report({
				...at,
				messageId: 'notAllowed',
				data: { label, value: JSON.stringify(value), allowed: allowed.join(', ') },
				suggestion,
				actual: String(value),
				expected: suggestion ? [suggestion] : allowed,
			});
		} else {
			report({ ...at, messageId: 'invalid', data: { label, reason: issue.message } });
		}
	}
}

function reportUnknownKeys(
	unknownKeys: UnknownKey[],
	yaml: ParsedYaml,
	top: { line: number; column: number },
	labelOf: Label,
	report: (diagnostic: SchemaReport) => void,
	extra: (key: UnknownKey) => { extraKeys: string; severity: 'warning' | undefined } | undefined,
) {
	for (const unknown of unknownKeys) {
		const { key, knownKeys, path } = unknown;
		const suggestion = closestMatch(key, knownKeys);
		const policy = extra(unknown);
		report({
			...positionOf(yaml, path, top),
			...(policy?.severity ? { severity: policy.severity } : {}),
			messageId: 'unknownKey',
			data: { label: labelOf(path), known: knownKeys.join(', '), extraKeys: policy?.extraKeys ?? '' },
			suggestion,
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
