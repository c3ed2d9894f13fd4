/**
 * The check engine: loads `content/`, builds the content graph (pages with their facts), runs the
 * rules and reports the diagnostics. Used by the `handbook` command and by the site, which reads
 * the graph's facts instead of deriving them again.
 */
export { type CheckOptions, type CheckResult, checkHandbook, fatalRule, fatalRuleId, type LoadOptions, loadHandbook, runRules } from './engine.ts';
export type { AlertDefinition, AlertRuleFile } from './alert-rules.ts';
export { type AlertFact, type RunbookClaim, type RunbookUrl, type RunbookUrlTarget } from './facts/alerts.ts';
export { closingNoteHeading, type ReleaseFacts, type ReleasePhase, type ReleaseStatus } from './facts/releases.ts';
export { errorBudget, type ServiceFacts, type SloBudget } from './facts/services.ts';
export { type RaciLetter, type RaciRow, type RaciTable, sameName } from './facts/raci.ts';
export { type ReviewPolicy, type ReviewStatus, reviewStatus } from './facts/review.ts';
export { type ContentGraph, entriesOf, type GraphLinkTarget, linkedAssets, resolveLink } from './graph.ts';
export { ContentFolderError } from './load.ts';
export { defaultPolicy, type Policy, policySchema } from './policy.ts';
export { type Diagnostic, listDiagnostics } from './reporters/diagnostics.ts';
export { formatReport, type ReportFormat, reportFormats } from './reporters/index.ts';
export {
	type AlertCoverage,
	alertCoverage,
	alertCoverageMarkdown,
	buildHealthReport,
	formatHealthReport,
	type HealthFormat,
	type HealthReport,
	healthFormats,
} from './report.ts';
export { addRunbookUrls, type RunbookUrlFix } from './alert-fix.ts';
export { type AnyRule, messageIdOf, type Rule, type RuleContext, type RuleMeta, setMessageId } from './rule.ts';
export { rules } from './rules/index.ts';
export type * from './types.ts';
