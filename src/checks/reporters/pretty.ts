import { reporter } from 'vfile-reporter';
import type { VFile } from 'vfile';

/**
 * The report for people: diagnostics grouped by file with line:column, severity, message and
 * rule id, each followed by its fix hint, then a summary (as remark and ESLint print them).
 */
export function formatPretty(files: VFile[], options: { color?: boolean } = {}): string {
	const report = reporter(files, { quiet: true, verbose: true, color: options.color ?? false });
	return report === '' ? `${files.length} files checked: no problems` : report;
}
