import { collections } from '../../core/collections.ts';
import { defineRule } from '../rule.ts';

export const orphansRule = defineRule({
	meta: {
		id: 'orphans',
		description:
			'guides no page links to (the other collections have index pages that list every page)',
		defaultSeverity: 'warning',
		url: 'README.md#rule-orphans',
		messages: {
			orphan: { text: 'no page links to this guide', fix: 'link to it from the home page or a related guide' },
		},
	},
	create({ report }) {
		return {
			entry(entry) {
				// Collections with a generated index list all their pages; the others' pages need a link.
				const row = collections[entry.collection];
				if (row.indexGenerated || entry.route === row.indexRoute || entry.linkedFrom.size > 0) return;
				report({ file: entry.file, line: entry.frontmatter.line, column: 1, messageId: 'orphan' });
			},
		};
	},
});
