import { z } from 'astro/zod';
import type { PageCollection } from '../lib/routes.ts';
import { slug } from '../schemas/common.ts';
import { ruleIds } from './rules/index.ts';
import { inspect, isPlainObject, validate } from './schemas.ts';
import type { DataFile, SchemaIssue, SeveritySetting, UnknownKey } from './types.ts';

/** A required section: one heading name, or a list of names of which one is enough. */
export type SectionRequirement = string | string[];

/** The rules of the house: who owns what by default, how often pages are reviewed, what they contain. */
export interface Policy {
	/** Team that owns guides that name no `owner:`; without it every guide must name one. */
	defaultOwner: string | undefined;
	freshness: {
		/** Days between reviews, per collection, when a page sets no `reviewInterval:`. */
		defaults: Record<PageCollection, number>;
		/** A page is an error (not just a warning) once it is this many intervals past its review. */
		errorFactor: number;
	};
	/** H2 sections each page of a collection must have (readiness templates list their own). */
	requiredSections: { runbooks: SectionRequirement[]; practices: SectionRequirement[] };
	/** Severity overrides per rule id. */
	rules: Partial<Record<string, SeveritySetting>>;
}

/** The policy when `content/handbook.yaml` changes nothing. */
export const defaultPolicy: Policy = {
	defaultOwner: undefined,
	freshness: { defaults: { runbooks: 90, practices: 365, roles: 365, readiness: 365, docs: 365 }, errorFactor: 2 },
	requiredSections: {
		runbooks: [['Symptoms', 'Diagnosis'], 'Mitigation', 'Escalation', 'Rollback'],
		practices: ['Purpose', 'Key activities', 'RACI'],
	},
	rules: {},
};

let schema: ReturnType<typeof createPolicySchema> | undefined;

/**
 * The schema of `content/handbook.yaml`. Collections are named by their folder (`guides`, not
 * `docs`), as authors see them. Built on first use: it lists the rule ids, and the rules import
 * this module.
 */
export function policySchema() {
	schema ??= createPolicySchema();
	return schema;
}

function createPolicySchema() {
	const days = z.number().int().positive();
	const sections = z.array(z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]));
	return z.strictObject({
		defaultOwner: slug.optional(),
		freshness: z
			.strictObject({
				defaults: z.strictObject({ practices: days, roles: days, runbooks: days, readiness: days, guides: days }).partial().optional(),
				errorFactor: z.number().min(1).optional(),
			})
			.optional(),
		requiredSections: z.strictObject({ runbooks: sections, practices: sections }).partial().optional(),
		rules: z.strictObject(Object.fromEntries(ruleIds.map((id) => [id, z.enum(['off', 'warning', 'error']).optional()]))).optional(),
	});
}

/**
 * The policy in force: the defaults with the overrides of `handbook.yaml` applied. A setting that
 * does not validate keeps its default; the issues are returned for the `schema` rule to report.
 */
export function resolvePolicy(file: DataFile): { policy: Policy; issues: SchemaIssue[]; unknownKeys: UnknownKey[] } {
	const written = file.yaml.data;
	if (!file.exists || written === undefined || written === null) return { policy: defaultPolicy, issues: [], unknownKeys: [] };
	const { unknownKeys } = inspect(policySchema(), written);
	const { data, issues } = validate(policySchema(), written, unknownKeys);
	// Settings with an issue fall back to their defaults; the valid ones still apply.
	const broken = new Set(issues.map((issue) => issue.path[0]));
	const usable =
		data ??
		(isPlainObject(written)
			? validate(
					policySchema(),
					Object.fromEntries(Object.entries(written).filter(([key]) => !broken.has(key))),
					unknownKeys.filter((key) => !broken.has(key.path[0])),
				).data
			: undefined);
	if (!isPlainObject(usable)) return { policy: defaultPolicy, issues, unknownKeys };
	const overrides = usable as z.infer<ReturnType<typeof policySchema>>;
	const { guides, ...pageDefaults } = overrides.freshness?.defaults ?? {};
	return {
		policy: {
			defaultOwner: overrides.defaultOwner ?? defaultPolicy.defaultOwner,
			freshness: {
				defaults: { ...defaultPolicy.freshness.defaults, ...pageDefaults, ...(guides ? { docs: guides } : {}) },
				errorFactor: overrides.freshness?.errorFactor ?? defaultPolicy.freshness.errorFactor,
			},
			requiredSections: { ...defaultPolicy.requiredSections, ...overrides.requiredSections },
			rules: { ...overrides.rules },
		},
		issues,
		unknownKeys,
	};
}
