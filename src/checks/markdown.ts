import GithubSlugger from 'github-slugger';
import { markdownToMdast, mdxToMdast } from 'satteri';
import type { Heading, LinkRecord, ParsedMarkdown, TableRecord } from './types.ts';

/**
 * The Markdown features the site renders with: Astro 7's defaults for its Sätteri processor (GFM,
 * smart punctuation) plus the directives Starlight turns on for asides. Parsing with the
 * renderer's own parser and features is what makes the heading ids below match the HTML.
 */
const renderFeatures = { gfm: true, smartPunctuation: true, directive: true, frontmatter: false };

interface MdastNode {
	type: string;
	value?: string;
	url?: string;
	identifier?: string;
	depth?: number;
	children?: MdastNode[];
	position?: { start: { line: number; column: number; offset: number }; end: { line: number; column: number; offset: number } };
}

const htmlAttribute = /\s(href|src|id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/gi;

/**
 * Collects, in one pass over the Markdown body, what the checks need: headings with the ids the
 * site gives them, links (inline, images, reference definitions, raw HTML), the tables that can
 * be RACI tables, and other anchors. Code blocks and inline code are never looked into, so text
 * there is not a link.
 *
 * Heading ids are computed as Astro's heading-ids plugin does: one GitHub slugger per document,
 * fed each heading's text content in document order. The text content is the rendered text:
 * smart punctuation applied (`--` is an en dash, which the slugger then drops), inline code and
 * link text included, image alt text and raw HTML tags left out, footnote references as their
 * number, and headings inside footnotes last, where the footnotes section renders them.
 */
export function parseMarkdown(body: string, format: 'md' | 'mdx'): ParsedMarkdown {
	const parse = format === 'mdx' ? mdxToMdast : markdownToMdast;
	const root = parse(body, { features: renderFeatures }) as unknown as MdastNode;
	const slugger = new GithubSlugger();
	const headings: Heading[] = [];
	const links: LinkRecord[] = [];
	const tables: TableRecord[] = [];
	const extraAnchors: string[] = [];
	const definitions: { identifier: string; link: LinkRecord }[] = [];
	const usedDefinitions = new Set<string>();
	const footnoteOrder: string[] = [];
	const footnoteReferences = new Map<string, number>();
	const footnoteDefinitions = new Map<string, MdastNode>();
	let section: string | undefined;

	const textOf = (node: MdastNode): string => {
		switch (node.type) {
			case 'text':
			case 'inlineCode':
				return node.value ?? '';
			case 'footnoteReference':
				return String(footnoteOrder.indexOf(node.identifier ?? '') + 1);
			case 'textDirective':
				// Starlight's directive restoration prints unclaimed directives back as their source.
				return node.position ? body.slice(node.position.start.offset, node.position.end.offset) : '';
			default:
				// Raw HTML, images (their alt text) and breaks add no text.
				return node.children?.map(textOf).join('') ?? '';
		}
	};

	const walk = (node: MdastNode): void => {
		switch (node.type) {
			case 'code':
			case 'inlineCode':
				return;
			case 'heading': {
				walkChildren(node);
				const text = textOf(node);
				const start = node.position!.start;
				headings.push({ depth: node.depth ?? 1, text, slug: slugger.slug(text), line: start.line, column: start.column });
				section = text;
				return;
			}
			case 'link':
			case 'image':
				links.push(linkRecord(node, node.type));
				walkChildren(node);
				return;
			case 'definition':
				definitions.push({ identifier: node.identifier ?? '', link: linkRecord(node, 'definition') });
				return;
			case 'linkReference':
			case 'imageReference':
				usedDefinitions.add(node.identifier ?? '');
				walkChildren(node);
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
			case 'table':
				walkChildren(node);
				// Only RACI tables are checked, so only tables that can be one are kept (and cached):
				// those under a heading named RACI and those whose first header cell is `Activity`.
				if (
					!/^\s*raci\s*$/i.test(section ?? '') &&
					!/^\s*activity\s*$/i.test(textOf(node.children?.[0]?.children?.[0] ?? { type: 'text' }))
				)
					return;
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
				return;
			default:
				walkChildren(node);
		}
	};
	const walkChildren = (node: MdastNode) => node.children?.forEach(walk);

	const scanHtml = (node: MdastNode) => {
		const value = node.value ?? '';
		for (const match of value.matchAll(htmlAttribute)) {
			const attribute = match[1]!.toLowerCase();
			const attributeValue = (match[2] ?? match[3] ?? match[4] ?? '').replaceAll('&amp;', '&');
			if (attribute === 'id' || attribute === 'name') {
				extraAnchors.push(attributeValue);
				continue;
			}
			const { line, column } = pointInside(node, value, match.index + match[0].indexOf(match[1]!));
			links.push({ url: attributeValue, kind: 'html', line, column, endLine: line, endColumn: column + match[0].trimStart().length });
		}
	};

	walk(root);
	// Footnote definitions render at the end, in the order of their first reference, and only
	// when referenced; the footnotes section has its own fixed heading id.
	for (let index = 0; index < footnoteOrder.length; index++) {
		const id = footnoteOrder[index]!;
		extraAnchors.push(`user-content-fn-${id}`);
		const definition = footnoteDefinitions.get(id);
		if (definition) walkChildren(definition);
	}
	if (footnoteOrder.length > 0) extraAnchors.push('footnote-label');
	for (const { identifier, link } of definitions) links.push({ ...link, used: usedDefinitions.has(identifier) });
	return { headings, extraAnchors, links, tables };
}

function linkRecord(node: MdastNode, kind: LinkRecord['kind']): LinkRecord {
	const { start, end } = node.position!;
	return { url: node.url ?? '', kind, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

function pointInside(node: MdastNode, value: string, index: number): { line: number; column: number } {
	const start = node.position!.start;
	const before = value.slice(0, index);
	const lastNewline = before.lastIndexOf('\n');
	if (lastNewline === -1) return { line: start.line, column: start.column + index };
	return { line: start.line + before.split('\n').length - 1, column: index - lastNewline };
}
