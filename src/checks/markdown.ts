import GithubSlugger from 'github-slugger';
import { markdownToMdast, mdxToMdast } from 'satteri';
import { plainText, renderFeatures, type TitleNode, titleHeading } from '../core/title.ts';
import { scanPage } from './output/scan.ts';
import type { Hazard, Heading, LinkRecord, ParsedMarkdown, TableRecord, TaskItem } from './types.ts';

// Parsing with the renderer's own parser and features is what makes the heading ids below match the HTML.

interface MdastNode {
	type: string;
	value?: string;
	url?: string;
	identifier?: string;
	depth?: number;
	/** JSX elements of MDX. */
	name?: string | null;
	attributes?: { type: string; name?: string; value?: unknown }[];
	/** List items: `true` or `false` for a task item (`- [x]`, `- [ ]`), else `null`. */
	checked?: boolean | null;
	children?: MdastNode[];
	position?: { start: { line: number; column: number; offset: number }; end: { line: number; column: number; offset: number } };
}

/** JSX attributes that hold a URL, by element: MDX renders them as written. */
const jsxUrlAttributes: Record<string, string> = { a: 'href', img: 'src', area: 'href', source: 'src', video: 'src', audio: 'src', iframe: 'src' };

/**
 * Collects, in one pass over the Markdown body, what the checks need: headings with the ids the
 * site gives them, links (inline, images, reference definitions, raw HTML, MDX's JSX), tables
 * with the heading they sit under, task list items (`- [x]`), other anchors, markup that can run
 * script (hazards), and in MDX the components a page uses and imports. Code blocks and inline
 * code are never looked into, so text there is not a link.
 *
 * Raw HTML is read with the tokenizer the check of the built site uses, so that nothing in an
 * HTML comment counts; the site has Sätteri parse raw HTML into elements, so a raw `<h2>` gets an
 * id like a Markdown heading (or keeps its own) and its links are rewritten like Markdown's.
 *
 * Heading ids are computed as Astro's heading-ids plugin does: one GitHub slugger per document,
 * fed each heading's text content in document order. The text content is the rendered text:
 * smart punctuation applied (`--` is an en dash, which the slugger then drops), inline code and
 * link text included, image alt text and raw HTML tags left out, footnote references as their
 * number, and headings inside footnotes last, where the footnotes section renders them.
 *
 * The tree is walked without recursion: blockquotes or lists nested thousands deep are fine.
 * A page the parser refuses (MDX with an unclosed tag) throws an error whose message starts with
 * `line:column:`; see {@link parseErrorPosition}.
 */
