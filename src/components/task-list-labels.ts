import type { Element, ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { toText } from 'hast-util-to-text';
import { visit } from 'unist-util-visit';

/**
 * Names the checkboxes of GFM task lists (`- [ ] Tell the service desk`) after their item's text.
 * The Markdown renderer emits a bare `<input type="checkbox" disabled>`, which screen readers
 * announce as an unlabelled checkbox (axe: `label`, critical). Readiness templates are mostly
 * task lists. Returns the HTML unchanged when it has no task list.
 */
export function labelTaskCheckboxes(html: string): string {
	if (!html.includes('task-list-item')) return html;
	const tree: Root = fromHtml(html, { fragment: true });
	visit(tree, 'element', (node: Element) => {
		if (!hasClass(node, 'task-list-item')) return;
		const checkbox = findCheckbox(node);
		// The item's own words: nested lists are items of their own.
		const own: Element = { ...node, children: node.children.filter((child) => !isList(child)) };
		if (checkbox && checkbox.properties.ariaLabel === undefined) checkbox.properties.ariaLabel = toText(own).trim();
	});
	return toHtml(tree);
}

function findCheckbox(item: Element): Element | undefined {
	// Tight list: the input is the item's first element; loose list: the first element of its first paragraph.
	const first = item.children.find((child): child is Element => child.type === 'element');
	const candidate = first?.tagName === 'p' ? first.children.find((child): child is Element => child.type === 'element') : first;
	return candidate?.tagName === 'input' && candidate.properties.type === 'checkbox' ? candidate : undefined;
}

function hasClass(node: Element, name: string): boolean {
	const classes = node.properties.className;
	return Array.isArray(classes) && classes.includes(name);
}

function isList(node: ElementContent): boolean {
	return node.type === 'element' && (node.tagName === 'ul' || node.tagName === 'ol');
}
