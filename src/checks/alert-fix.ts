import { isMap, isScalar, isSeq, parseAllDocuments, type Node as YamlNode, type Pair, type YAMLMap } from 'yaml';

/** An alerting rule as the fixer sees it: its name and labels. */
export interface RuleToFix {
	name: string;
	labels: Record<string, string>;
}

/** What {@link addRunbookUrls} did. */
export interface RunbookUrlFix {
	/** The text with the annotations added (the same text when nothing was added). */
	text: string;
	/** The alerts that got a `runbook_url`, with the line of their name in the original text. */
	added: { alert: string; line: number }[];
	/** Rules that need one but could not take it without rewriting what is written (`annotations: null`). */
	skipped: { alert: string; line: number; reason: string }[];
}

/**
 * Adds a `runbook_url` annotation to every alerting rule of a Prometheus rule file (or of a
 * `PrometheusRule` resource) that has none, for which `urlFor` gives an address. Every other
 * byte stays as written: comments, indentation, flow style (`{ severity: page }`), quoting, line
 * endings. The text is only inserted into, never rewritten: into an existing `annotations:`
 * mapping with the indentation of its keys (or before the closing `}` of a flow mapping), else as
 * a new `annotations:` mapping after the rule's last key, indented as the rule's own keys are.
 * A file that is not valid YAML is returned unchanged: the check reports it.
 */
export function addRunbookUrls(text: string, urlFor: (rule: RuleToFix) => string | undefined): RunbookUrlFix {
	const newline = text.includes('\r\n') ? '\r\n' : '\n';
	const insertions: { at: number; text: string }[] = [];
	const result: RunbookUrlFix = { text, added: [], skipped: [] };
	const documents = parseAllDocuments(text);
	if (!Array.isArray(documents) || documents.some((document) => document.errors.length > 0)) return result;
	const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;

	for (const rule of alertingRules(documents.map((document) => document.contents as YamlNode | null))) {
		const alertNode = rule.get('alert', true) as YamlNode;
		const name = scalarString(alertNode);
		if (name === undefined) continue;
		const annotations = rule.get('annotations', true) as YamlNode | null | undefined;
		if (isMap(annotations) && annotations.has('runbook_url')) continue;
		const url = urlFor({ name, labels: labelsOf(rule) });
		if (url === undefined) continue;
		const value = yamlValue(url);
		const line = lineOf(alertNode.range![0]);
		if (isMap(annotations)) {
			insertions.push(insertIntoMap(text, annotations, `runbook_url: ${value}`, newline));
		} else if (annotations === undefined || isEmptyValue(annotations)) {
			const pair = rule.items.find((item) => isScalar(item.key) && item.key.value === 'annotations');
			if (pair && annotations !== undefined) {
				// `annotations:` written with nothing after it: its entries go on the next lines.
				const indent = columnOf(text, (pair.key as YamlNode).range![0]) + indentStep(text, rule);
				insertions.push({ at: lineEndAfter(text, (pair.key as YamlNode).range![1]), text: `${' '.repeat(indent)}runbook_url: ${value}${newline}` });
			} else if (rule.flow) {
				insertions.push(insertIntoMap(text, rule, `annotations: {runbook_url: ${value}}`, newline));
			} else {
				const indent = columnOf(text, (rule.items[0]!.key as YamlNode).range![0]);
				const step = indentStep(text, rule);
				const block = `${' '.repeat(indent)}annotations:${newline}${' '.repeat(indent + step)}runbook_url: ${value}${newline}`;
				insertions.push({ at: lineEndAfter(text, endOfPair(rule.items.at(-1)!)), text: block });
			}
		} else {
			result.skipped.push({ alert: name, line, reason: '`annotations` is not a mapping' });
			continue;
		}
		result.added.push({ alert: name, line });
	}
	let fixed = text;
	for (const insertion of insertions.sort((a, b) => b.at - a.at)) {
		// At the end of a file without a final line break, a new line starts with one.
		const lead = insertion.at === text.length && text !== '' && !text.endsWith('\n') && insertion.text.endsWith(newline) ? newline : '';
		fixed = fixed.slice(0, insertion.at) + lead + insertion.text + fixed.slice(insertion.at);
	}
	return { ...result, text: fixed };
}

