import type { PageCollection } from '../../core/collections.ts';

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

/** The review settings of the policy. */
export interface ReviewPolicy {
	/** Days between reviews, per collection, when a page sets no `reviewInterval:`. */
	defaults: Record<PageCollection, number>;
	/** A page is overdue (an error, not just a warning) once it is this many intervals past its review. */
	errorFactor: number;
	/** Whether reviews are judged at all; with the `freshness` rule off every page counts as current. */
	judged: boolean;
}

const dayMs = 86_400_000;

/**
 * The review status of a page on a date: its last review plus its interval (the page's
 * `reviewInterval:`, else the policy's default for its collection) against `today`.
 */
export function reviewStatus(
	page: { collection: PageCollection; lastReviewed: Date; reviewInterval?: number | undefined },
	policy: ReviewPolicy,
	today: string,
): ReviewStatus {
	const interval = page.reviewInterval ?? policy.defaults[page.collection];
	const reviewedDay = Math.floor(page.lastReviewed.getTime() / dayMs);
	const todayDay = Math.floor(Date.parse(`${today}T00:00:00Z`) / dayMs);
	const late = todayDay - (reviewedDay + interval);
	const state = !policy.judged ? 'current' : todayDay > reviewedDay + interval * policy.errorFactor ? 'overdue' : late > 0 ? 'stale' : 'current';
	return {
		interval,
		lastReviewed: isoDay(reviewedDay),
		due: isoDay(reviewedDay + interval),
		state,
		daysLate: state === 'current' ? 0 : late,
	};
}

/**
 * The review status of a page from its frontmatter as written: `lastReviewed:` (a date) and
 * `reviewInterval:` (a positive whole number of days, else the default). `undefined` for a page
 * without a readable `lastReviewed:` (the `schema` rule reports a malformed one).
 */
export function reviewOfFrontmatter(
	collection: PageCollection,
	frontmatter: Record<string, unknown>,
	policy: ReviewPolicy,
	today: string,
): ReviewStatus | undefined {
	const written = frontmatter.lastReviewed;
	const lastReviewed = written instanceof Date ? written : typeof written === 'string' ? new Date(written) : undefined;
	if (!lastReviewed || Number.isNaN(lastReviewed.getTime())) return undefined;
	const interval = frontmatter.reviewInterval;
	const reviewInterval = typeof interval === 'number' && Number.isInteger(interval) && interval > 0 ? interval : undefined;
	return reviewStatus({ collection, lastReviewed, reviewInterval }, policy, today);
}

function isoDay(day: number): string {
	return new Date(day * dayMs).toISOString().slice(0, 10);
}
