import type { Generator } from './source.ts';

/** Template code the import took out of a page: it is the old generator's to run, never ours. */
export interface StrippedTemplate {
	line: number;
	/** The code as written, shortened. */
	code: string;
	kind: 'erb' | 'jinja' | 'hugo-shortcode' | 'mdx';
}

/** What converting one page's Markdown did. */
export interface Conversion {
	body: string;
	templates: StrippedTemplate[];
	admonitions: number;
	alerts: number;
	tabs: number;
	/** Attribute lists after links (`[x](y){:target="_blank"}`, kramdown and MkDocs' attr_list) taken out. */
	attributeLists: number;
	/** Custom heading ids (`## Heading {#id}`) taken out, by the heading's line in the result. */
	headingIds: Map<number, string>;
	/** Components of MDX (capitalised tags) that are left as written. */
	components: string[];
}

/** Starlight's aside types, and the title an admonition type keeps when it is not one of them. */
const asideOf: Record<string, { aside: 'note' | 'tip' | 'caution' | 'danger'; title?: string }> = {
	note: { aside: 'note' },
	tip: { aside: 'tip' },
	caution: { aside: 'caution' },
	danger: { aside: 'danger' },
	info: { aside: 'note', title: 'Info' },
	abstract: { aside: 'note', title: 'Abstract' },
	summary: { aside: 'note', title: 'Summary' },
	tldr: { aside: 'note', title: 'TL;DR' },
	todo: { aside: 'note', title: 'To do' },
	question: { aside: 'note', title: 'Question' },
	help: { aside: 'note', title: 'Help' },
	faq: { aside: 'note', title: 'FAQ' },
	example: { aside: 'note', title: 'Example' },
	quote: { aside: 'note', title: 'Quote' },
	cite: { aside: 'note', title: 'Quote' },
	hint: { aside: 'tip', title: 'Hint' },
	important: { aside: 'caution', title: 'Important' },
	success: { aside: 'tip', title: 'Success' },
	check: { aside: 'tip', title: 'Success' },
	done: { aside: 'tip', title: 'Done' },
	warning: { aside: 'caution', title: 'Warning' },
	attention: { aside: 'caution', title: 'Attention' },
	failure: { aside: 'danger', title: 'Failure' },
	fail: { aside: 'danger', title: 'Failure' },
	missing: { aside: 'danger', title: 'Missing' },
	error: { aside: 'danger', title: 'Error' },
	bug: { aside: 'danger', title: 'Bug' },
};

/** The Starlight aside for an admonition type; an unknown type (`aside`, `danger-zone`) is a note titled with its name. */
function asideFor(type: string): { aside: string; title: string | undefined } {
	const known = asideOf[type.toLowerCase()];
	if (known) return { aside: known.aside, title: known.title };
	return { aside: 'note', title: type.charAt(0).toUpperCase() + type.slice(1).replace(/[-_]+/g, ' ') };
}

/** An aside in Starlight's syntax, with enough colons to hold the asides inside it. */
function aside(type: string, title: string | undefined, content: string[]): string[] {
	const deepest = Math.max(2, ...content.map((line) => /^\s*(:{3,})/.exec(line)?.[1]?.length ?? 0));
	const fence = ':'.repeat(deepest + 1);
	const label = title ? `[${title.replace(/[[\]]/g, '')}]` : '';
	return [`${fence}${type}${label}`, ...trimBlank(content), fence];
}

function trimBlank(lines: string[]): string[] {
	let start = 0;
	let end = lines.length;
	while (start < end && lines[start]!.trim() === '') start++;
	while (end > start && lines[end - 1]!.trim() === '') end--;
	return lines.slice(start, end);
}

/**
 * Converts one page's Markdown body (frontmatter already taken off, lines kept) from its
 * generator's dialect to the handbook's: template code stripped and listed; MkDocs admonitions
 * (`!!! note "Title"`, `???`), Docusaurus admonitions (`:::info Title`), GitHub alerts
 * (`> [!NOTE]`) and Hugo's `hint`/`details` shortcodes become Starlight asides (`:::note[Title]`);
 * tabs (MkDocs `=== "Tab"`, Docusaurus `<TabItem>`, Hugo `tab`) become a labelled block per tab,
 * since Starlight's tabs exist only in MDX; custom heading ids (`{#id}`) are taken off and
 * remembered, so that links to them can be pointed at the heading's new id; Hugo's `ref` and
 * `relref` become the paths they name. Code blocks are left as written, but for ERB, which
 * Middleman runs everywhere in a page.
 */
