import { extensionOf } from '../../core/routes.ts';
import { defineRule } from '../rule.ts';

export const mdxRule = defineRule({
	meta: {
		id: 'mdx',
		description:
			'MDX pages (`.mdx`), which run code when the site is built: a change to one could read any file of the build machine or publish it. Off (`mdx: off`): every author is trusted, MDX builds, its JSX links are checked as written and its components must be imported',
		defaultSeverity: 'error',
		url: 'README.md#rule-mdx',
		messages: {
			mdx: {
				text: 'this page is MDX, which runs code when the site is built',
				fix: 'write it as Markdown (.md): asides are `:::note` blocks; or, if every author is trusted, allow MDX with `rules: { mdx: off }` in handbook.yaml',
			},
		},
	},
	create({ report }) {
		return {
			entry(entry) {
				if (extensionOf(entry.contentPath) === '.mdx') report({ file: entry.file, line: 1, column: 1, messageId: 'mdx' });
			},
		};
	},
});
