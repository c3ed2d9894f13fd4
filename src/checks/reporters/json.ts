import type { VFile } from 'vfile';
import { listDiagnostics } from './diagnostics.ts';

/** The report for programs: a JSON array of diagnostics (file, line, column, ruleId, severity, message, fix). */
export function formatJson(files: VFile[]): string {
	return JSON.stringify(listDiagnostics(files), null, 2);
}
