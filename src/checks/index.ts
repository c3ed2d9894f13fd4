/**
 * The check engine: loads `content/`, builds the content graph, runs the rules and reports the
 * diagnostics. Used by the `handbook check` command and by the site's integration before a build.
 */
export { type CheckOptions, type CheckResult, checkHandbook, type LoadOptions, loadHandbook, runRules } from './engine.ts';
export { type ContentGraph, extraRoutes, type LinkTarget, resolveLink } from './graph.ts';
export { defaultPolicy, type Policy, policySchema, type SectionRequirement } from './policy.ts';
export { type RaciLetter, type RaciRow, type RaciTable, raciModel } from './raci.ts';
export { type Diagnostic, listDiagnostics } from './reporters/diagnostics.ts';
export { formatReport, type ReportFormat, reportFormats } from './reporters/index.ts';
export { buildHealthReport, formatHealthReport, type HealthFormat, type HealthReport, healthFormats } from './report.ts';
export type { Rule, RuleContext } from './rule.ts';
export { type ReviewStatus, reviewStatus } from './rules/freshness.ts';
export { rules } from './rules/index.ts';
export { resolveToday, type TodayOptions } from './today.ts';
export type * from './types.ts';