export function convertBody(body: string, generator: Generator, erb: boolean, params: Record<string, string> = {}): Conversion {
	const result: Conversion = { body, templates: [], admonitions: 0, alerts: 0, tabs: 0, attributeLists: 0, headingIds: new Map(), components: [] };
	let text = body;
	if (erb) text = stripErb(text, result);
	let lines = text.split('\n');
	lines = mapOutsideCode(lines, (line, number) => stripInline(line, number, generator, result, params));
	lines = convertBlocks(lines, generator, result);
	// A heading that held only template code (`# <%= current_page.data.title %>`) is gone with it.
	lines = mapOutsideCode(lines, (line, number) => {
		const custom = /^(#{1,6}[ \t]+.*?)[ \t]*\{#([\w.:-]+)\}[ \t]*$/.exec(line);
		if (custom) {
			result.headingIds.set(number, custom[2]!);
			return custom[1]!;
		}
		return /^#{1,6}[ \t]*$/.test(line) ? '' : line;
	});
	result.body = lines.join('\n');
	return result;
}

const short = (code: string) => {
	const flat = code.replace(/\s+/g, ' ').trim();
	return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat;
};

/** Takes out ERB (`<% %>`, `<%= %>`, `<%# %>`), keeping every line where it was. */
function stripErb(text: string, result: Conversion): string {
	return text.replace(/<%(?!%)[\s\S]*?%>/g, (code, offset: number) => {
		result.templates.push({ line: lineAt(text, offset), code: short(code), kind: 'erb' });
		return code.replace(/[^\n]/g, '');
	});
}

function lineAt(text: string, offset: number): number {
	let line = 1;
	for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) line++;
	return line;
}

