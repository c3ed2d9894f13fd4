import { z } from 'astro/zod';
import { collections, type PageCollection, pageCollections } from '../core/collections.ts';
import { emptySitePolicy, extraKeysSettings, isContentGlob, sitePolicyOf, type SitePolicy } from '../core/site-policy.ts';
import { slug } from '../schemas/common.ts';
import type { ReviewPolicy } from './facts/review.ts';
import type { AnyRule } from './rule.ts';
import type { DataFile, SchemaIssue, SeveritySetting, UnknownKey } from './types.ts';
import { inspect, isPlainObject, validate } from './validate.ts';

/** How one rule runs: its severity as the policy sets it (`off` silences it; unset: each diagnostic's own), and its options. */
export interface RuleSetting {
	severity: SeveritySetting | undefined;
	options: unknown;
}

/** Where the alert rules are, and which alerts must lead to a runbook. */
export interface AlertPolicy {
	/** Globs of Prometheus rule files (or `PrometheusRule` resources), relative to the repository root. */
	rules: string[];
	/**
	 * Label values an alert must have for a runbook to be required: every label named must have one
	 * of its values (`{ severity: [critical, page] }`). `undefined`: no alert requires one.
	 */
	requireRunbook: Record<string, string[]> | undefined;
	/** The published address of the handbook, ending in `/`: `runbook_url` annotations under it are checked. */
	handbookUrl: string | undefined;
}

/** The rules of the house: who owns what by default, how often pages are reviewed, how each rule runs. */
export interface Policy {
	/** Team that owns guides that name no `owner:`; without it every guide must name one. */
	defaultOwner: string | undefined;
	freshness: ReviewPolicy;
	alerts: AlertPolicy;
	/**
	 * What the site is made of: exclusions, ignored links, redirects and extra frontmatter keys,
	 * read by `core/site-policy.ts`, as the site's loaders and the build read them.
	 */
	site: SitePolicy;
	/** Per rule id. */
	rules: Record<string, RuleSetting>;
}

/** The review defaults of the collection registry. */
function registryReviewDefaults(): Record<PageCollection, number> {
	return Object.fromEntries(pageCollections.map((name) => [name, collections[name].reviewInterval])) as Record<PageCollection, number>;
}

/** The policy when `content/handbook.yaml` changes nothing. */
export function defaultPolicy(rules: readonly AnyRule[]): Policy {
	return {
		defaultOwner: undefined,
		freshness: { defaults: registryReviewDefaults(), errorFactor: 2, judged: true },
		alerts: { rules: [], requireRunbook: undefined, handbookUrl: undefined },
		site: emptySitePolicy(),
		rules: Object.fromEntries(
			rules.map((rule) => [rule.meta.id, { severity: undefined, options: rule.meta.options?.parse({}) }]),
		),
	};
}

const severitySetting = z.enum(['off', 'warning', 'error']);

/**
 * The schema of `content/handbook.yaml`, for the given rules. Collections are named by their
 * folder (`guides`, not `docs`), as authors see them. Under `rules:`, each rule takes a severity
 * (`orphans: off`) or an object with `severity:` and the rule's own options.
 */
export function policySchema(rules: readonly AnyRule[]) {
	const days = z.number().int().positive();
	const defaults = Object.fromEntries(pageCollections.map((name) => [collections[name].folder, days.optional()]));
	const ruleSettings = Object.fromEntries(
		rules.map((rule) => {
			const options = rule.meta.options;
			const object = isObjectSchema(options) ? options.extend({ severity: severitySetting.optional() }) : z.strictObject({ severity: severitySetting.optional() });
			return [rule.meta.id, z.union([severitySetting, object]).optional()];
		}),
	);
	const extraKeys = z.enum(extraKeysSettings);
	const sitePath = z.string().regex(/^\//, 'write a path of the site, starting with "/", e.g. "/manual/old-page/"');
	return z.strictObject({
		defaultOwner: slug.optional(),
		exclude: z.array(z.string().refine(isContentGlob, 'write a glob relative to the content folder, e.g. "guides/partials/**"')).optional(),
		ignoreLinks: z.array(sitePath).optional(),
		redirects: z.record(sitePath, sitePath).optional(),
		extraKeys: z
			.union([extraKeys, z.strictObject(Object.fromEntries(pageCollections.map((name) => [collections[name].folder, extraKeys.optional()])))])
			.optional(),
		freshness: z
			.strictObject({
				defaults: z.strictObject(defaults).optional(),
				errorFactor: z.number().min(1).optional(),
			})
			.optional(),
		alerts: z
			.strictObject({
				rules: z.array(z.string().min(1).refine(isRepositoryGlob, 'write a glob relative to the repository root, e.g. "monitoring/**/*.yaml"')).optional(),
				requireRunbook: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)).optional(),
				handbookUrl: z
					.url({ protocol: /^https?$/, error: 'write the address the handbook is published at, e.g. "https://handbook.example.com/"' })
					.refine((url) => url.endsWith('/'), 'end the address with "/"')
					.optional(),
			})
			.optional(),
		rules: z.strictObject(ruleSettings).optional(),
	});
}

