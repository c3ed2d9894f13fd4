import { z } from 'astro/zod';
import { type ReferenceFn, reviewFields } from './common.ts';

/**
 * Fields the handbook adds to Starlight's frontmatter for free-form guides
 * (`content/guides/`). Starlight's own fields (title, description, template, hero, ...) stay.
 */
export function guideFields<R extends z.ZodType>(reference: ReferenceFn<R>) {
	return z.object({
		owner: reference('teams').optional(),
		lastReviewed: reviewFields.lastReviewed.optional(),
		reviewInterval: reviewFields.reviewInterval,
	});
}
