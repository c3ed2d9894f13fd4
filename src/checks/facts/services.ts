import type { Entry } from '../types.ts';
import { isPlainObject } from '../validate.ts';
import type { AlertFact } from './alerts.ts';

/** One service level objective with the error budget it leaves. */
export interface SloBudget {
	name: string;
	sli: string;
	query: string | undefined;
	/** The objective, a percentage: `99.9`. */
	objective: number;
	windowDays: number;
	/** The share of events that may be bad: `0.001` for 99.9 %. */
	badFraction: number;
	/** The same as a percentage: `0.1` for 99.9 %. */
	badPercent: number;
	/** Minutes of full outage the window allows, one decimal: 40.3 for 99.9 % over 28 days. */
	badMinutes: number;
	/** One bad event in this many may fail: 1000 for 99.9 %. */
	oneIn: number;
}

/** What the handbook knows about one service, gathered from every collection once. */
export interface ServiceFacts {
	/** Its objectives with their error budgets. */
	slos: SloBudget[];
	/** The runbooks in its folder, in file order. */
	runbooks: Entry[];
	/** The alerts that lead to its runbooks or carry its `service` label. */
	alerts: AlertFact[];
	/** The services it depends on, as written (ids that exist or not: the check reports those that do not). */
	dependencies: string[];
	/** The services that depend on it. */
	dependents: string[];
	/** Its filled-in service readiness records, by release date (see `release` facts). */
	releases: Entry[];
	/** The on-call rotation of its owner team, if the team has one. */
	oncall: string | undefined;
}

/**
 * The error budget an objective leaves over its window: the share of events that may be bad,
 * and the same as minutes of full outage (99.9 % over 28 days: 0.1 % of 40,320 minutes, 40.3).
 */
export function errorBudget(objective: number, windowDays: number): Pick<SloBudget, 'badFraction' | 'badPercent' | 'badMinutes' | 'oneIn'> {
	// Computed on thousandths of a percent, so 100 - 99.9 is 0.1 and not 0.09999999999999432.
	const badThousandths = Math.round((100 - objective) * 1000);
	const badFraction = badThousandths / 100_000;
	return {
		badFraction,
		badPercent: badThousandths / 1000,
		badMinutes: Math.round(windowDays * 24 * 60 * badFraction * 10) / 10,
		oneIn: Math.round(1 / badFraction),
	};
}

/** The objectives of a service's validated frontmatter, with their budgets. */
export function sloBudgets(data: Record<string, unknown> | undefined): SloBudget[] {
	const slos = data?.slos;
	if (!Array.isArray(slos)) return [];
	return slos.filter(isPlainObject).map((slo) => {
		const objective = slo.objective as number;
		const windowDays = slo.windowDays as number;
		return {
			name: slo.name as string,
			sli: slo.sli as string,
			query: typeof slo.query === 'string' ? slo.query : undefined,
			objective,
			windowDays,
			...errorBudget(objective, windowDays),
		};
	});
}

/** The ids written under a list of references (`dependencies: [edge-gateway]`), valid or not. */
export function referencedIds(value: unknown): string[] {
	return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
}
