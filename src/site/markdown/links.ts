import type { Element } from 'hast';
import { type LinkTarget, renderedHref, resolveLink, type SiteFiles } from '../../core/links.ts';
import { contentPathOf } from './content-path.ts';

interface SatteriElementContext {
	setProperty(node: Element, name: string, value: string): void;
	data: { astro?: { localImagePaths?: Set<string> } };
}

/** The attribute of an element that links, if the site rewrites it: `a href`, `object data`, and `img src` written in raw HTML. */
function linkAttribute(node: Element, markdownImages: ReadonlySet<string> | undefined): 'href' | 'src' | 'data' | undefined {
	if (node.tagName === 'a') return 'href';
	if (node.tagName === 'object') return 'data';
	if (node.tagName !== 'img' || typeof node.properties?.src !== 'string') return undefined;
	// Markdown images (`![](./x.png)`) are Astro's: it imports, optimises and publishes them.
	return markdownImages?.has(safeDecodeUri(node.properties.src)) ? undefined : 'src';
}

/** Whether a link leads to a file of the content folder (an image next to the page, or a page). */
function existingFile(target: LinkTarget): boolean {
	return target.kind === 'asset' || target.kind === 'page' || target.kind === 'external' || target.kind === 'public' || target.kind === 'ignored';
}

function safeDecodeUri(value: string): string {
	try {
		return decodeURI(value);
	} catch {
		return value;
	}
}

/**
 * Rewrites the links of a page as the checker resolves them (`core/links.ts`): `.md` files,
 * folders and site-absolute routes become page routes under the base path, files next to the
 * page become their published copy under `/_content/`. Links in raw HTML are elements too (the
 * integration has Sätteri parse raw HTML), so `<a href="x.md">` is rewritten like `[x](x.md)`.
 * A Sätteri hast plugin (Astro 7's default Markdown processor).
 */
export function satteriLinkPlugin(contentDir: string, base: string, files: () => SiteFiles) {
	return ({ fileURL }: { fileURL?: URL }) => {
		const from = fileURL && contentPathOf(fileURL, contentDir);
		if (!from) return undefined;
		const siteFiles = files();
		return {
			name: 'handbook-content-links',
			element: {
				filter: ['a', 'img', 'object'],
				visit(node: Element, ctx: SatteriElementContext): Element | undefined {
					const images = ctx.data.astro?.localImagePaths;
					const attribute = linkAttribute(node, images);
					if (attribute === undefined && node.tagName === 'img' && typeof node.properties?.src === 'string') {
						// A Markdown image Astro would import: one that is missing would stop the build naming no page. Left
						// as written instead, it is a broken `src` of the built site, reported at its line of the Markdown.
						const src = node.properties.src;
						if (!existingFile(resolveLink(from, src, siteFiles))) images?.delete(safeDecodeUri(src));
						return;
					}
					const url = attribute && node.properties?.[attribute];
					if (typeof url !== 'string') return;
					const rewritten = renderedHref(resolveLink(from, url, siteFiles), url, base);
					if (rewritten === undefined) return;
					// `data` is also the name of a node's own data: the property is set by replacing the element.
					if (attribute === 'data') return { ...node, properties: { ...node.properties, data: rewritten } };
					ctx.setProperty(node, attribute!, rewritten);
				},
			},
		};
	};
}
