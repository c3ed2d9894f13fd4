import { z } from 'astro/zod';
import { type ReferenceFn, reviewFields } from './common.ts';
import { readinessTiers } from './readiness.ts';

/**
 * The support tiers of a service, named like the release tiers: gold (on-call around the clock),
 * silver (extended working hours), bronze (office hours). A release's own tier is chosen by its
 * size and risk, not by the service's tier.
 */
export const serviceTiers = readinessTiers;

/** Labels of the service tiers, for the catalogue's sections. */
export const serviceTierLabels: Record<(typeof serviceTiers)[number], string> = {
	gold: 'Gold support',
	silver: 'Silver support',
	bronze: 'Bronze support',
};

/** A web address people open from the page: http or https only, so content cannot plant a `javascript:` link. */
const webAddress = z.url({ protocol: /^https?$/, error: 'write a full http(s) address, e.g. "https://grafana.example.com/d/abc"' });

/** One service level objective: what is measured, the target, and the window it is measured over. */
export function sloSchema() {
	return z.strictObject({
		/** A short name, e.g. `Availability`. */
		name: z.string().min(1),
		/** What the indicator counts: the valid events, and which of them are good. */
		sli: z.string().min(1),
		/** The recording rule or query that computes the indicator, if there is one. */
		query: z.string().min(1).optional(),
		/** The objective as a percentage of good events, e.g. `99.9`. */
		objective: z
			.number({ error: 'write the objective as a percentage, e.g. 99.9' })
			.gt(0, 'the objective is a percentage above 0')
			.lt(100, 'an objective of 100% leaves no error budget: write less than 100'),
		/** The rolling window the objective is measured over, in days. */
		windowDays: z.number().int().positive().max(366),
	});
}

/**
 * Frontmatter of `content/services/<id>.md`: one service of the catalogue. Runbook folders and
 * filled-in readiness records name a service by its id, the file name.
 */
export function serviceSchema(reference: ReferenceFn) {
	return z.strictObject({
		title: z.string().min(1),
		summary: z.string().min(1),
		owner: reference('teams'),
		/** How the service is supported: gold (on-call around the clock), silver (extended hours), bronze (office hours). */
		tier: z.enum(serviceTiers),
		/** What a consumer gets from the service. */
		offering: z
			.strictObject({
				/** What consumers receive and keep (a report, an issued certificate). */
				goods: z.array(z.string().min(1)).default([]),
				/** Resources consumers can use while they are allowed to (an API, a network). */
				access: z.array(z.string().min(1)).default([]),
				/** What consumers can ask the provider to do (a refund, a new domain). */
				actions: z.array(z.string().min(1)).default([]),
			})
			.refine((offering) => offering.goods.length + offering.access.length + offering.actions.length > 0, {
				message: 'say what consumers get: at least one of `goods`, `access` or `actions`',
			}),
		slos: z.array(sloSchema()).default([]),
		/** The services this one needs to work. */
		dependencies: z.array(reference('services')).default([]),
		dashboards: z.array(z.strictObject({ title: z.string().min(1), url: webAddress })).default([]),
		statusPage: webAddress.optional(),
		/** Source repositories of the service. */
		repositories: z.array(webAddress).default([]),
		...reviewFields,
	});
}
