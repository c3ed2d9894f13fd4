import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MarkdownHeading } from 'astro';
import { render as renderStored } from 'astro:content';
import { createComponent, render, unescapeHTML } from 'astro/compiler-runtime';
import { sharedMarkdownRenderer } from './markdown/renderer.ts';

/** An entry of a page collection, as the content loader stores it. */
interface PageEntry {
	id: string;
	collection: string;
	filePath?: string | undefined;
	rendered?: unknown;
	deferredRender?: boolean | undefined;
}

/** What a page shows of its entry: the rendered body, and its headings for the table of contents. */
export interface RenderedEntry {
	Content: ReturnType<typeof createComponent>;
	headings: MarkdownHeading[];
}

/**
 * Renders an entry's Markdown when its page is built. The content loader keeps no HTML for most
 * pages (see `content-loader.ts`): the page reads its file and renders it here, so a build holds
 * one page's HTML at a time instead of every page's, and a rebuild that restores a page from the
 * cache never renders it. Entries the loader rendered (pages with images, which Astro must
 * import and optimise) and MDX pages render as Astro renders any entry. The output is the same
 * either way: the same processor, plugins and options render it.
 */
export async function renderEntry(entry: PageEntry): Promise<RenderedEntry> {
	if (entry.rendered !== undefined || entry.deferredRender || !entry.filePath) {
		const { Content, headings } = await renderStored(entry as unknown as Parameters<typeof renderStored>[0]);
		return { Content: Content as RenderedEntry['Content'], headings };
	}
	const renderer = sharedMarkdownRenderer();
	if (!renderer) throw new Error('The handbook integration has not set up Markdown rendering: is it in the Astro config?');
	// The loader's filePath is relative to the project root, the working directory of the build.
	const path = resolve(entry.filePath);
	const { html, headings } = await renderer.render(await readFile(path, 'utf8'), pathToFileURL(path));
	// As Astro renders a stored entry (`astro:content`'s render): the HTML as it is.
	return { Content: createComponent(() => render`${unescapeHTML(html)}`), headings };
}
