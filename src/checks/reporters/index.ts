import type { CheckResult } from '../engine.ts';
import { formatGithub } from './github.ts';
import { formatJson } from './json.ts';
import { formatPretty, type PrettyOptions } from './pretty.ts';
import { formatSarif, type SarifOptions } from './sarif.ts';

import type { ReportFormat } from './formats.ts';

export { type ReportFormat, reportFormats } from './formats.ts';

/**
 * Prints a check result: `pretty` for people (grouped by file), `json` for programs, `github`
 * for workflow annotations, `sarif` for code scanning. `color` and `width` (the terminal's columns)
 * apply to `pretty`, `repository` (where the documentation links lead) to `sarif`.
 */
export function formatReport(result: Pick<CheckResult, 'files'>, format: ReportFormat, options: PrettyOptions & SarifOptions = {}): string {
	switch (format) {
		case 'pretty':
			return formatPretty(result.files, options);
		case 'json':
			return formatJson(result.files);
		case 'github':
			return formatGithub(result.files);
		case 'sarif':
			return formatSarif(result.files, options);
	}
}