export function parseMarkdown(body: string, format: 'md' | 'mdx'): ParsedMarkdown {
	const parse = format === 'mdx' ? mdxToMdast : markdownToMdast;
	const root = parse(body, { features: renderFeatures }) as unknown as MdastNode;
	const slugger = new GithubSlugger();
	const headings: Heading[] = [];
	const links: LinkRecord[] = [];
	const tables: TableRecord[] = [];
	const tasks: TaskItem[] = [];
	const extraAnchors: string[] = [];
	const definitions: { identifier: string; link: LinkRecord }[] = [];
	const usedDefinitions = new Set<string>();
	const footnoteOrder: string[] = [];
	const footnoteReferences = new Map<string, number>();
	const footnoteDefinitions = new Map<string, MdastNode>();
	const hazards: Hazard[] = [];
	const components: { name: string; line: number; column: number }[] = [];
	const imports: string[] = [];
	let section: string | undefined;

	// The text a node renders as. Iterative, like the walk below, so nesting depth cannot exhaust the stack.
	const textOf = (node: MdastNode): string => {
		let text = '';
		const pending: MdastNode[] = [node];
		for (let current = pending.pop(); current !== undefined; current = pending.pop()) {
			switch (current.type) {
				case 'text':
				case 'inlineCode':
					text += current.value ?? '';
					break;
				case 'footnoteReference':
					text += String(footnoteOrder.indexOf(current.identifier ?? '') + 1);
					break;
				case 'textDirective':
					// Starlight's directive restoration prints unclaimed directives back as their source.
					if (current.position) text += body.slice(current.position.start.offset, current.position.end.offset);
					break;
				default:
					// Raw HTML, images (their alt text) and breaks add no text.
					if (current.children) for (let index = current.children.length - 1; index >= 0; index--) pending.push(current.children[index]!);
			}
		}
		return text;
	};

	// Nodes to visit, in document order from the end of the array; `after` marks the second visit
	// of a heading or table, once its children have been walked.
	const pending: { node: MdastNode; after: boolean }[] = [];
	const pushChildren = (node: MdastNode) => {
		if (node.children) for (let index = node.children.length - 1; index >= 0; index--) pending.push({ node: node.children[index]!, after: false });
	};
	const visit = (node: MdastNode): void => {
		switch (node.type) {
			case 'code':
			case 'inlineCode':
				return;
			case 'heading':
			case 'table':
				pending.push({ node, after: true });
				pushChildren(node);
				return;
			case 'link':
			case 'image':
				links.push(linkRecord(node, node.type));
				pushChildren(node);
				return;
			case 'definition':
				definitions.push({ identifier: node.identifier ?? '', link: linkRecord(node, 'definition') });
				return;
			case 'linkReference':
			case 'imageReference':
				usedDefinitions.add(node.identifier ?? '');
				pushChildren(node);
				return;
			case 'footnoteReference': {
				const id = node.identifier ?? '';
				const count = (footnoteReferences.get(id) ?? 0) + 1;
				footnoteReferences.set(id, count);
				if (count === 1) footnoteOrder.push(id);
				extraAnchors.push(count === 1 ? `user-content-fnref-${id}` : `user-content-fnref-${id}-${count}`);
				return;
			}
			case 'footnoteDefinition':
				footnoteDefinitions.set(node.identifier ?? '', node);
				return;
			case 'html':
				scanHtml(node);
				return;
			case 'mdxjsEsm':
				imports.push(...importedNames(node.value ?? ''));
				return;
			case 'mdxJsxFlowElement':
			case 'mdxJsxTextElement':
				readJsx(node);
				pushChildren(node);
				return;
			case 'listItem':
				if (typeof node.checked === 'boolean') tasks.push({ checked: node.checked, line: node.position!.start.line });
				pushChildren(node);
				return;
			default:
				pushChildren(node);
		}
	};
	const finish = (node: MdastNode): void => {
		if (node.type === 'heading') {
			const text = textOf(node);
			const start = node.position!.start;
			headings.push({ depth: node.depth ?? 1, text, slug: slugger.slug(text), line: start.line, column: start.column });
			section = text;
			return;
		}
		tables.push({
			line: node.position!.start.line,
			section,
			rows: (node.children ?? []).map((row) => ({
				line: row.position!.start.line,
				cells: (row.children ?? []).map((cell) => ({
					text: textOf(cell).trim(),
					line: cell.position!.start.line,
					column: cell.position!.start.column,
				})),
			})),
		});
	};
	const walk = (start: MdastNode) => {
		pending.push({ node: start, after: false });
		for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
			if (item.after) finish(item.node);
			else visit(item.node);
		}
	};

	const scanHtml = (node: MdastNode) => {
		const value = node.value ?? '';
		const scan = scanPage(value);
		const at = (point: { line: number; column: number }) => pointAt(node, point);
		for (const id of scan.anchors) extraAnchors.push(id);
		for (const raw of scan.headings) {
			const { line, column } = at(raw);
			const slug = raw.id ?? slugger.slug(raw.text);
			headings.push({ depth: raw.depth, text: raw.text, slug, line, column });
			section = raw.text;
		}
		for (const reference of scan.references) {
			// A refresh in a `<meta>` of the body does nothing useful; every other URL attribute is a link the site rewrites.
			if (reference.attribute === 'content') continue;
			const { line, column } = at(reference);
			links.push({ url: reference.value, kind: 'html', line, column, endLine: line, endColumn: column + reference.value.length });
		}
		for (const hazard of scan.hazards) hazards.push({ kind: hazard.kind, name: hazard.name, ...at(hazard) });
	};

	const readJsx = (node: MdastNode) => {
		const name = node.name ?? '';
		const start = node.position!.start;
		if (/^[A-Z]/.test(name)) components.push({ name: name.split('.')[0]!, line: start.line, column: start.column });
		for (const attribute of node.attributes ?? []) {
			if (attribute.type !== 'mdxJsxAttribute' || typeof attribute.value !== 'string') continue;
			if (attribute.name === 'id') extraAnchors.push(attribute.value);
			else if (jsxUrlAttributes[name] === attribute.name) {
				const end = node.position!.end;
				links.push({ url: attribute.value, kind: 'jsx', line: start.line, column: start.column, endLine: end.line, endColumn: end.column });
			}
		}
	};

	walk(root);
	// Footnote definitions render at the end, in the order of their first reference, and only
	// when referenced; the footnotes section has its own fixed heading id.
	for (let index = 0; index < footnoteOrder.length; index++) {
		const id = footnoteOrder[index]!;
		extraAnchors.push(`user-content-fn-${id}`);
		const definition = footnoteDefinitions.get(id);
		if (definition) for (const child of definition.children ?? []) walk(child);
	}
	if (footnoteOrder.length > 0) extraAnchors.push('footnote-label');
	// Of several definitions of one label (labels match whatever their case), the first is the one references use.
	const defined = new Set<string>();
	for (const { identifier, link } of definitions) {
		links.push({ ...link, used: !defined.has(identifier) && usedDefinitions.has(identifier) });
		defined.add(identifier);
	}
	for (const link of links) {
		const url = link.url.replace(/[\u0000-\u0020]/g, '').toLowerCase();
		if (link.kind !== 'html' && url.startsWith('javascript:')) hazards.push({ kind: 'javascript-url', name: link.kind, line: link.line, column: link.column });
	}
	const title = titleHeading(root as TitleNode);
	return { headings, extraAnchors, links, tables, tasks, hazards, components, imports, title: title && plainText(title) };
}

