import type { ContentGraph } from './graph.ts';
import type { Policy } from './policy.ts';
import type { Severity } from './types.ts';

/** A diagnostic as a rule reports it; the engine turns it into a vfile message. */
export interface Report {
	/** Path relative to the repository root. */
	file: string;
	line: number;
	column: number;
	endLine?: number;
	endColumn?: number;
	message: string;
	/** A short hint at the fix. */
	fix?: string;
	/** Overrides the rule's default severity for this diagnostic. */
	severity?: Severity;
	/** What was written, and what was probably meant (for editors and did-you-mean). */
	actual?: string;
	expected?: string[];
}

/** Reports one diagnostic. */
export type ReportFn = (report: Report) => void;

/** What a rule sees: the content graph, the policy in force and the date, and where to report. */
export interface RuleContext {
	graph: ContentGraph;
	policy: Policy;
	/** The check date, `YYYY-MM-DD`. */
	today: string;
	report: ReportFn;
}

/** A check rule, with its metadata next to its code. */
export interface Rule {
	id: string;
	description: string;
	defaultSeverity: Severity;
	check(context: RuleContext): void;
}
