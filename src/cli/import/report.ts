import type { CheckResult } from '../../checks/index.ts';
import { messageIdOf } from '../../checks/index.ts';
import type { ImportReportData } from './plan.ts';

/** The `handbook check` result on the imported tree, as the report keeps it. */
export interface ImportCheck {
	errors: number;
	warnings: number;
	/** Findings by `rule/messageId`, most frequent first. */
	byKind: { kind: string; severity: 'error' | 'warning'; count: number }[];
	findings: { file: string; line: number; kind: string; severity: 'error' | 'warning'; message: string; fix: string | undefined }[];
	seconds: number;
}

/** The check result in the report's form. */
export function importCheckOf(result: CheckResult, seconds: number): ImportCheck {
	const findings = result.files.flatMap((file) =>
		file.messages.map((message) => ({
			file: file.path,
			line: message.line ?? 1,
			kind: `${message.ruleId}/${messageIdOf(message)}`,
			severity: (message.fatal ? 'error' : 'warning') as 'error' | 'warning',
			message: message.reason,
			fix: message.note ?? undefined,
		})),
	);
	const counts = new Map<string, { kind: string; severity: 'error' | 'warning'; count: number }>();
	for (const finding of findings) {
		const key = `${finding.kind} ${finding.severity}`;
		const entry = counts.get(key) ?? { kind: finding.kind, severity: finding.severity, count: 0 };
		entry.count++;
		counts.set(key, entry);
	}
	const byKind = [...counts.values()].sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind));
	return { errors: result.errorCount, warnings: result.warningCount, byKind, findings, seconds };
}

const list = (items: string[], empty = 'none') => (items.length === 0 ? `${empty}\n` : `${items.map((item) => `- ${item}`).join('\n')}\n`);
const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

