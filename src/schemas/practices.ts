import { z } from 'astro/zod';
import { type ReferenceFn, reviewFields, valueChainActivities } from './common.ts';

export const practiceCategories = ['general', 'service', 'technical'] as const;

/** Human labels for the practice groups, in display order. */
export const practiceCategoryLabels: Record<(typeof practiceCategories)[number], string> = {
	general: 'General management practices',
	service: 'Service management practices',
	technical: 'Technical management practices',
};

/** Frontmatter of `content/practices/*.md`: one ITIL 4 practice as this organisation runs it. */
export function practiceSchema(reference: ReferenceFn) {
	const assignment = z.strictObject({
		/** The person who holds the role for this practice. */
		name: z.string().min(1),
		team: reference('teams'),
	});
	return z.strictObject({
		title: z.string().min(1),
		category: z.enum(practiceCategories),
		summary: z.string().min(1),
		owner: reference('teams'),
		processOwner: assignment,
		processManager: assignment,
		related: z.array(reference('practices')).default([]),
		valueChain: z.array(z.enum(valueChainActivities)).default([]),
		...reviewFields,
	});
}