/** The names an MDX import statement binds: `import A, { B, C as D } from '...'` -> A, B, D. */
function importedNames(code: string): string[] {
	const names: string[] = [];
	for (const match of code.matchAll(/import\s+([^'";]+?)\s+from\s*['"]/g)) {
		const clause = match[1]!;
		const namespace = /\*\s+as\s+([\w$]+)/.exec(clause);
		if (namespace) names.push(namespace[1]!);
		const named = /\{([^}]*)\}/.exec(clause);
		for (const part of named?.[1]?.split(',') ?? []) {
			const name = part.trim().split(/\s+as\s+/).at(-1)?.trim();
			if (name) names.push(name);
		}
		const defaultName = /^([\w$]+)/.exec(clause.replace(/\{[^}]*\}|\*\s+as\s+[\w$]+/g, '').trim());
		if (defaultName) names.push(defaultName[1]!);
	}
	for (const match of code.matchAll(/export\s+(?:const|let|var|function)\s+([\w$]+)/g)) names.push(match[1]!);
	return names;
}

function linkRecord(node: MdastNode, kind: LinkRecord['kind']): LinkRecord {
	const { start, end } = node.position!;
	return { url: node.url ?? '', kind, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

/** A line and column inside a node's raw text, as a position in the file. */
function pointAt(node: MdastNode, point: { line: number; column: number }): { line: number; column: number } {
	const start = node.position!.start;
	return point.line === 1 ? { line: start.line, column: start.column + point.column - 1 } : { line: start.line + point.line - 1, column: point.column };
}

/** The position a parser error message starts with (`5:1: Expected a closing tag ...`), if any. */
export function parseErrorPosition(message: string): { line: number; column: number; reason: string } | undefined {
	const match = /^(\d+):(\d+): ([\s\S]*)$/.exec(message);
	return match ? { line: Number(match[1]), column: Number(match[2]), reason: match[3]! } : undefined;
}
