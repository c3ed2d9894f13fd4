import type { PageCollection } from '../../lib/routes.ts';
import type { Policy } from '../policy.ts';
import type { Rule } from '../rule.ts';
import type { Entry } from '../types.ts';
import { positionOf } from '../yaml.ts';

/** Where a page stands with its reviews. */
export interface ReviewStatus {
	/** Days between reviews in force for the page. */
	interval: number;
	lastReviewed: string;
	/** The date the next review is due, `YYYY-MM-DD`. */
	due: string;
	/** `stale`: past its interval (a warning); `overdue`: past `errorFactor` intervals (an error). */
	state: 'current' | 'stale' | 'overdue';
	/** Days since the review was due (0 when current). */
	daysLate: number;
}

const dayMs = 86_400_000;

/**
 * The review status of a page on a date: its last review plus its interval (the page's
 * `reviewInterval:`, else the policy's default for its collection) against `today`.
 */
export function reviewStatus(
	page: { collection: PageCollection; lastReviewed: Date; reviewInterval?: number | undefined },
	policy: Policy,
	today: string,
): ReviewStatus {
	const interval = page.reviewInterval ?? policy.freshness.defaults[page.collection];
	const reviewedDay = Math.floor(page.lastReviewed.getTime() / dayMs);
	const todayDay = Math.floor(Date.parse(`${today}T00:00:00Z`) / dayMs);
	const late = todayDay - (reviewedDay + interval);
	const state = todayDay > reviewedDay + interval * policy.freshness.errorFactor ? 'overdue' : late > 0 ? 'stale' : 'current';
	return {
		interval,
		lastReviewed: isoDay(reviewedDay),
		due: isoDay(reviewedDay + interval),
		state,
		daysLate: Math.max(0, late),
	};
}

export const freshnessRule: Rule = {
	id: 'freshness',
	description:
		'Pages are reviewed in time: past lastReviewed + review interval is a warning, past errorFactor (2) intervals an error. Guides without lastReviewed are not tracked.',
	defaultSeverity: 'warning',
	check({ graph, policy, today, report }) {
		for (const entry of graph.entries) {
			const lastReviewed = dateOf(entry.raw.lastReviewed);
			if (!lastReviewed) continue;
			const status = reviewStatus({ collection: entry.collection, lastReviewed, reviewInterval: intervalOf(entry) }, policy, today);
			if (status.state === 'current') continue;
			const overdue = status.state === 'overdue';
			const what = overdue ? `review long overdue (more than ${policy.freshness.errorFactor} review intervals)` : 'review due';
			const when = `last reviewed ${status.lastReviewed}, every ${status.interval} days, so due on ${status.due} (${status.daysLate} days ago)`;
			report({
				file: entry.file,
				...positionOf(entry.frontmatter, ['lastReviewed'], { line: entry.frontmatter.line, column: 1 }, 'value'),
				severity: overdue ? 'error' : 'warning',
				message: `${what}: ${when}`,
				fix: 'review the page, then set `lastReviewed:` to the date of the review',
			});
		}
	},
};

function dateOf(value: unknown): Date | undefined {
	const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : undefined;
	return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

function intervalOf(entry: Entry): number | undefined {
	const interval = entry.raw.reviewInterval;
	return typeof interval === 'number' && Number.isInteger(interval) && interval > 0 ? interval : undefined;
}

function isoDay(day: number): string {
	return new Date(day * dayMs).toISOString().slice(0, 10);
}
