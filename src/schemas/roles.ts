import { z } from 'astro/zod';
import { type ReferenceFn, reviewFields } from './common.ts';

export const roleGroups = ['process', 'devops'] as const;

/** Frontmatter of `content/roles/*.md`: a role people hold in the practices. */
export function roleSchema(reference: ReferenceFn) {
	return z.strictObject({
		title: z.string().min(1),
		/** `process`: the three process roles; `devops`: roles a DevOps organisation adds. */
		group: z.enum(roleGroups),
		summary: z.string().min(1),
		owner: reference('teams'),
		/** Column header used for this role in the RACI tables of practice pages. */
		raciColumn: z.string().min(1).optional(),
		responsibilities: z.array(z.string().min(1)).min(1),
		/** The practices the role applies to, or `all`. */
		practices: z.union([z.literal('all'), z.array(reference('practices'))]).default('all'),
		...reviewFields,
	});
}
