import type { Element } from 'hast';
import { isSameTitle, plainText, type TitleNode } from '../../core/title.ts';
import { contentPathOf } from './content-path.ts';

const marker = 'dataHandbookTitle';

interface MdastContext {
	parent(node: unknown): { type: string } | undefined;
	setProperty(node: unknown, key: 'data', value: Record<string, unknown> | null): void;
}

/**
 * Starlight shows a page's title as its `<h1>`; a page written for GitHub or another generator
 * often starts with the same title as a `# heading`, which would show it twice. The page's title
 * heading (`titleHeading` of core/title.ts: the first level-1 heading at the top level, as the
 * checker and the title of a page without `title:` find it) is marked here when it says the same
 * as the title, or gives the title; {@link satteriTitleHeadingHast} then renders it as an empty
 * anchor with the heading's id, so that links to it still land at the top of the page and every
 * other heading keeps the id the checker computed.
 *
 * A Sätteri mdast plugin factory; the page's frontmatter is in the document's data (`astro`).
 */
export function satteriTitleHeadingMdast(contentDir: string) {
	return ({ fileURL, data }: { fileURL?: URL | undefined; data: Record<string, unknown> }) => {
		if (!fileURL || !contentPathOf(fileURL, contentDir)) return undefined;
		const frontmatter = (data.astro as { frontmatter?: { title?: unknown } } | undefined)?.frontmatter;
		const title = frontmatter?.title;
		let found = false;
		return {
			name: 'handbook-title-heading',
			heading(node: TitleNode & { data?: Record<string, unknown> }, ctx: MdastContext) {
				if (found || node.depth !== 1 || ctx.parent(node)?.type !== 'root') return;
				found = true;
				// Without `title:` the page takes its title from this heading (guides): it is the title.
				if (typeof title === 'string' && !isSameTitle(plainText(node), title)) return;
				const hProperties = { ...((node.data?.hProperties as Record<string, unknown> | undefined) ?? {}), [marker]: 'true' };
				ctx.setProperty(node, 'data', { ...node.data, hProperties });
			},
		};
	};
}

/**
 * Renders the title heading marked by {@link satteriTitleHeadingMdast} as an empty anchor that
 * keeps its id. Runs after the heading ids are set. A Sätteri hast plugin.
 */
export function satteriTitleHeadingHast() {
	return {
		name: 'handbook-title-heading-anchor',
		element: {
			filter: ['h1'],
			visit(node: Element): Element | undefined {
				const properties = node.properties ?? {};
				if (properties[marker] === undefined && properties['data-handbook-title'] === undefined) return undefined;
				const id = properties.id;
				return { type: 'element', tagName: 'span', properties: typeof id === 'string' ? { id } : {}, children: [] };
			},
		},
	};
}
