import { z } from 'astro/zod';
import { type ReferenceFn, reviewFields } from './common.ts';

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
			service: z.string().min(1).optional(),
			...reviewFields,
		})
		.refine((template) => template.kind !== 'service-readiness' || template.tier !== undefined, {
			message: 'a service readiness template needs a `tier:` (gold, silver or bronze)',
			path: ['tier'],
		});
}
