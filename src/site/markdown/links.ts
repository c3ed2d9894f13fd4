import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { resolveContentLink, withBase } from '../../core/routes.ts';

/**
 * Rewrites a link written in a content file to the href it has on the site: relative `.md`
 * links become the target page's route, site-absolute links get the base path. Returns
 * `undefined` when the link is left as written (external, same-page anchor, not a page).
 */
export function rewriteContentHref(fromContentPath: string, href: string, base: string): string | undefined {
	const resolved = resolveContentLink(fromContentPath, href);
	if (!resolved) return undefined;
	return withBase(base, resolved.route) + (resolved.anchor ? `#${resolved.anchor}` : '');
}

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
