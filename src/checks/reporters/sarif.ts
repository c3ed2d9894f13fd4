import type { VFile } from 'vfile';
import { fatalRule } from '../engine.ts';
import { rules } from '../rules/index.ts';
import { listDiagnostics } from './diagnostics.ts';

const level = { error: 'error', warning: 'warning' } as const;

/**
 * A SARIF 2.1.0 log (for GitHub code scanning and other tools): one run of the `handbook` tool,
 * whose driver lists the rules with their descriptions and default levels, and one result per
 * diagnostic with its location relative to the repository root (`%SRCROOT%`).
 */
export function formatSarif(files: VFile[]): string {
	const described = [...rules, fatalRule].map((rule) => rule.meta);
	const ruleIndex = new Map(described.map((rule, index) => [rule.id, index]));
	const log = {
		$schema: 'https://json.schemastore.org/sarif-2.1.0.json',
		version: '2.1.0',
		runs: [
			{
				tool: {
					driver: {
						name: 'handbook',
						rules: described.map((rule) => ({
							id: rule.id,
							name: rule.id,
							shortDescription: { text: rule.description },
							defaultConfiguration: { level: level[rule.defaultSeverity] },
						})),
					},
				},
				columnKind: 'utf16CodeUnits',
				originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The repository root.' } } },
				results: listDiagnostics(files).map((diagnostic) => ({
					ruleId: diagnostic.ruleId,
					...(ruleIndex.has(diagnostic.ruleId) ? { ruleIndex: ruleIndex.get(diagnostic.ruleId) } : {}),
					level: level[diagnostic.severity],
					message: { text: diagnostic.fix ? `${diagnostic.message} (fix: ${diagnostic.fix})` : diagnostic.message },
					locations: [
						{
							physicalLocation: {
								artifactLocation: { uri: encodeURI(diagnostic.file), uriBaseId: '%SRCROOT%' },
								region: {
									startLine: diagnostic.line,
									startColumn: diagnostic.column,
									...(diagnostic.endLine === undefined ? {} : { endLine: diagnostic.endLine, endColumn: diagnostic.endColumn }),
								},
							},
						},
					],
				})),
			},
		],
	};
	return JSON.stringify(log, null, 2);
}
