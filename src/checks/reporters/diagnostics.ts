import type { VFile } from 'vfile';
import { messageIdOf } from '../rule.ts';
import type { Severity } from '../types.ts';

/** A diagnostic as the machine-readable reports list it. */
export interface Diagnostic {
	/** Path relative to the repository root. */
	file: string;
	line: number;
	column: number;
	endLine?: number;
	endColumn?: number;
	ruleId: string;
	/** Which of the rule's messages: stable across wording changes, for programs and tests. */
	messageId: string;
	severity: Severity;
	message: string;
	/** A short hint at the fix. */
	fix?: string;
}

/** Every message of the files, in file order, as plain diagnostics. */
export function listDiagnostics(files: VFile[]): Diagnostic[] {
	return files.flatMap((file) =>
		file.messages.map((message) => {
			const end = message.place && 'end' in message.place ? message.place.end : undefined;
			return {
				file: file.path,
				line: message.line ?? 1,
				column: message.column ?? 1,
				...(end ? { endLine: end.line, endColumn: end.column } : {}),
				ruleId: message.ruleId ?? 'handbook',
				messageId: messageIdOf(message),
				severity: message.fatal ? 'error' : 'warning',
				message: message.reason,
				...(message.note ? { fix: message.note } : {}),
			} satisfies Diagnostic;
		}),
	);
}
