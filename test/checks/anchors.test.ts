import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSatteriMarkdownProcessor, satteriHeadingIdsPlugin } from '@astrojs/markdown-satteri';
import { describe, expect, it } from 'vitest';
// Starlight registers this plugin so that unclaimed `:name` directives render as the text they were.
import { satteriDirectivesRestoration } from '../../node_modules/@astrojs/starlight/dist/integrations/satteri.js';
import { parseMarkdown } from '../../src/checks/markdown.ts';
import { splitFrontmatter } from '../../src/core/frontmatter.ts';
import { check, handbookWith } from './helpers.ts';

const awkwardPage = new URL('../fixtures/anchors/awkward-headings.md', import.meta.url);

/** The heading ids in the HTML of Astro's Markdown processor, set up as Starlight sets it up. */
async function renderedHeadingIds(source: string): Promise<string[]> {
	const processor = await createSatteriMarkdownProcessor({
		syntaxHighlight: false,
		features: { directive: true },
		mdastPlugins: [satteriDirectivesRestoration()],
		hastPlugins: [satteriHeadingIdsPlugin()],
	});
	const { body } = splitFrontmatter(source);
	const { code } = await processor.render(body.trim(), {});
	return [...code.matchAll(/<h[1-6][^>]*\sid="([^"]*)"/g)].map((match) => match[1]!);
}

describe('heading ids', () => {
	const source = readFileSync(awkwardPage, 'utf8');
	const { body } = splitFrontmatter(source);
	const { headings, extraAnchors } = parseMarkdown(body, 'md');

	it('are the ids the renderer gives the awkward headings', async () => {
		const rendered = await renderedHeadingIds(source);
		expect(rendered.filter((id) => id !== 'footnote-label')).toEqual(headings.map((heading) => heading.slug));
	});

	it('follow GitHub slugs with smart punctuation, repeats and inline text', () => {
		const slugs = headings.map((heading) => heading.slug);
		expect(slugs).toEqual(
			expect.arrayContaining([
				'dashes--en--em---hyphen',
				'repeated',
				'repeated-1',
				'repeated-2',
				'repeated-1-1',
				'use-kubectl---context-prod-and-a----b',
				'emoji--alert--done-tada',
				'café-naïve-façade--ünïcödé-日本語-ελληνικά',
				'tom--jerry--tag-42',
				'raw-slo-html',
				'image--in-a-heading',
				'escaped----dashes-and-stars',
				'footnote1-in-a-heading',
				'setext-heading-over-two-linesand-a-second-line',
			]),
		);
		expect(extraAnchors).toEqual(expect.arrayContaining(['custom-anchor', 'user-content-fn-note', 'footnote-label']));
	});

	it('let every link of the awkward page resolve, and nothing in its code', async () => {
		const root = handbookWith();
		cpSync(awkwardPage, join(root, 'content/guides/awkward-headings.md'));
		const result = await check(root);
		const links = result.files.flatMap((file) => file.messages).filter((message) => message.ruleId === 'links');
		expect(links.map((message) => `${message.line}: ${message.reason}`)).toEqual([]);
		expect(result.graph.byRoute.get('/awkward-headings/')?.links.filter((link) => link.url.startsWith('#'))).toHaveLength(32);
	});
});
