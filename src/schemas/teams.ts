import { z } from 'astro/zod';
import { slug } from './common.ts';

/** One entry of `content/teams.yaml`: a team that can own pages. */
export function teamSchema() {
	return z.strictObject({
		id: slug,
		name: z.string().min(1),
		description: z.string().optional(),
		contacts: z
			.strictObject({
				chat: z.string().min(1).optional(),
				email: z.email().optional(),
			})
			.default({}),
		oncall: z
			.strictObject({
				rotation: z.string().min(1),
				pager: z.url().optional(),
			})
			.nullable()
			.default(null),
		/** GitHub team or user handle, e.g. `@example-org/payments`; used for CODEOWNERS. */
		github: z.string().regex(/^@[\w.-]+(\/[\w.-]+)?$/, 'write a handle like "@org/team" or "@user"'),
		members: z.array(z.string().min(1)).default([]),
	});
}
