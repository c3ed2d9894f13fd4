import type { Element, ElementContent } from 'hast';

interface SatteriContext {
	setProperty(node: Element, name: string, value: string): void;
}

/**
 * Names the checkbox of each GFM task-list item (`- [ ] Tell the service desk`) after the
 * item's own words. The renderer emits a bare `<input type="checkbox" disabled>`, which a screen
 * reader announces as an unlabelled checkbox (axe `label`, critical); readiness templates are
 * mostly task lists. A Sätteri hast plugin, so the names are set while the page is rendered.
 */
export function satteriTaskListLabels() {
	return {
		name: 'handbook-task-list-labels',
		element: {
			filter: ['li'],
			visit(node: Element, ctx: SatteriContext) {
				const classes = node.properties?.className;
				if (!Array.isArray(classes) || !classes.includes('task-list-item')) return;
				const checkbox = findCheckbox(node);
				if (checkbox && checkbox.properties?.ariaLabel === undefined) ctx.setProperty(checkbox, 'aria-label', ownText(node).trim());
			},
		},
	};
}

/** A tight item's first element, or a loose item's first element inside its first paragraph. */
function findCheckbox(item: Element): Element | undefined {
	const first = item.children.find((child): child is Element => child.type === 'element');
	const candidate = first?.tagName === 'p' ? first.children.find((child): child is Element => child.type === 'element') : first;
	return candidate?.tagName === 'input' && candidate.properties?.type === 'checkbox' ? candidate : undefined;
}

/** The text of an item without its nested lists, which are items of their own. */
function ownText(node: ElementContent): string {
	if (node.type === 'text') return node.value;
	if (node.type !== 'element' || node.tagName === 'ul' || node.tagName === 'ol') return '';
	return node.children.map(ownText).join('');
}
