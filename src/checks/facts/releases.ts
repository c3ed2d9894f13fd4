import { isReleaseRecord, releaseStatusesBeforeRelease, releaseStatuses } from '../../schemas/readiness.ts';
import type { Entry } from '../types.ts';

export type ReleaseStatus = (typeof releaseStatuses)[number];

/** Where a release is on the release board. */
export type ReleasePhase = 'upcoming' | 'hypercare' | 'done';

/** The heading of a record's closing note: the outcome of hypercare, written when it ends. */
export const closingNoteHeading = 'Outcome';

/** Where one release stands: the facts of a filled-in service readiness record. */
export interface ReleaseFacts {
	service: string;
	tier: string;
	/** `YYYY-MM-DD`. */
	releaseDate: string;
	status: ReleaseStatus;
	/** The last day of hypercare, `YYYY-MM-DD`, if set. */
	hypercareUntil: string | undefined;
	/** `upcoming` before release (planned, at risk), `hypercare` once released, `done` when done or cancelled. */
	phase: ReleasePhase;
	/** Task list items of the record: ticked, and all. */
	checklist: { done: number; total: number };
	/** Whether the record has its closing note: an `## Outcome` section. */
	closed: boolean;
	/** The release date has passed but the status still says it has not gone out. */
	late: boolean;
	/** Hypercare has passed its last day and the record has no closing note. */
	hypercareOverdue: boolean;
}

/**
 * The release facts of a readiness page, if it is a filled-in service readiness record whose
 * frontmatter validates; judged against `today` (`YYYY-MM-DD`).
 */
export function releaseOf(entry: Pick<Entry, 'collection' | 'data' | 'headings' | 'tasks'>, today: string): ReleaseFacts | undefined {
	const data = entry.data;
	if (entry.collection !== 'readiness' || !data || !isReleaseRecord(data)) return undefined;
	const service = (data.service as { id: string }).id;
	const releaseDate = isoDate(data.releaseDate);
	const status = data.status as ReleaseStatus | undefined;
	if (releaseDate === undefined || status === undefined) return undefined;
	const hypercareUntil = isoDate(data.hypercareUntil);
	const closed = entry.headings.some((heading) => heading.depth === 2 && heading.text.trim().toLowerCase() === closingNoteHeading.toLowerCase());
	const phase: ReleasePhase = releaseStatusesBeforeRelease.includes(status) ? 'upcoming' : status === 'released' ? 'hypercare' : 'done';
	return {
		service,
		tier: typeof data.tier === 'string' ? data.tier : '',
		releaseDate,
		status,
		hypercareUntil,
		phase,
		checklist: { done: entry.tasks.filter((task) => task.checked).length, total: entry.tasks.length },
		closed,
		late: phase === 'upcoming' && releaseDate < today,
		hypercareOverdue: status !== 'cancelled' && hypercareUntil !== undefined && hypercareUntil < today && !closed,
	};
}

function isoDate(value: unknown): string | undefined {
	return value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString().slice(0, 10) : undefined;
}
