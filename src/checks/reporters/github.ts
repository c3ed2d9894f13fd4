import type { VFile } from 'vfile';
import { listDiagnostics } from './diagnostics.ts';

/**
 * GitHub Actions workflow commands, one per diagnostic, which show as annotations on the
 * pull request's files: `::error file=...,line=...,col=...,title=links::message`.
 */
export function formatGithub(files: VFile[]): string {
	return listDiagnostics(files)
		.map((diagnostic) => {
			const properties = [
				`file=${escapeProperty(diagnostic.file)}`,
				`line=${diagnostic.line}`,
				`col=${diagnostic.column}`,
				...(diagnostic.endLine === undefined ? [] : [`endLine=${diagnostic.endLine}`, `endColumn=${diagnostic.endColumn}`]),
				`title=${escapeProperty(diagnostic.ruleId)}`,
			];
			const text = diagnostic.fix ? `${diagnostic.message} (fix: ${diagnostic.fix})` : diagnostic.message;
			return `::${diagnostic.severity} ${properties.join(',')}::${escapeData(text)}`;
		})
		.join('\n');
}

// Escaping as GitHub's own toolkit (@actions/core) does it.
function escapeData(value: string): string {
	return value.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

function escapeProperty(value: string): string {
	return escapeData(value).replaceAll(':', '%3A').replaceAll(',', '%2C');
}
