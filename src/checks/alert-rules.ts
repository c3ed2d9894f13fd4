import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Node as YamlNode, type YAMLMap } from 'yaml';
import type { Point } from './types.ts';

/** A value written in a rule file, with where it is. */
export interface PlacedValue extends Point {
	value: string;
}

/** One alerting rule of a rule file (`- alert: Name`): a definition of the alert it names. */
export interface AlertDefinition {
	name: string;
	/** Path relative to the repository root. */
	file: string;
	/** Where the name is written (the value of `alert:`). */
	line: number;
	column: number;
	/** The name of its rule group. */
	group: string;
	/** Its labels, as strings (`severity`, `service`, `team`, ...). */
	labels: Record<string, string>;
	/** Its `annotations.runbook_url`, if it has one. */
	runbookUrl: PlacedValue | undefined;
}

/** A problem that keeps (part of) a rule file from being read. */
export interface RuleFileProblem extends Point {
	message: string;
}

/** A Prometheus rule file, or a file of `PrometheusRule` resources, as read for the checks. */
export interface AlertRuleFile {
	/** Path relative to the repository root. */
	file: string;
	alerts: AlertDefinition[];
	problems: RuleFileProblem[];
}

/**
 * Reads the alert rule files (paths relative to the repository root). A file that cannot be
 * read is kept with its problem, so the check reports it and goes on.
 */
export async function loadAlertRuleFiles(root: string, files: readonly string[]): Promise<AlertRuleFile[]> {
	return Promise.all(
		files.map(async (file) => {
			try {
				return parseAlertRules(file, await readFile(join(root, file), 'utf8'));
			} catch (error) {
				const reason = (error as NodeJS.ErrnoException).code ?? String(error);
				return { file, alerts: [], problems: [{ message: `cannot read the file (${reason})`, line: 1, column: 1 }] };
			}
		}),
	);
}

/**
 * Reads the alerting rules of a rule file, with the position of each alert's name and
 * `runbook_url`. Both layouts are read, in any number of YAML documents: the Prometheus rule
 * file (`groups[].rules[]`) and the Prometheus Operator's `PrometheusRule` resource
 * (`spec.groups[].rules[]`). Recording rules (`record:`) are skipped. Whatever does not have the
 * expected shape becomes a problem at its position; the rest of the file is still read.
 */
export function parseAlertRules(file: string, text: string): AlertRuleFile {
	const lineCounter = new LineCounter();
	const point = (offset: number): Point => {
		const { line, col } = lineCounter.linePos(offset);
		return { line, column: col };
	};
	const at = (node: YamlNode | null | undefined, fallback: Point): Point => (node?.range ? point(node.range[0]) : fallback);
	const result: AlertRuleFile = { file, alerts: [], problems: [] };
	const problem = (message: string, where: Point) => result.problems.push({ message, ...where });

	for (const document of parseAllDocuments(text, { lineCounter, prettyErrors: false })) {
		const documentStart = point(document.range[0]);
		if (document.errors.length > 0) {
			const error = document.errors[0]!;
			problem(`invalid YAML: ${error.message.split('\n')[0]}`, point(error.pos[0]));
			continue;
		}
		const contents = document.contents as YamlNode | null;
		if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === ''))) continue;
		if (!isMap(contents)) {
			problem('expected a rule file (`groups:`) or a PrometheusRule resource (`spec.groups`)', at(contents, documentStart));
			continue;
		}
		let groups = contents.get('groups', true) as YamlNode | undefined;
		if (groups === undefined) {
			const kind = contents.get('kind');
			const spec = contents.get('spec', true) as YamlNode | undefined;
			// Other Kubernetes resources may share a manifest file with the rules: they are not ours to judge.
			if (kind !== undefined && kind !== 'PrometheusRule') continue;
			if (kind === undefined) {
				problem('expected a rule file (`groups:`) or a PrometheusRule resource (`kind: PrometheusRule` with `spec.groups`)', at(contents, documentStart));
				continue;
			}
			groups = isMap(spec) ? (spec.get('groups', true) as YamlNode | undefined) : undefined;
			if (groups === undefined) {
				problem('this PrometheusRule has no `spec.groups`', at(spec ?? contents, documentStart));
				continue;
			}
		}
		if (!isSeq(groups)) {
			problem('`groups` must be a list of rule groups', at(groups, documentStart));
			continue;
		}
		for (const group of groups.items as (YamlNode | null)[]) {
			if (!isMap(group)) {
				problem('a rule group must be a mapping with `name` and `rules`', at(group, at(groups, documentStart)));
				continue;
			}
			const groupName = scalarText(group.get('name', true) as YamlNode | undefined) ?? '';
			const rules = group.get('rules', true) as YamlNode | undefined;
			if (rules === undefined || (isScalar(rules) && rules.value === null)) continue;
			if (!isSeq(rules)) {
				problem('`rules` must be a list of rules', at(rules, at(group, documentStart)));
				continue;
			}
			for (const rule of rules.items as (YamlNode | null)[]) {
				if (!isMap(rule)) {
					problem('a rule must be a mapping with `alert` (or `record`) and `expr`', at(rule, at(rules, documentStart)));
					continue;
				}
				const alert = rule.get('alert', true) as YamlNode | undefined;
				if (alert === undefined) continue;
				const name = scalarText(alert);
				if (name === undefined || name === '') {
					problem('`alert` must be the name of the alert', at(alert, at(rule, documentStart)));
					continue;
				}
				result.alerts.push({
					name,
					file,
					...at(alert, documentStart),
					group: groupName,
					labels: stringMap(rule.get('labels', true) as YamlNode | undefined),
					runbookUrl: runbookUrlOf(rule, point),
				});
			}
		}
	}
	return result;
}

function runbookUrlOf(rule: YAMLMap, point: (offset: number) => Point): PlacedValue | undefined {
	const annotations = rule.get('annotations', true) as YamlNode | undefined;
	if (!isMap(annotations)) return undefined;
	const url = annotations.get('runbook_url', true) as YamlNode | undefined;
	const value = scalarText(url);
	if (value === undefined || !url?.range) return undefined;
	return { value, ...point(url.range[0]) };
}

/** The text of a scalar (numbers and booleans as written), `undefined` for anything else. */
function scalarText(node: YamlNode | null | undefined): string | undefined {
	if (!isScalar(node) || node.value === null || typeof node.value === 'object') return undefined;
	return typeof node.source === 'string' && typeof node.value !== 'string' ? node.source : String(node.value);
}

function stringMap(node: YamlNode | undefined): Record<string, string> {
	const map: Record<string, string> = {};
	if (!isMap(node)) return map;
	for (const pair of node.items) {
		const key = scalarText(pair.key as YamlNode);
		const value = scalarText(pair.value as YamlNode);
		if (key !== undefined && value !== undefined) map[key] = value;
	}
	return map;
}
