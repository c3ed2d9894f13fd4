import { createHash } from 'node:crypto';
import type { VFile } from 'vfile';
import packageJson from '../../../package.json' with { type: 'json' };
import type { RepositoryWeb } from '../../core/git.ts';
import { fatalRule } from '../engine.ts';
import type { AnyRule } from '../rule.ts';
import { rules } from '../rules/index.ts';
import { type Diagnostic, listDiagnostics } from './diagnostics.ts';

export interface SarifOptions {
	/** Where the repository is on the web: gives the tool and its rules absolute documentation links. */
	repository?: RepositoryWeb | undefined;
}

const level = { error: 'error', warning: 'warning' } as const;

/** The key of the results' own fingerprint; the version changes if what it hashes changes. */
export const fingerprintKey = 'handbookDiagnostic/v1';

/**
 * A SARIF 2.1.0 log (for GitHub code scanning and other tools): one run of the `handbook` tool,
 * whose driver has its version and lists the rules with their descriptions, default levels and
 * help (the rule's messages and fix hints, from its `meta`), and one result per diagnostic with
 * its location relative to the repository root (`%SRCROOT%`) and a fingerprint. Links to the
 * documentation are given only where they can be absolute: when the repository's address is
 * known.
 */
export function formatSarif(files: VFile[], options: SarifOptions = {}): string {
	const described = [...rules, fatalRule];
	const ruleIndex = new Map(described.map((rule, index) => [rule.meta.id, index]));
	const documentation = (path: string) => absoluteUrl(path, options.repository);
	const informationUri = documentation('README.md#checking-the-handbook');
	const diagnostics = listDiagnostics(files);
	const log = {
		$schema: 'https://json.schemastore.org/sarif-2.1.0.json',
		version: '2.1.0',
		runs: [
			{
				tool: {
					driver: {
						name: 'handbook',
						fullName: 'Practice Handbook check',
						version: packageJson.version,
						semanticVersion: packageJson.version,
						...(informationUri ? { informationUri } : {}),
						rules: described.map((rule) => ruleDescriptor(rule, documentation(rule.meta.url))),
					},
				},
				columnKind: 'utf16CodeUnits',
				originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The repository root.' } } },
				results: diagnostics.map((diagnostic, index) => ({
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
					partialFingerprints: { [fingerprintKey]: fingerprint(diagnostic, occurrence(diagnostics, index)) },
				})),
			},
		],
	};
	return JSON.stringify(log, null, 2);
}

/** A rule as SARIF describes it: what it finds, its default level, and help listing its messages. */
function ruleDescriptor(rule: AnyRule, helpUri: string | undefined) {
	const { id, description, defaultSeverity, messages } = rule.meta;
	const texts = Object.values(messages).map(({ text, fix }) => ({ text: placeholders(text), fix: placeholders(fix) }));
	const sentence = `${description[0]!.toUpperCase()}${description.slice(1)}.`;
	return {
		id,
		name: id,
		shortDescription: { text: description },
		defaultConfiguration: { level: level[defaultSeverity] },
		help: {
			text: [sentence, '', 'What it reports, and the fix:', ...texts.map(({ text, fix }) => `- ${text}: ${fix}`)].join('\n'),
			markdown: [cell(sentence), '', '| what it reports | the fix |', '| --- | --- |', ...texts.map(({ text, fix }) => `| ${cell(text)} | ${cell(fix)} |`)].join(
				'\n',
			),
		},
		...(helpUri ? { helpUri } : {}),
	};
}

/** `{{anchor}}` in a message template, shown as `<anchor>`. */
function placeholders(text: string): string {
	return text.replace(/\{\{\s*(\w+)\s*\}\}/g, '<$1>');
}

/** Text as a Markdown table cell: `<placeholders>` outside code spans as text, not HTML tags. */
function cell(text: string): string {
	return text
		.split('`')
		.map((part, index) => (index % 2 === 1 ? part : part.replaceAll('<', '&lt;').replaceAll('>', '&gt;')))
		.join('`')
		.replaceAll('|', '\\|');
}

/** A documentation link as an absolute URL: as written if it is one, else in the repository, if known. */
function absoluteUrl(path: string, repository: RepositoryWeb | undefined): string | undefined {
	if (/^[a-z][a-z0-9+.-]*:/i.test(path)) return path;
	return repository ? `${repository.files}${path}` : undefined;
}

/** How many diagnostics before this one say the same thing about the same file (0 for the first). */
function occurrence(diagnostics: Diagnostic[], index: number): number {
	const key = sameness(diagnostics[index]!);
	return diagnostics.slice(0, index).filter((other) => sameness(other) === key).length;
}

function sameness(diagnostic: Diagnostic): string {
	return JSON.stringify([diagnostic.file, diagnostic.ruleId, diagnostic.messageId, diagnostic.message]);
}

/**
 * What identifies a problem across commits, as code scanning matches alerts: the file, the rule,
 * which of its messages and the message's words, but not the line, which moves when lines are
 * added above it. The same message twice in a file is told apart by its order.
 */
function fingerprint(diagnostic: Diagnostic, occurrence: number): string {
	return createHash('sha256').update(`${sameness(diagnostic)}#${occurrence}`).digest('hex').slice(0, 32);
}