/** A value written as nothing at all (`annotations:` and the end of the line), unlike `null` or `~`. */
function isEmptyValue(node: YamlNode | null): boolean {
	if (node === null) return true;
	return isScalar(node) && node.value === null && node.range != null && node.range[0] === node.range[1];
}

/** Every mapping with an `alert:` under `groups[].rules[]` or `spec.groups[].rules[]`, in document order. */
function* alertingRules(documents: (YamlNode | null)[]): Generator<YAMLMap> {
	for (const contents of documents) {
		if (!isMap(contents)) continue;
		let groups = contents.get('groups', true) as YamlNode | undefined;
		if (groups === undefined && contents.get('kind') === 'PrometheusRule') {
			const spec = contents.get('spec', true) as YamlNode | undefined;
			groups = isMap(spec) ? (spec.get('groups', true) as YamlNode | undefined) : undefined;
		}
		if (!isSeq(groups)) continue;
		for (const group of groups.items) {
			const rules = isMap(group) ? (group.get('rules', true) as YamlNode | undefined) : undefined;
			if (!isSeq(rules)) continue;
			for (const rule of rules.items) if (isMap(rule) && rule.has('alert')) yield rule as YAMLMap;
		}
	}
}

/** An insertion of `entry` as the last entry of a mapping, block or flow. */
function insertIntoMap(text: string, map: YAMLMap, entry: string, newline: string): { at: number; text: string } {
	const last = map.items.at(-1);
	if (map.flow) {
		if (last) return { at: endOfPair(last), text: `, ${entry}` };
		return { at: map.range![1] - 1, text: entry };
	}
	const indent = columnOf(text, (last!.key as YamlNode).range![0]);
	return { at: lineEndAfter(text, endOfPair(last!)), text: `${' '.repeat(indent)}${entry}${newline}` };
}

/** Where a key-value pair's text ends: after its value, or its key when the value is empty. */
function endOfPair(pair: Pair): number {
	const value = pair.value as YamlNode | null;
	return value?.range ? value.range[1] : (pair.key as YamlNode).range![1];
}

/** The start of the line after the one holding the character before `offset` (the end of the text if there is none). */
function lineEndAfter(text: string, offset: number): number {
	if (offset > 0 && text[offset - 1] === '\n') return offset;
	const newline = text.indexOf('\n', offset);
	return newline === -1 ? text.length : newline + 1;
}

/** The 0-based column of an offset in its line. */
function columnOf(text: string, offset: number): number {
	return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** How far the rule's nested mappings indent their keys (2 when none shows it). */
function indentStep(text: string, rule: YAMLMap): number {
	for (const pair of rule.items) {
		const value = pair.value as YamlNode | null;
		if (isMap(value) && !value.flow && value.items.length > 0) {
			const step = columnOf(text, (value.items[0]!.key as YamlNode).range![0]) - columnOf(text, (pair.key as YamlNode).range![0]);
			if (step > 0) return step;
		}
	}
	return 2;
}

function labelsOf(rule: YAMLMap): Record<string, string> {
	const labels = rule.get('labels', true) as YamlNode | undefined;
	const map: Record<string, string> = {};
	if (!isMap(labels)) return map;
	for (const pair of labels.items) {
		const key = scalarString(pair.key as YamlNode);
		const value = scalarString(pair.value as YamlNode);
		if (key !== undefined && value !== undefined) map[key] = value;
	}
	return map;
}

function scalarString(node: YamlNode | null | undefined): string | undefined {
	return isScalar(node) && node.value !== null && typeof node.value !== 'object' ? String(node.value) : undefined;
}

/** A URL as a YAML value: plain when it reads back as the same string in block and flow context, else double-quoted. */
function yamlValue(url: string): string {
	return /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[A-Za-z0-9._~:/?@!$&'()*+;=%-]*$/.test(url) && !/[,[\]{}#]/.test(url) && !url.includes(': ')
		? url
		: JSON.stringify(url);
}
