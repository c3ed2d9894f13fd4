import { z } from 'astro/zod';
import { calendarDate, type ReferenceFn, reviewFields } from './common.ts';

/** The kinds of readiness template, with the label pages show for each. */
export const readinessKindLabels = {
	'service-readiness': 'Service readiness',
	hypercare: 'Hypercare plan',
	communications: 'Communications template',
	'post-incident-review': 'Post-incident review',
	slo: 'SLO document',
	'error-budget-policy': 'Error budget policy',
	'change-record': 'Change record',
	'game-day': 'Game day',
} as const;
export const readinessKinds = Object.keys(readinessKindLabels) as [keyof typeof readinessKindLabels, ...(keyof typeof readinessKindLabels)[]];
export const readinessTiers = ['gold', 'silver', 'bronze'] as const;

/**
 * Where a release stands, as the service readiness templates' status key defines each value: set
 * on a filled-in service readiness record, shown on the release board.
 */
export const releaseStatusLabels = {
	planned: 'Planned',
	'at-risk': 'At risk',
	released: 'Released, in hypercare',
	done: 'Done',
	cancelled: 'Cancelled',
} as const;
export const releaseStatuses = Object.keys(releaseStatusLabels) as [keyof typeof releaseStatusLabels, ...(keyof typeof releaseStatusLabels)[]];
/** The statuses of a release that has not gone out yet. */
export const releaseStatusesBeforeRelease: readonly (typeof releaseStatuses)[number][] = ['planned', 'at-risk'];

/** Frontmatter of `content/readiness/*.md`: a template teams copy and fill in. */
export function readinessSchema(reference: ReferenceFn) {
	return z
		.strictObject({
			title: z.string().min(1),
			summary: z.string().min(1),
			kind: z.enum(readinessKinds),
			/** Size of release the template is for (service readiness templates). */
			tier: z.enum(readinessTiers).optional(),
			owner: reference('teams'),
			/** Headings the template must contain, in order. */
			sections: z.array(z.string().min(1)).min(1),
			/** Headings of the checklist parts the template must contain. */
			checklist: z.array(z.string().min(1)).default([]),
			/** Set on a filled-in copy: the service it was written for. */
			service: reference('services').optional(),
			/** A filled-in service readiness record: the day the release goes out. */
			releaseDate: calendarDate.optional(),
			/** A filled-in service readiness record: where the release stands (the template's status key). */
			status: z.enum(releaseStatuses).optional(),
			/** A filled-in service readiness record: the last day of hypercare. */
			hypercareUntil: calendarDate.optional(),
			...reviewFields,
		})
		.refine((template) => template.kind !== 'service-readiness' || template.tier !== undefined, {
			message: 'a service readiness template needs a `tier:` (gold, silver or bronze)',
			path: ['tier'],
		})
		.refine((record) => !isReleaseRecord(record) || record.releaseDate !== undefined, {
			message: 'a service readiness record needs the day the release goes out: `releaseDate: YYYY-MM-DD`',
			path: ['releaseDate'],
		})
		.refine((record) => !isReleaseRecord(record) || record.status !== undefined, {
			message: `a service readiness record needs a \`status:\` (${releaseStatuses.join(', ')})`,
			path: ['status'],
		})
		.refine((record) => isReleaseRecord(record) || (record.releaseDate ?? record.status ?? record.hypercareUntil) === undefined, {
			message: '`releaseDate`, `status` and `hypercareUntil` belong on a filled-in service readiness record (kind service-readiness with a `service:`)',
			path: ['releaseDate'],
		})
		.refine(
			(record) => record.hypercareUntil === undefined || record.releaseDate === undefined || record.hypercareUntil >= record.releaseDate,
			{ message: 'hypercare ends before the release goes out: `hypercareUntil` must be on or after `releaseDate`', path: ['hypercareUntil'] },
		);
}

/** Whether readiness frontmatter is a filled-in service readiness record of one release (not a template, not an SLO document). */
export function isReleaseRecord(record: { kind?: unknown; service?: unknown }): boolean {
	return record.kind === 'service-readiness' && record.service !== undefined;
}