/** A glob that stays inside the repository: relative, without `..`. */
function isRepositoryGlob(pattern: string): boolean {
	return !pattern.startsWith('/') && !pattern.split('/').includes('..');
}

function isObjectSchema(schema: z.ZodType | undefined): schema is z.ZodObject {
	return schema instanceof z.ZodObject;
}

/**
 * The policy in force: the defaults with the overrides of `handbook.yaml` applied. A setting that
 * does not validate keeps its default; the issues are returned for the `schema` rule to report.
 */
export function resolvePolicy(
	file: DataFile,
	rules: readonly AnyRule[],
): { policy: Policy; issues: SchemaIssue[]; unknownKeys: UnknownKey[] } {
	const policy = defaultPolicy(rules);
	const written = file.yaml.data;
	if (!file.exists || written === undefined || written === null) return { policy, issues: [], unknownKeys: [] };
	const schema = policySchema(rules);
	const { unknownKeys } = inspect(schema, written);
	const { data, issues } = validate(schema, written, unknownKeys);
	// Settings with an issue keep their defaults; the valid ones still apply.
	const broken = new Set(issues.map((issue) => issue.path.slice(0, issue.path[0] === 'rules' || issue.path[0] === 'alerts' ? 2 : 1).join('.')));
	const usable = data ?? validate(schema, withoutPaths(written, broken), unknownKeys).data;
	if (!isPlainObject(usable)) return { policy, issues, unknownKeys };
	const overrides = usable as z.infer<ReturnType<typeof policySchema>>;
	policy.defaultOwner = overrides.defaultOwner ?? policy.defaultOwner;
	// The same reading as the site's (core/site-policy.ts), so that the check and the build agree.
	policy.site = sitePolicyOf(written);
	for (const name of pageCollections) {
		const days = overrides.freshness?.defaults?.[collections[name].folder];
		if (typeof days === 'number') policy.freshness.defaults[name] = days;
	}
	policy.freshness.errorFactor = overrides.freshness?.errorFactor ?? policy.freshness.errorFactor;
	policy.alerts = {
		rules: overrides.alerts?.rules ?? policy.alerts.rules,
		requireRunbook: overrides.alerts?.requireRunbook ?? policy.alerts.requireRunbook,
		handbookUrl: overrides.alerts?.handbookUrl ?? policy.alerts.handbookUrl,
	};
	for (const rule of rules) {
		const setting = overrides.rules?.[rule.meta.id] as SeveritySetting | Record<string, unknown> | undefined;
		if (setting === undefined) continue;
		if (typeof setting === 'string') {
			policy.rules[rule.meta.id]!.severity = setting;
			continue;
		}
		const { severity, ...options } = setting as { severity?: SeveritySetting };
		policy.rules[rule.meta.id] = {
			severity,
			options: rule.meta.options ? rule.meta.options.parse(options) : undefined,
		};
	}
	policy.freshness.judged = policy.rules.freshness?.severity !== 'off';
	return { policy, issues, unknownKeys };
}

/** The severity the policy sets for a rule, if it sets one. */
export function ruleSeverity(policy: Policy, rule: AnyRule): SeveritySetting | undefined {
	return policy.rules[rule.meta.id]?.severity;
}

/** The written policy without the settings at the given paths (`defaultOwner`, `rules.orphans`). */
function withoutPaths(written: unknown, paths: Set<string>): unknown {
	if (!isPlainObject(written)) return written;
	const copy: Record<string, unknown> = { ...written };
	for (const path of paths) {
		const [first, second] = path.split('.');
		if (second !== undefined && isPlainObject(copy[first!])) {
			const inner = { ...(copy[first!] as Record<string, unknown>) };
			delete inner[second];
			copy[first!] = inner;
		} else delete copy[first!];
	}
	return copy;
}
