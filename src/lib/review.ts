import type { PageCollection } from './routes.ts';

/** Days between reviews when a page sets no `reviewInterval:` (the check policy can override). */
export const defaultReviewIntervals: Record<PageCollection, number> = {
	runbooks: 90,
	practices: 365,
	roles: 365,
	readiness: 365,
	docs: 365,
};

/** The review interval in force for a page. */
export function reviewIntervalFor(collection: PageCollection, data: { reviewInterval?: number | undefined }): number {
	return data.reviewInterval ?? defaultReviewIntervals[collection];
}
