import { docsSchema } from '@astrojs/starlight/schema';
import { z } from 'astro/zod';
import { type ReferenceFn, reviewFields } from './common.ts';

/**
 * Fields the handbook adds to Starlight's frontmatter for free-form guides
 * (`content/guides/`). Starlight's own fields (title, description, template, hero, ...) stay.
 */
export function guideFields(reference: ReferenceFn) {
	return z.object({
		owner: reference('teams').optional(),
		lastReviewed: reviewFields.lastReviewed.optional(),
		reviewInterval: reviewFields.reviewInterval,
	});
}

/** Frontmatter of `content/guides/**`: Starlight's docs schema with the handbook's fields. */
export function guideSchema(reference: ReferenceFn) {
	return docsSchema({ extend: guideFields(reference) });
}