/** Applies a function to each line outside fenced code blocks (1-based line numbers). */
function mapOutsideCode(lines: string[], map: (line: string, number: number) => string): string[] {
	let fence: string | undefined;
	return lines.map((line, index) => {
		const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
		if (marker) {
			if (fence === undefined) fence = marker;
			else if (marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
			return line;
		}
		return fence === undefined ? map(line, index + 1) : line;
	});
}

/** Template code inside a line, outside inline code: Hugo shortcodes, Jinja and placeholders. */
function stripInline(line: string, number: number, generator: Generator, result: Conversion, params: Record<string, string>): string {
	return line
		.split(/(`+[^`]*`+)/)
		.map((part) => {
			if (part.startsWith('`')) return part;
			let converted = part;
			// Hugo's references are paths: keep them.
			converted = converted.replace(/\{\{[<%]\s*(?:rel)?ref\s+"([^"]*)"\s*[>%]\}\}/g, (_, path: string) => path);
			if (generator === 'hugo') {
				// A site parameter is configuration, not code: filled in from the site's configuration when it has it.
				converted = converted.replace(/\{\{[<%]\s*param\s+"?([\w.]+)"?\s*[>%]\}\}/g, (code, name: string) => {
					const value = params[name];
					if (value === undefined) return code;
					result.templates.push({ line: number, code: `${short(code)} (filled in from the site configuration: ${value})`, kind: 'hugo-shortcode' });
					return value;
				});
				converted = converted.replace(/\{\{[<%]([\s\S]*?)[>%]\}\}/g, (code, inner: string) => {
					if (/^\s*\/?\s*(hint|details|tabs|tab|expand|notice)\b/.test(inner)) return code;
					result.templates.push({ line: number, code: short(code), kind: 'hugo-shortcode' });
					return '';
				});
			}
			// kramdown's and attr_list's `{:target="_blank"}` after a link: the handbook has no attribute lists.
			converted = converted.replace(/\)\{:?[ \t]*(?:[.#][\w-]+|[\w-]+=(?:"[^"]*"|'[^']*'|[^\s}]+))(?:[ \t]+(?:[.#][\w-]+|[\w-]+=(?:"[^"]*"|'[^']*'|[^\s}]+)))*[ \t]*\}/g, () => {
				result.attributeLists++;
				return ')';
			});
			converted = converted.replace(/\{\{(?![<%])[\s\S]*?\}\}|\{%[\s\S]*?%\}|\{#[\s\S]*?#\}/g, (code) => {
				result.templates.push({ line: number, code: short(code), kind: 'jinja' });
				return '';
			});
			return converted;
		})
		.join('');
}

/** Block conversions: admonitions, alerts, tabs, Hugo's block shortcodes, MDX imports and tab components. */
function convertBlocks(lines: string[], generator: Generator, result: Conversion): string[] {
	const out: string[] = [];
	let fence: string | undefined;
	for (let index = 0; index < lines.length; index++) {
		const line = lines[index]!;
		const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
		if (marker) {
			if (fence === undefined) fence = marker;
			else if (marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
			out.push(line);
			continue;
		}
		if (fence !== undefined) {
			out.push(line);
			continue;
		}
		// MkDocs admonitions and pymdownx tabs: a marker line, then a block indented four spaces.
		const admonition = /^(\s*)(!!!|\?\?\?\+?)[ \t]+([\w-]+)(?:[ \t]+"([^"]*)")?[ \t]*$/.exec(line);
		const tab = /^(\s*)===\+?[ \t]+"([^"]*)"[ \t]*$/.exec(line);
		if (admonition || tab) {
			const indent = (admonition ?? tab)![1]!;
			const block: string[] = [];
			while (index + 1 < lines.length && (lines[index + 1]!.trim() === '' || lines[index + 1]!.startsWith(`${indent}    `) || lines[index + 1]!.startsWith(`${indent}\t`))) {
				index++;
				block.push(lines[index]!.startsWith(`${indent}\t`) ? lines[index]!.slice(indent.length + 1) : lines[index]!.slice(indent.length + 4));
			}
			const content = convertBlocks(block, generator, result);
			if (admonition) {
				result.admonitions++;
				const { aside: type, title } = asideFor(admonition[3]!);
				const written = admonition[4];
				out.push(...aside(type, written === undefined ? title : written || undefined, content).map((text) => indent + text), '');
			} else {
				result.tabs++;
				out.push(`${indent}**${tab![2]}**`, '', ...trimBlank(content).map((text) => (text === '' ? '' : indent + text)), '');
			}
			continue;
		}
		// GitHub alerts: a blockquote starting `> [!NOTE]`.
		const alert = /^(\s*)>[ \t]*\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*(.*)$/i.exec(line);
		if (alert) {
			const indent = alert[1]!;
			// Some renderers take text on the marker's line too (`> [!NOTE] Read this.`).
			const block: string[] = alert[3] ? [alert[3]] : [];
			while (index + 1 < lines.length && lines[index + 1]!.startsWith(`${indent}>`)) {
				index++;
				block.push(lines[index]!.slice(indent.length + 1).replace(/^ /, ''));
			}
			result.alerts++;
			const type = alert[2]!.toLowerCase();
			const { aside: asideType } = asideFor(type === 'caution' ? 'danger' : type);
			const title = type.charAt(0).toUpperCase() + type.slice(1);
			out.push(...aside(asideType, title, convertBlocks(block, generator, result)).map((text) => indent + text));
			continue;
		}
		// Docusaurus admonitions: `:::info Title` or `:::info[Title]`, closed by `:::`.
		const directive = /^(\s*)(:{3,})([a-zA-Z]+)(?:\[([^\]]*)\]|[ \t]+(.+?))?(\{[^}]*\})?[ \t]*$/.exec(line);
		if (directive) {
			const type = directive[3]!;
			const { aside: asideType, title } = asideFor(type);
			const written = directive[4] ?? directive[5];
			const starlightNative = ['note', 'tip', 'caution', 'danger'].includes(type) && directive[5] === undefined && directive[6] === undefined;
			if (!starlightNative) result.admonitions++;
			out.push(`${directive[1]}${directive[2]}${asideType}${written ?? title ? `[${(written ?? title)!.replace(/[[\]]/g, '')}]` : ''}`);
			continue;
		}
		// Hugo block shortcodes (hugo-book and others).
		const shortcode = /^(\s*)\{\{[<%]\s*(\/?)\s*(hint|details|tabs|tab|expand|notice)\b(.*?)[>%]\}\}[ \t]*$/.exec(line);
		if (shortcode) {
			const [, indent, closing, name, args] = shortcode;
			const firstArg = /"([^"]*)"|([\w-]+)/.exec(args!.trim());
			const argument = firstArg?.[1] ?? firstArg?.[2];
			if (name === 'tabs') {
				if (!closing) result.tabs++;
				continue;
			}
			if (name === 'tab') {
				if (!closing) out.push(`${indent}**${argument ?? 'Tab'}**`, '');
				continue;
			}
			if (closing) {
				out.push(`${indent}:::`);
				continue;
			}
			result.admonitions++;
			if (name === 'hint' || name === 'notice') {
				const { aside: type, title } = asideFor(argument ?? 'note');
				out.push(`${indent}:::${type}${title ? `[${title}]` : ''}`);
			} else out.push(`${indent}:::note${argument ? `[${argument}]` : ''}`);
			continue;
		}
		// Docusaurus writes MDX in .md files: imports, and tabs as components.
		if ((generator === 'docusaurus' || generator === 'plain') && /^import\s+[\w{}\s,*]+\s+from\s+['"][^'"]+['"];?\s*$/.test(line)) {
			result.templates.push({ line: index + 1, code: short(line), kind: 'mdx' });
			continue;
		}
		const tabItem = /^(\s*)<TabItem\b[^>]*?\blabel=(?:"([^"]*)"|'([^']*)'|\{["']([^"']*)["']\})[^>]*>\s*$/.exec(line) ?? /^(\s*)<TabItem\b[^>]*?\bvalue=(?:"([^"]*)"|'([^']*)')[^>]*>\s*$/.exec(line);
		if (tabItem) {
			out.push('', `**${tabItem[2] ?? tabItem[3] ?? tabItem[4]}**`, '');
			continue;
		}
		if (/^\s*<\/?Tabs\b[^>]*>\s*$/.test(line)) {
			if (!line.includes('</')) result.tabs++;
			continue;
		}
		if (/^\s*<\/TabItem>\s*$/.test(line)) continue;
		const component = /^\s*<([A-Z][\w.]*)\b[^>]*\/>\s*$/.exec(line);
		if (component) {
			result.templates.push({ line: index + 1, code: short(line), kind: 'mdx' });
			continue;
		}
		for (const match of line.matchAll(/<([A-Z][\w.]*)\b/g)) if (!result.components.includes(match[1]!)) result.components.push(match[1]!);
		out.push(line);
	}
	return out;
}
