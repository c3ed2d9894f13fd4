import { z } from 'astro/zod';
import { defineRule } from '../rule.ts';
import { type SecretFinding, secretDigest } from '../secrets.ts';

const options = z.strictObject({
	/**
	 * Example credentials that documentation may show (known to be fake), written out: the
	 * credential itself (`210987654321`) or the whole text secretlint matched.
	 */
	allow: z.array(z.string().min(1)).default([]),
});

export const secretsRule = defineRule({
	meta: {
		id: 'secrets',
		description:
			'credentials in any file of the content folder (cloud keys, GitHub, Slack and other tokens, private keys, connection strings with passwords), found by secretlint; the report names the kind, never the credential. A documented fake example is allowed with `<!-- secretlint-disable-next-line -->` before it, or listed under `allow`',
		defaultSeverity: 'error',
		url: 'README.md#rule-secrets',
		messages: {
			secret: {
				text: 'a credential ({{kind}}, found by {{rule}}) is written here: everyone who can read the handbook can use it',
				fix: 'remove it, and revoke it: it is in the repository history. For a fake example, put `<!-- secretlint-disable-next-line -->` on the line before',
			},
		},
		options,
	},
	create({ graph, options, report }) {
		const allowed = new Set(options.allow.map(secretDigest));
		const reportAll = (file: string, findings: SecretFinding[]) => {
			for (const finding of findings) {
				if (finding.digests.some((digest) => allowed.has(digest))) continue;
				report({
					file,
					line: finding.line,
					column: finding.column,
					endLine: finding.endLine,
					endColumn: finding.endColumn,
					messageId: 'secret',
					data: { kind: finding.kind, rule: finding.ruleId.replace('@secretlint/secretlint-rule-', '') },
				});
			}
		};
		return {
			entry(entry) {
				reportAll(entry.file, entry.secrets);
			},
			handbook() {
				for (const [file, findings] of graph.fileSecrets) reportAll(file, findings);
			},
		};
	},
});
