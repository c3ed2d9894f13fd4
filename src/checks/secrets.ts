import { createHash } from 'node:crypto';
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
	/**
	 * Digests of what was matched, to match the policy's allowed examples without keeping the text:
	 * of the whole match, and of each of its words of 8 characters or more, since a match can
	 * include its key (`aws_account_id = "210987654321`) and `allow` names the credential itself.
	 */
	digests: string[];
}

let scanner: Promise<{ lint: typeof import('@secretlint/core').lintSource; config: SecretLintCoreConfig }> | undefined;

/** secretlint and its recommended preset (with AWS access key ids, `AKIA...`, found too), loaded on first use. */
function loadScanner() {
	scanner ??= (async () => {
		const [{ lintSource }, { creator }, { secretLintProfiler }] = await Promise.all([
			import('@secretlint/core'),
			import('@secretlint/secretlint-rule-preset-recommend'),
			import('@secretlint/profiler'),
		]);
		// secretlint profiles every rule on every file unless told not to (its CLI turns it off): a
		// performance mark per rule and file, all kept until the process ends. On 10,000 files that was a
		// fifth of the check's time and memory that grew with every file.
		secretLintProfiler.setEnabled(false);
		const config: SecretLintCoreConfig = {
			rules: [
				{
					id: '@secretlint/secretlint-rule-preset-recommend',
					rule: creator,
					rules: [{ id: '@secretlint/secretlint-rule-aws', options: { enableIDScanRule: true } }],
				},
			],
		};
		return { lint: lintSource, config };
	})();
	return scanner;
}

/** The digest a credential is known by (see {@link SecretFinding.digests}). */
export function secretDigest(secret: string): string {
	return createHash('sha256').update(secret).digest('hex').slice(0, 16);
}

function matchDigests(match: string): string[] {
	const words = match
		.split(/[\s"'`=,;()[\]{}<>]+/)
		.map((word) => word.replace(/:$/, ''))
		.filter((word) => word.length >= 8 && word !== match);
	return [...new Set([match, ...words])].map(secretDigest);
}

/**
 * The credentials a text holds, found by secretlint's recommended preset (cloud keys, tokens of
 * GitHub, Slack, npm and others, private keys, connection strings with passwords). secretlint's
 * own comments exempt a documented example: `<!-- secretlint-disable-next-line -->` before the
 * line. The credential never leaves this function: only its position, kind and a digest do.
 */
export async function scanSecrets(filePath: string, text: string): Promise<SecretFinding[]> {
	const { lint, config } = await loadScanner();
	const result = await lint({
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
			digests: matchDigests(text.slice(start, end)),
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
