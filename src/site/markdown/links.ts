import type { Element } from 'hast';
import { srcsetAttributes, srcsetUrls, urlAttributes } from '../../checks/output/scan.ts';
import { type LinkTarget, renderedHref, resolveLink, type SiteFiles } from '../../core/links.ts';
import { contentPathOf } from './content-path.ts';

interface SatteriElementContext {
	data: { astro?: { localImagePaths?: Set<string> } };
}

/** hast's property name of an HTML attribute that holds a URL. */
const propertyNames: Record<string, string> = { srcset: 'srcSet', imagesrcset: 'imageSrcSet', formaction: 'formAction', 'xlink:href': 'xLinkHref' };

/** The elements whose attributes hold URLs (as the check of the built site reads them), but `<meta>`. */
const linkingElements = [...urlAttributes.keys()].filter((name) => name !== 'meta');

/**
 * The URL attributes of an element that the site rewrites, as hast property names. Markdown
 * images (`![](./x.png)`) are left to Astro, which imports, optimises and publishes them.
 */
function linkProperties(node: Element, markdownImages: ReadonlySet<string> | undefined): { property: string; srcset: boolean }[] {
	if (node.tagName === 'img' && typeof node.properties?.src === 'string' && markdownImages?.has(safeDecodeUri(node.properties.src))) return [];
	return [...(urlAttributes.get(node.tagName) ?? [])].map((name) => ({ property: propertyNames[name] ?? name, srcset: srcsetAttributes.has(name) }));
}

/** A `srcset` with each candidate URL rewritten. */
function rewriteSrcset(value: string, rewrite: (url: string) => string | undefined): string {
	let result = value;
	for (const { url, index } of srcsetUrls(value).reverse()) {
		const rewritten = rewrite(url);
		if (rewritten !== undefined) result = result.slice(0, index) + rewritten + result.slice(index + url.length);
	}
	return result;
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
 * page become their published copy under `/_content/`, and so do Markdown images Astro cannot
 * import (`imagesAsFiles`, by content path). Links in raw HTML are elements too (the
 * integration has Sätteri parse raw HTML), so `<a href="x.md">`, `<object data="x.svg">` and
 * each candidate of a `srcset` are rewritten like `[x](x.md)`.
 * A Sätteri hast plugin (Astro 7's default Markdown processor).
 */
export function satteriLinkPlugin(contentDir: string, base: string, files: () => SiteFiles, imagesAsFiles: () => ReadonlySet<string>) {
	return ({ fileURL }: { fileURL?: URL }) => {
		const from = fileURL && contentPathOf(fileURL, contentDir);
		if (!from) return undefined;
		const siteFiles = files();
		const asFiles = imagesAsFiles();
		const rewrite = (url: string) => renderedHref(resolveLink(from, url, siteFiles), url, base);
		return {
			name: 'handbook-content-links',
			element: {
				filter: linkingElements,
				visit(node: Element, ctx: SatteriElementContext): Element | undefined {
					const images = ctx.data.astro?.localImagePaths;
					if (node.tagName === 'img' && typeof node.properties?.src === 'string' && images?.has(safeDecodeUri(node.properties.src))) {
						// A Markdown image Astro would import: one that is missing would stop the build naming no page. Left
						// as written instead, it is a broken `src` of the built site, reported at its line of the Markdown.
						// One whose size Astro cannot read would stop it too: it is shown as the file it is, like `<img src>`.
						const src = node.properties.src;
						const target = resolveLink(from, src, siteFiles);
						if (!existingFile(target) || (target.kind === 'asset' && asFiles.has(target.contentPath))) images.delete(safeDecodeUri(src));
					}
					const changes: Record<string, string> = {};
					for (const { property, srcset } of linkProperties(node, images)) {
						const value = node.properties?.[property];
						if (typeof value !== 'string') continue;
						const rewritten = srcset ? rewriteSrcset(value, rewrite) : rewrite(value);
						if (rewritten !== undefined && rewritten !== value) changes[property] = rewritten;
					}
					// A new node rather than setProperty, which cannot set `data` (<object data>): Sätteri takes it for the node's data.
					return Object.keys(changes).length > 0 ? { ...node, properties: { ...node.properties, ...changes } } : undefined;
				},
			},
		};
	};
}
