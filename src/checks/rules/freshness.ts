import { defineRule } from '../rule.ts';
import { positionOf } from '../yaml-positions.ts';

export const freshnessRule = defineRule({
	meta: {
		id: 'freshness',
		description:
			'a page past `lastReviewed` + its review interval; an **error** past `errorFactor` (2) intervals. Guides without `lastReviewed` are not tracked',
		defaultSeverity: 'warning',
		url: 'README.md#rule-freshness',
		messages: {
			due: {
				text: 'review due: last reviewed {{lastReviewed}}, every {{interval}} days, so due on {{due}} ({{daysLate}} days ago)',
				fix: 'review the page, then set `lastReviewed:` to the date of the review',
			},
			overdue: {
				text: 'review long overdue (more than {{factor}} review intervals): last reviewed {{lastReviewed}}, every {{interval}} days, so due on {{due}} ({{daysLate}} days ago)',
				fix: 'review the page, then set `lastReviewed:` to the date of the review',
			},
		},
	},
	create({ policy, report }) {
		return {
			entry(entry) {
				// The page's review status is a fact of the graph, the same the site's banner shows.
				const review = entry.review;
				if (!review || review.state === 'current') return;
				const overdue = review.state === 'overdue';
				report({
					file: entry.file,
					...positionOf(entry.frontmatter, ['lastReviewed'], { line: entry.frontmatter.line, column: 1 }, 'value'),
					severity: overdue ? 'error' : 'warning',
					messageId: overdue ? 'overdue' : 'due',
					data: { ...review, factor: policy.freshness.errorFactor },
				});
			},
		};
	},
});
