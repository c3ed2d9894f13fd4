import jsYaml from 'js-yaml';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { isCalendarDate } from './today.ts';
import type { KeyPosition, ParsedFrontmatter, ParsedYaml } from './types.ts';

// Astro reads frontmatter and YAML data files with js-yaml's default schema; so does the
// checker, so that both see the same data. One difference: a timestamp that is not a real date
// (`2026-13-45`) becomes an invalid Date, which the schema reports, instead of rolling over to
// another date (2027-02-14) unnoticed.
// js-yaml exports its built-in types at run time; its type declarations omit them.
const timestampType = (jsYaml as unknown as { types: { timestamp: jsYaml.Type } }).types.timestamp;
const strictTimestamp = new jsYaml.Type('tag:yaml.org,2002:timestamp', {
	kind: 'scalar',
	resolve: (data: string) => timestampType.resolve(data),
	construct: (data: string) => {
		const [, year = '', month = '', day = ''] = /^(\d{4})-(\d\d?)-(\d\d?)/.exec(data) ?? [];
		return isCalendarDate(`${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`)
			? timestampType.construct(data)
			: new Date(Number.NaN);
	},
	instanceOf: Date,
});
const schema = jsYaml.DEFAULT_SCHEMA.extend({ implicit: [strictTimestamp] });

/**
 * Parses YAML as Astro does. `firstLine` is the line of the file the text starts on, so that
 * problems and key positions are file positions.
 */
export function parseYaml(text: string, firstLine = 1): ParsedYaml {
	try {
		return { data: jsYaml.load(text, { schema }), problems: [], text, firstLine };
	} catch (error) {
		if (!(error instanceof jsYaml.YAMLException)) throw error;
		const line = (error.mark?.line ?? 0) + firstLine;
		return { data: undefined, problems: [{ message: error.reason, line, column: (error.mark?.column ?? 0) + 1 }], text, firstLine };
	}
}

const keyPositions = new WeakMap<ParsedYaml, Record<string, KeyPosition>>();

/**
 * Where each key and value of the YAML is written, by path (segments joined with `.`:
 * `processOwner.team`, `escalation.0.team`). Only needed to report a problem, so it is worked out
 * on first use, with a parser that keeps source positions.
 */
export function keysOf(yaml: ParsedYaml): Record<string, KeyPosition> {
	let keys = keyPositions.get(yaml);
	if (!keys) {
		keys = {};
		const lineCounter = new LineCounter();
		const document = parseDocument(yaml.text, { lineCounter, prettyErrors: false });
		const point = (offset: number): [number, number] => {
			const { line, col } = lineCounter.linePos(offset);
			return [line + yaml.firstLine - 1, col];
		};
		if (document.contents) recordKeys(document.contents, '', keys, point);
		keyPositions.set(yaml, keys);
	}
	return keys;
}

function recordKeys(node: YamlNode, prefix: string, keys: Record<string, KeyPosition>, point: (offset: number) => [number, number]) {
	if (isMap(node)) {
		for (const pair of node.items) {
			if (!isScalar(pair.key) || !pair.key.range) continue;
			const path = prefix + String(pair.key.value);
			const keyPoint = point(pair.key.range[0]);
			const value = pair.value as YamlNode | null;
			keys[path] = [...keyPoint, ...(value?.range ? point(value.range[0]) : keyPoint)];
			if (value) recordKeys(value, `${path}.`, keys, point);
		}
	} else if (isSeq(node)) {
		node.items.forEach((item, index) => {
			const itemNode = item as YamlNode | null;
			if (!itemNode?.range) return;
			const itemPoint = point(itemNode.range[0]);
			keys[prefix + index] = [...itemPoint, ...itemPoint];
			recordKeys(itemNode, `${prefix}${index}.`, keys, point);
		});
	}
}

/**
 * Where a path of the data is written: the exact key (or its value) when present, else the
 * nearest enclosing key (a missing field is reported at its parent), else `fallback`.
 */
export function positionOf(
	yaml: ParsedYaml,
	path: readonly (string | number)[],
	fallback: { line: number; column: number },
	at: 'key' | 'value' = 'key',
): { line: number; column: number } {
	const keys = keysOf(yaml);
	for (let length = path.length; length > 0; length--) {
		const found = keys[path.slice(0, length).join('.')];
		if (found)
			return at === 'value' && length === path.length ? { line: found[2], column: found[3] } : { line: found[0], column: found[1] };
	}
	return fallback;
}

// The same pattern as Astro's frontmatter reader (@astrojs/internal-helpers/frontmatter), so a
// file has frontmatter here exactly when it has it on the site.
const frontmatterPattern = /(?:^\uFEFF?|^\s*\n)(?:---|\+\+\+)([\s\S]*?\n)(?:---|\+\+\+)/;

/** The YAML text of a Markdown file's frontmatter (empty when there is none). */
export function frontmatterText(source: string): string {
	return frontmatterPattern.exec(source)?.[1] ?? '';
}

/**
 * Splits a Markdown file into its frontmatter and its body. The body keeps the file's line
 * numbers (the frontmatter is blanked, not removed), so positions found in it are file positions.
 */
export function splitFrontmatter(source: string): { frontmatter: ParsedFrontmatter; body: string } {
	const match = frontmatterPattern.exec(source);
	if (!match) {
		return { frontmatter: { kind: 'none', line: 1, bodyLine: 1, data: {}, problems: [], text: '', firstLine: 1 }, body: source };
	}
	const block = match[0];
	const yamlText = match[1]!;
	const openingOffset = block.length - yamlText.length - 6;
	const line = countNewlines(source.slice(0, match.index + openingOffset)) + 1;
	const bodyLine = line + countNewlines(yamlText) + 1;
	const body = block.replace(/[^\r\n]/g, '') + source.slice(match.index + block.length);
	if (block.trimStart().startsWith('+++')) {
		return { frontmatter: { kind: 'toml', line, bodyLine, data: {}, problems: [], text: yamlText, firstLine: line }, body };
	}
	return { frontmatter: { kind: 'yaml', line, bodyLine, ...parseYaml(yamlText, line) }, body };
}

function countNewlines(text: string): number {
	let count = 0;
	for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) count++;
	return count;
}
