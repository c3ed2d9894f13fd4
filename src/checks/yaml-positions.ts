import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import type { ParsedYaml } from '../core/types.ts';

/** Line and column of a YAML key, and of its value. */
export type KeyPosition = [keyLine: number, keyColumn: number, valueLine: number, valueColumn: number];

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
