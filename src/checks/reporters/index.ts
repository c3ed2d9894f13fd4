import type { CheckResult } from '../engine.ts';
import { formatGithub } from './github.ts';
import { formatJson } from './json.ts';
import { formatPretty } from './pretty.ts';
import { formatSarif } from './sarif.ts';

/** The output formats of {@link formatReport}. */
export const reportFormats = ['pretty', 'json', 'github', 'sarif'] as const;
export type ReportFormat = (typeof reportFormats)[number];

/**
 * Prints a check result: `pretty` for people (grouped by file), `json` for programs, `github`
 * for workflow annotations, `sarif` for code scanning. `color` applies to `pretty` only.
 */
export function formatReport(result: Pick<CheckResult, 'files'>, format: ReportFormat, options: { color?: boolean } = {}): string {
	switch (format) {
		case 'pretty':
			return formatPretty(result.files, options);
		case 'json':
			return formatJson(result.files);
		case 'github':
			return formatGithub(result.files);
		case 'sarif':
			return formatSarif(result.files);
	}
}
