import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { rewriteContentHref } from '../../core/routes.ts';

function contentPathOf(filePath: string, contentDir: string): string | undefined {
	const path = relative(contentDir, filePath);
	if (path.startsWith('..') || path === '') return undefined;
	return path.split(sep).join('/');
}

interface SatteriElementContext {
	setProperty(node: Element, name: string, value: string): void;
}

/** The link rewriting as a Sätteri hast plugin (Astro 7's default Markdown processor). */
export function satteriLinkPlugin(contentDir: string, base: string) {
	return ({ fileURL }: { fileURL?: URL }) => {
		const from = fileURL && contentPathOf(fileURLToPath(fileURL), contentDir);
		if (!from) return undefined;
		return {
			name: 'handbook-content-links',
			element: {
				filter: ['a'],
				visit(node: Element, ctx: SatteriElementContext) {
					const href = node.properties?.href;
					if (typeof href !== 'string') return;
					const rewritten = rewriteContentHref(from, href, base);
					if (rewritten !== undefined) ctx.setProperty(node, 'href', rewritten);
				},
			},
		};
	};
}

/** The same link rewriting as a rehype plugin, for sites that choose the unified processor. */
export function rehypeLinkPlugin(options: { contentDir: string; base: string }) {
	return (tree: Root, file: { path?: string }) => {
		const from = file.path && contentPathOf(file.path, options.contentDir);
		if (!from) return;
		visit(tree, 'element', (node: Element) => {
			if (node.tagName !== 'a' || typeof node.properties.href !== 'string') return;
			const rewritten = rewriteContentHref(from, node.properties.href, options.base);
			if (rewritten !== undefined) node.properties.href = rewritten;
		});
	};
}
