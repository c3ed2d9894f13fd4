import jsYaml from 'js-yaml';
import { isCalendarDate } from './today.ts';
import type { ParsedFrontmatter, ParsedYaml } from './types.ts';

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
		return { data: jsYaml.load(text, { schema }) ?? null, problems: [], text, firstLine };
	} catch (error) {
		if (!(error instanceof jsYaml.YAMLException)) throw error;
		const line = (error.mark?.line ?? 0) + firstLine;
		return { data: undefined, problems: [{ message: error.reason, line, column: (error.mark?.column ?? 0) + 1 }], text, firstLine };
	}
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
	const yaml = parseYaml(yamlText, line);
	// An empty block (`---` then `---`) holds no keys, as on the site.
	return { frontmatter: { kind: 'yaml', line, bodyLine, ...yaml, data: yaml.data === null ? {} : yaml.data }, body };
}

function countNewlines(text: string): number {
	let count = 0;
	for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) count++;
	return count;
}
