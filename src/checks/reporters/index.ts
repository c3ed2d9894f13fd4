import type { CheckResult } from '../engine.ts';
import { formatGithub } from './github.ts';
import { formatJson } from './json.ts';
import { formatPretty } from './pretty.ts';
import { formatSarif } from './sarif.ts';

import type { ReportFormat } from './formats.ts';

export { type ReportFormat, reportFormats } from './formats.ts';

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
