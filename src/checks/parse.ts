import { splitFrontmatter } from '../core/frontmatter.ts';
import { fileNameTitle } from '../core/title.ts';
import { parseMarkdown } from './markdown.ts';
import type { SecretFinding } from './secrets.ts';
import type { ParsedFrontmatter, ParsedMarkdown } from './types.ts';

/** What parsing one Markdown file yields; depends on nothing but the file's path and text. */
export interface ParsedPage {
	frontmatter: ParsedFrontmatter;
	markdown: ParsedMarkdown;
	/** Title from the first `# heading` or the file name; only for pages without `title:`. */
	derivedTitle: string | undefined;
	/** Credentials written in the file (see `scanSecrets`), found when the file is loaded. */
	secrets: SecretFinding[];
}

/** Parses one Markdown file: its frontmatter, and one pass over its body. */
export function parsePage(source: string, contentPath: string): ParsedPage {
	const { frontmatter, body } = splitFrontmatter(source);
	const format = contentPath.endsWith('.mdx') ? 'mdx' : 'md';
	const data = frontmatter.data as { title?: unknown } | null | undefined;
	const markdown = parseMarkdown(body, format);
	// As `deriveTitle` does for the site: the title heading's plain text, else the file name.
	const derivedTitle = typeof data?.title === 'string' ? undefined : markdown.title || fileNameTitle(contentPath);
	return { frontmatter, markdown, derivedTitle, secrets: [] };
}
