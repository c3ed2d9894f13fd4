import { basename } from 'node:path';
import { markdownToMdast, mdxToMdast } from 'satteri';

/**
 * The Markdown features the site renders with: Astro 7's defaults for its Sätteri processor (GFM,
 * smart punctuation) plus the directives Starlight turns on for asides. The checker parses with
 * the same parser and features, so that what it reads is what the site renders.
 */
export const renderFeatures = { gfm: true, smartPunctuation: true, directive: true, frontmatter: false };

/** The part of a Markdown syntax tree (mdast) that titles are found in. */
export interface TitleNode {
	type: string;
	value?: string;
	depth?: number;
	children?: TitleNode[];
}

/**
 * The heading that gives a page its title: the first level-1 heading (`# Title`, or underlined
 * with `===`) at the top level of the page, outside quotes, lists and code. The site and the
 * checker find it with this one function.
 */
export function titleHeading(root: TitleNode): TitleNode | undefined {
	return root.children?.find((node) => node.type === 'heading' && node.depth === 1);
}

/**
 * The plain text of a heading as a title: its words without Markdown (`**Policy**` is "Policy",
 * `[On call](x.md)` is "On call", `` `kubectl` `` is "kubectl"); images and raw HTML add nothing.
 */
export function plainText(node: TitleNode): string {
	let text = '';
	const pending: TitleNode[] = [node];
	for (let current = pending.pop(); current !== undefined; current = pending.pop()) {
		if (current.type === 'text' || current.type === 'inlineCode') text += current.value ?? '';
		else if (current.type === 'break') text += ' ';
		else if (current.type !== 'html' && current.type !== 'image' && current.children) {
			for (let index = current.children.length - 1; index >= 0; index--) pending.push(current.children[index]!);
		}
	}
	return text.replace(/\s+/g, ' ').trim();
}

/**
 * Whether a page's title heading says the same as its title, so that the site shows it once: the
 * same letters and digits, whatever the case, spacing and punctuation ("Alertmanager Cluster
 * Down" and "AlertmanagerClusterDown" are the same title).
 */
export function isSameTitle(headingText: string, title: string): boolean {
	const letters = (text: string) => text.normalize('NFKD').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
	const heading = letters(headingText);
	return heading !== '' && heading === letters(title);
}

/** The title a file name gives: `on-call_handover.md` -> "On call handover"; an index page takes its folder's name. */
export function fileNameTitle(filePath: string): string {
	const name = basename(filePath).replace(/(\.html?)?\.(md|mdx|markdown)$/i, '');
	const stem = /^(index|readme|_index)$/i.test(name) ? basename(filePath.slice(0, -basename(filePath).length - 1)) : name;
	const words = stem.replace(/[-_]+/g, ' ').trim();
	return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The title of a page that has none in its frontmatter: the plain text of its title heading
 * ({@link titleHeading}), else its file name made readable. Shared by the site loader and the
 * checker (which reads the same heading from its own parse of the page).
 */
export function deriveTitle(body: string, filePath: string): string {
	let root: TitleNode;
	try {
		root = (filePath.endsWith('.mdx') ? mdxToMdast : markdownToMdast)(body, { features: renderFeatures }) as unknown as TitleNode;
	} catch {
		return fileNameTitle(filePath);
	}
	const heading = titleHeading(root);
	return (heading && plainText(heading)) || fileNameTitle(filePath);
}
