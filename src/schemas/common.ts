import { z } from 'astro/zod';
import type { CollectionName } from '../core/collections.ts';

export type { CollectionName };

/** What a reference to another entry yields once parsed: the same in the site and the checker. */
export interface EntryReference {
	id: string;
	collection: string;
}

/**
 * Builds the schema of a reference to an entry of another collection. In the site this is
 * Astro's `reference()`; the check engine passes {@link idReference}, which produces the same
 * `{ id, collection }` value without needing Astro's runtime.
 */
export type ReferenceFn = (collection: CollectionName) => z.ZodType<EntryReference, string>;

/**
 * A reference outside Astro: validates the id's form and resolves to `{ id, collection }`. An id
 * is a page's path in its collection folder without the extension (letters, digits, `.`, `_`,
 * `~`, `-`, parts joined by `/`), or a team's id.
 */
export const idReference = (collection: CollectionName) =>
	z
		.string()
		.regex(/^[\p{L}\p{M}\p{N}._~-]+(\/[\p{L}\p{M}\p{N}._~-]+)*$/u, 'write the id: the page\'s path in its folder without the extension (letters, digits, `.`, `_`, `~`, `-`; folders joined by `/`)')
		.transform((id): EntryReference => ({ id, collection }));

/** A kebab-case identifier such as a service name or a team id. */
export const slug = z
	.string()
	.regex(/^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)*$/, 'use lower-case letters, digits and hyphens, e.g. "payments-api"');

/** A calendar date written as YAML `2026-11-01` (parsed to a Date either by YAML or by us). */
export const calendarDate = z.coerce.date({ error: 'write the date as YYYY-MM-DD, e.g. 2026-11-01' });

/** Fields every reviewed page carries: when it was last reviewed, and how often it must be. */
export const reviewFields = {
	lastReviewed: calendarDate,
	/** Days between reviews; when absent the collection's default from the check policy applies. */
	reviewInterval: z.number().int().positive().optional(),
};

/** Activities of the ITIL 4 service value chain. */
export const valueChainActivities = [
	'plan',
	'improve',
	'engage',
	'design-and-transition',
	'obtain-build',
	'deliver-and-support',
] as const;
