import { z } from 'astro/zod';
import { type ReferenceFn, reviewFields } from './common.ts';

/** Frontmatter of `content/runbooks/<service>/*.md`: an operational runbook. */
export function runbookSchema(reference: ReferenceFn) {
	return z
		.strictObject({
			title: z.string().min(1),
			summary: z.string().min(1),
			/** The service the runbook is for (`content/services/<id>.md`); the same as its folder name. */
			service: reference('services'),
			owner: reference('teams'),
			/** Alert names that should lead an on-call engineer here. */
			alerts: z.array(z.string().min(1)).default([]),
			/** What a person sees when this runbook applies. */
			symptoms: z.array(z.string().min(1)).default([]),
			practice: reference('practices'),
			escalation: z
				.array(
					z.strictObject({
						team: reference('teams'),
						when: z.string().min(1),
					}),
				)
				.min(1, 'add at least one escalation step: { team, when }'),
			...reviewFields,
		})
		.refine((runbook) => runbook.alerts.length + runbook.symptoms.length > 0, {
			message: 'list the alerts or symptoms this runbook covers (`alerts:` or `symptoms:`)',
			path: ['symptoms'],
		});
}
