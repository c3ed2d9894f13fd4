import { satteriHeadingIdsPlugin } from '@astrojs/markdown-satteri';
import type { Element, ElementContent } from 'hast';

interface SatteriContext {
	textContent(node: Element): string;
}

const headingTags = ['h2', 'h3', 'h4', 'h5', 'h6'];

/**
 * A link to each heading of a page, for sharing a section in an incident channel. Starlight's own
 * anchor links put a 600-byte inline SVG after every heading (11 KB on a 20-section runbook);
 * these carry only the accessible label and draw the icon in CSS (`.hb-anchor` in
 * handbook.css). Same structure as Starlight's (heading and link in a wrapper) so the heading
 * keeps its styles.
 *
 * Returns two Sätteri hast plugins: the heading ids first (the same `github-slugger` ids Astro
 * gives headings, which the checker's anchors reproduce), then the links that need them.
 */
export function satteriHeadingAnchors(): unknown[] {
	return [
		satteriHeadingIdsPlugin(),
		{
			name: 'handbook-heading-anchors',
			element: {
				filter: headingTags,
				visit(node: Element, ctx: SatteriContext): Element | undefined {
					const id = node.properties?.id;
					if (typeof id !== 'string' || id === '') return undefined;
					const label: ElementContent = { type: 'text', value: `Section titled “${ctx.textContent(node)}”` };
					return {
						type: 'element',
						tagName: 'div',
						properties: { className: ['sl-heading-wrapper', `level-${node.tagName}`] },
						children: [
							node,
							{
								type: 'element',
								tagName: 'a',
								properties: { className: ['hb-anchor'], href: `#${id}` },
								children: [{ type: 'element', tagName: 'span', properties: { className: ['sr-only'], dataPagefindIgnore: true }, children: [label] }],
							},
						],
					};
				},
			},
		},
	];
}
