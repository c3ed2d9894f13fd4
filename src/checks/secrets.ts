import { lintSource } from '@secretlint/core';
import { secretLintProfiler } from '@secretlint/profiler';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';
import type { SecretLintCoreConfig } from '@secretlint/types';

/** A credential written in a file: where, and what kind, never the credential itself. */
export interface SecretFinding {
	line: number;
	column: number;
	endLine: number;
	endColumn: number;
	/** The secretlint rule that found it, e.g. `@secretlint/secretlint-rule-github`. */
	ruleId: string;
	/** What kind of credential, e.g. `GITHUB_TOKEN`. */
	kind: string;
	/** A digest of the credential, to match the policy's allowed examples without keeping the text. */
	digest: string;
}

// secretlint profiles every rule on every file unless told not to (its CLI turns it off): a
// performance mark per rule and file, all kept until the process ends. On 10,000 files that was a
// fifth of the check's time and memory that grew with every file.
secretLintProfiler.setEnabled(false);

// secretlint's recommended preset, with AWS access key ids (`AKIA...`) found too.
const config: SecretLintCoreConfig = {
	rules: [
		{
			id: '@secretlint/secretlint-rule-preset-recommend',
			rule: recommended,
			rules: [{ id: '@secretlint/secretlint-rule-aws', options: { enableIDScanRule: true } }],
		},
	],
};

/**
 * The credentials a text holds, found by secretlint's recommended preset (cloud keys, tokens of
 * GitHub, Slack, npm and others, private keys, connection strings with passwords). secretlint's
 * own comments exempt a documented example: `<!-- secretlint-disable-next-line -->` before the
 * line. The credential never leaves this function: only its position, kind and a digest do.
 */
export async function scanSecrets(filePath: string, text: string, digest: (secret: string) => string): Promise<SecretFinding[]> {
	const result = await lintSource({
		source: { filePath, content: text, ext: filePath.slice(filePath.lastIndexOf('.')), contentType: 'text' },
		options: { config },
	});
	return result.messages.map((message) => {
		const [start, end] = message.range;
		const endPoint = pointAt(text, end);
		return {
			line: message.loc.start.line,
			column: message.loc.start.column + 1,
			endLine: endPoint.line,
			endColumn: endPoint.column,
			ruleId: message.ruleId,
			kind: message.messageId,
			digest: digest(text.slice(start, end)),
		};
	});
}

function pointAt(text: string, offset: number): { line: number; column: number } {
	let line = 1;
	let lineStart = 0;
	for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
		line++;
		lineStart = index + 1;
	}
	return { line, column: offset - lineStart + 1 };
}
