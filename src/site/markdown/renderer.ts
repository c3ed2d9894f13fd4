import type { MarkdownHeading } from 'astro';

/** Renders the Markdown of one file as the content layer would: frontmatter split off, the site's processor and plugins. */
export interface MarkdownRenderer {
	render(source: string, fileURL: URL): Promise<{ html: string; headings: MarkdownHeading[] }>;
}

// The integration creates the renderer from the final Astro config, in the process that builds or
// serves the site; the pages render in the module graph of the built site (or Vite's, in `astro
// dev`), in the same process. Like the check result, it passes between them under this key.
const rendererKey = Symbol.for('practice-handbook.markdown-renderer');

/** Hands the site's Markdown renderer to the pages built or served in this process. */
export function shareMarkdownRenderer(renderer: MarkdownRenderer): void {
	(globalThis as Record<symbol, unknown>)[rendererKey] = renderer;
}

/** The renderer the integration handed over, if any. */
export function sharedMarkdownRenderer(): MarkdownRenderer | undefined {
	return (globalThis as Record<symbol, unknown>)[rendererKey] as MarkdownRenderer | undefined;
}