/** The import report as Markdown: what the import did, and what is left to do. */
export function importReportMarkdown(report: ImportReportData, into: string, check: ImportCheck | undefined): string {
	const titles = countBy(report.pages.map((page) => page.titleFrom));
	const out: string[] = [];
	out.push('# Import report', '');
	out.push(`Imported ${report.pages.length} pages from ${code(report.source)} (${report.generator}${report.evidence ? `, found by ${code(report.evidence)}` : ''}) into ${code(into)}.`, '');
	out.push('| | |', '| --- | ---: |');
	out.push(`| pages | ${report.pages.length} |`);
	out.push(`| of them runbooks | ${report.runbooks.length} |`);
	out.push(`| folder index pages written from the navigation | ${report.folderIndexes} |`);
	out.push(`| titles from frontmatter / navigation / first heading / file name | ${titles.frontmatter ?? 0} / ${titles.navigation ?? 0} / ${titles.heading ?? 0} / ${titles['file name'] ?? 0} |`);
	out.push(`| frontmatter keys mapped / kept / dropped | ${sum(report.keysMapped)} / ${sum(report.keysKept)} / ${report.keysDropped.length} |`);
	out.push(`| links rewritten / anchors mapped / left unresolved | ${report.links.rewritten} / ${report.links.anchorsMapped} / ${report.links.unresolved.length} |`);
	out.push(`| assets copied | ${report.assets.length} |`);
	out.push(`| template code stripped | ${report.templates.length} places |`);
	out.push(`| admonitions / GitHub alerts / tab sets converted | ${report.conversions.admonitions} / ${report.conversions.alerts} / ${report.conversions.tabs} |`);
	out.push(`| custom heading ids replaced / attribute lists taken out | ${report.conversions.headingIds} / ${report.conversions.attributeLists} |`);
	out.push(`| teams created (to complete) | ${report.teams.length} (${report.teams.filter((team) => !team.complete).length}) |`);
	if (check) out.push(`| \`handbook check\` | ${check.errors} errors, ${check.warnings} warnings (${check.seconds.toFixed(1)} s) |`);
	out.push('');

	out.push('## What is left to do', '');
	const todo: string[] = [];
	const incomplete = report.teams.filter((team) => !team.complete);
	if (report.teams.length > 0) {
		todo.push(`Complete the teams in \`teams.yaml\` marked TO COMPLETE: ${report.teams.map((team) => code(team.id)).join(', ')}${incomplete.length > 0 ? ` (${incomplete.map((team) => code(team.id)).join(', ')} have no contact yet)` : ''}.`);
	}
	if (report.templates.length > 0) todo.push(`Read the ${report.templates.length} places where template code was taken out (below): the old generator filled them in when it built the site.`);
	if (report.linksDowngraded) {
		todo.push(`Fix the ${report.linksDowngraded} broken links the check found (they were broken in the old handbook too), then remove \`rules: { links: warning }\` from handbook.yaml: until then broken links are warnings.`);
	}
	if (report.links.unresolved.length > 0) todo.push(`Fix or ignore the ${report.links.unresolved.length} links that lead to no imported page or file (below, and in the check result).`);
	for (const runbook of report.runbooks) if (runbook.missing.length > 0) todo.push(`${code(runbook.target)} lacks ${runbook.missing.join(', ')}.`);
	if (report.runbookLike.length > 0 && report.runbooks.length === 0) {
		todo.push(`${report.runbookLike.length} pages read like runbooks; to place them as runbooks, import again with \`--runbooks <glob> --service <id>\`.`);
	}
	if (check && check.errors + check.warnings > 0) todo.push('Work through the check result at the end of this report.');
	out.push(list(todo, 'Nothing: the handbook checks clean.'));

	out.push('## Frontmatter', '');
	out.push('Mapped to the handbook\'s keys:', '', list(Object.entries(report.keysMapped).map(([key, count]) => `${code(key)}: ${count} pages`)));
	out.push('Kept as they are (`extraKeys: { guides: allow }` in handbook.yaml):', '', list(Object.entries(report.keysKept).map(([key, count]) => `${code(key)}: ${count} pages`)));
	const dropped = new Map<string, { reason: string; pages: string[] }>();
	for (const drop of report.keysDropped) {
		const entry = dropped.get(drop.key) ?? { reason: drop.reason, pages: [] };
		entry.pages.push(drop.page);
		dropped.set(drop.key, entry);
	}
	out.push('Dropped:', '', list([...dropped].map(([key, { reason, pages }]) => `${code(key)} (${reason}): ${pages.length} pages, e.g. ${code(pages[0]!)}`)));

	out.push('## Links', '');
	out.push(`${report.links.rewritten} links were rewritten to the imported files (\`.html\`, extension-less and site-absolute addresses, document ids and references) and ${report.links.anchorsMapped} anchors to the ids the handbook gives the same headings.`, '');
	out.push('Left as written, leading to no imported page or file:', '');
	out.push(list(report.links.unresolved.map((link) => `${code(link.page)} line ${link.line}: ${code(link.url)}`)));

	out.push('## Assets', '');
	out.push(list(report.assets.map((asset) => `${code(asset.source)} -> ${code(asset.target)}`)));

	out.push('## Template code taken out', '');
	out.push('Every place, with the code as it was (never run):', '');
	out.push(list(report.templates.map((template) => `${code(template.page)} line ${template.line} (${template.kind}): ${code(template.code)}`)));
	if (report.conversions.components.length > 0) {
		out.push('Components left as written (they render as unknown HTML elements):', '');
		out.push(list(report.conversions.components.map((entry) => `${code(entry.page)}: ${entry.names.map(code).join(', ')}`)));
	}

	out.push('## Drafts', '');
	out.push('Files whose name starts with `_` (drafts and partials, and pages marked `draft: true`) are neither checked nor published:', '');
	out.push(list(report.drafts.map(code)));

	out.push('## Runbooks', '');
	if (report.runbooks.length > 0) {
		out.push(list(report.runbooks.map((runbook) => `${code(runbook.target)}${runbook.missing.length > 0 ? `: lacks ${runbook.missing.join(', ')}` : ''}`)));
	}
	out.push('Pages that read like runbooks (alert runbooks, playbooks):', '');
	out.push(list(report.runbookLike.map(code)));

	out.push('## Pages', '');
	out.push('| source | imported as | title | title from |', '| --- | --- | --- | --- |');
	for (const page of report.pages) out.push(`| ${code(page.source)} | ${code(page.target)} | ${page.title.replace(/\|/g, '\\|')} | ${page.titleFrom} |`);
	out.push('');

	if (check) {
		out.push('## `handbook check` on the imported handbook', '');
		out.push(`${check.errors} errors, ${check.warnings} warnings, in ${check.seconds.toFixed(1)} s.`, '');
		if (check.byKind.length > 0) {
			out.push('| finding | severity | count |', '| --- | --- | ---: |');
			for (const kind of check.byKind) out.push(`| ${code(kind.kind)} | ${kind.severity} | ${kind.count} |`);
			out.push('');
			out.push(list(check.findings.map((finding) => `${code(`${finding.file}:${finding.line}`)} ${finding.severity} ${finding.message} (${finding.kind})`)));
		}
	}
	return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function countBy(values: string[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
	return counts;
}

function sum(counts: Record<string, number>): number {
	return Object.values(counts).reduce((total, count) => total + count, 0);
}
