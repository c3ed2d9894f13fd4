import { styleText } from 'node:util';
import type { VFile } from 'vfile';
import { type Diagnostic, listDiagnostics } from './diagnostics.ts';

export interface PrettyOptions {
	/** ANSI colours (default: none). */
	color?: boolean | undefined;
	/** Columns the report may use (default: {@link defaultWidth}); lines wrap to fit. */
	width?: number | undefined;
}

/** Where no terminal says how wide it is (a CI log, a file): a width every viewer shows. */
export const defaultWidth = 100;
/** A message column is never narrower than this, however narrow the terminal. */
const minMessageWidth = 24;
const gap = '  ';
const severityWidth = 'warning'.length;

/**
 * The report for people, in the shape of ESLint's `stylish`: diagnostics grouped by file, one line
 * each with line:column, severity, message and rule, the fix hint under the message, then a
 * summary. Columns line up within a file, and long messages wrap inside their column, so every
 * line fits the given width.
 */
export function formatPretty(files: VFile[], options: PrettyOptions = {}): string {
	const diagnostics = listDiagnostics(files);
	if (diagnostics.length === 0) return `${files.length} files checked: no problems`;
	const width = Math.max(options.width ?? defaultWidth, 40);
	const paint = (format: Parameters<typeof styleText>[0], text: string) => (options.color ? styleText(format, text, { validateStream: false }) : text);
	const byFile = Map.groupBy(diagnostics, (diagnostic) => diagnostic.file);
	const blocks = [...byFile].map(([file, list]) => [paint('underline', file), ...fileLines(list, width, paint)].join('\n'));
	return `${blocks.join('\n\n')}\n\n${summary(diagnostics, paint)}`;
}

function fileLines(list: Diagnostic[], width: number, paint: (format: Parameters<typeof styleText>[0], text: string) => string): string[] {
	const positions = list.map(position);
	const positionWidth = Math.max(...positions.map(length));
	const ruleWidth = Math.max(...list.map((diagnostic) => length(diagnostic.ruleId)));
	const indent = gap.length + positionWidth + gap.length + severityWidth + gap.length;
	const longest = Math.max(...list.map((diagnostic) => length(diagnostic.message)));
	const messageWidth = Math.max(minMessageWidth, Math.min(longest, width - indent - gap.length - ruleWidth));
	const lines: string[] = [];
	list.forEach((diagnostic, index) => {
		const [first = '', ...rest] = wrap(diagnostic.message, messageWidth);
		const severity = paint(diagnostic.severity === 'error' ? 'red' : 'yellow', diagnostic.severity.padEnd(severityWidth));
		lines.push(`${gap}${positions[index]!.padEnd(positionWidth)}${gap}${severity}${gap}${pad(first, messageWidth)}${gap}${paint('dim', diagnostic.ruleId)}`);
		for (const line of rest) lines.push(' '.repeat(indent) + line);
		if (diagnostic.fix) {
			for (const line of wrap(`fix: ${diagnostic.fix}`, messageWidth + gap.length + ruleWidth)) lines.push(' '.repeat(indent) + paint('dim', line));
		}
	});
	return lines;
}

function position(diagnostic: Diagnostic): string {
	const start = `${diagnostic.line}:${diagnostic.column}`;
	return diagnostic.endLine === undefined ? start : `${start}-${diagnostic.endLine}:${diagnostic.endColumn}`;
}

/** `✖ 2 errors, ⚠ 1 warning`, as remark and ESLint end their reports. */
function summary(diagnostics: Diagnostic[], paint: (format: Parameters<typeof styleText>[0], text: string) => string): string {
	const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
	const warnings = diagnostics.length - errors;
	const parts = [
		...(errors > 0 ? [`${paint('red', '✖')} ${errors} ${errors === 1 ? 'error' : 'errors'}`] : []),
		...(warnings > 0 ? [`${paint('yellow', '⚠')} ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`] : []),
	];
	return parts.join(', ');
}

/** Characters as a terminal counts them, near enough: one column per code point. */
function length(text: string): number {
	return [...text].length;
}

function pad(text: string, width: number): string {
	return text + ' '.repeat(Math.max(0, width - length(text)));
}

/** Breaks text into lines of at most `width` columns at spaces; a word longer than a line is cut. */
export function wrap(text: string, width: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		let rest = word;
		while (length(rest) > width) {
			if (line) lines.push(line);
			const chars = [...rest];
			lines.push(chars.slice(0, width).join(''));
			rest = chars.slice(width).join('');
			line = '';
		}
		if (!line) line = rest;
		else if (length(line) + 1 + length(rest) <= width) line += ` ${rest}`;
		else {
			lines.push(line);
			line = rest;
		}
	}
	if (line || lines.length === 0) lines.push(line);
	return lines;
}
