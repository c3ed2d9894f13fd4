import { satteriHeadingIdsPlugin } from '@astrojs/markdown-satteri';
import type { Element } from 'hast';

const headingTags = ['h2', 'h3', 'h4', 'h5', 'h6'];

/**
 * A link to each heading of a page, for pasting a section into an incident channel. Starlight's
 * own anchor links wrap every heading and add a 600-byte inline SVG (11 KB on a 20-section
 * runbook); this one is an empty link at the end of the heading, its `#` drawn in CSS
 * (`.hb-anchor` in code.css). It is hidden from assistive technology and the tab order: the
 * table of contents already gives those users a link to every section.
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
				visit(node: Element): Element | undefined {
					const id = node.properties?.id;
					if (typeof id !== 'string' || id === '') return undefined;
					const anchor: Element = {
						type: 'element',
						tagName: 'a',
						properties: { className: ['hb-anchor'], href: `#${id}`, ariaHidden: 'true', tabIndex: -1 },
						children: [],
					};
					return { ...node, children: [...node.children, anchor] };
				},
			},
		},
	];
}
