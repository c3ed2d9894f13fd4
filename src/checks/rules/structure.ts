import type { SectionRequirement } from '../policy.ts';
import { isRaciTable, normalizeName, parseRaciCell, roleColumns, sameName } from '../raci.ts';
import type { ReportFn, Rule } from '../rule.ts';
import type { Entry, TableRecord } from '../types.ts';
import { positionOf } from '../yaml.ts';

export const structureRule: Rule = {
	id: 'structure',
	description:
		'Pages have the sections their collection requires (runbooks, practices; readiness templates those of their `sections:` and `checklist:`), and RACI tables have valid cells and one Accountable per activity.',
	defaultSeverity: 'error',
	check({ graph, policy, report }) {
		const roles = roleColumns(graph);
		for (const entry of graph.entries) {
			if (entry.collection === 'runbooks' || entry.collection === 'practices') {
				checkRequiredSections(entry, policy.requiredSections[entry.collection], report);
			}
			if (entry.collection === 'practices') checkRaciSection(entry, roles, report);
			if (entry.collection === 'readiness') {
				checkListedHeadings(entry, 'sections', 2, report);
				checkListedHeadings(entry, 'checklist', 3, report);
			}
			for (const table of entry.tables) if (isRaciTable(table, roles)) checkRaciTable(entry, table, report);
		}
	},
};

function checkRequiredSections(entry: Entry, required: SectionRequirement[], report: ReportFn) {
	const sections = entry.headings.filter((heading) => heading.depth === 2).map((heading) => normalizeName(heading.text));
	for (const requirement of required) {
		const names = Array.isArray(requirement) ? requirement : [requirement];
		if (names.some((name) => sections.includes(normalizeName(name)))) continue;
		const wanted = names.map((name) => `\`## ${name}\``).join(' or ');
		report({
			file: entry.file,
			line: entry.frontmatter.bodyLine,
			column: 1,
			message: `missing section ${wanted}`,
			fix: `add a ${wanted} section`,
		});
	}
}

function checkRaciSection(entry: Entry, roles: Set<string>, report: ReportFn) {
	const heading = entry.headings.find((candidate) => candidate.depth === 2 && sameName(candidate.text, 'RACI'));
	if (!heading || entry.tables.some((table) => isRaciTable(table, roles))) return;
	report({
		file: entry.file,
		line: heading.line,
		column: heading.column,
		message: 'the RACI section has no RACI table',
		fix: 'add a table whose first column is `Activity` and whose other columns are roles',
	});
}

/** Readiness templates list their own H2 sections and H3 checklist parts in frontmatter. */
function checkListedHeadings(entry: Entry, field: 'sections' | 'checklist', depth: number, report: ReportFn) {
	const listed = entry.raw[field];
	if (!Array.isArray(listed)) return;
	const present = entry.headings.filter((heading) => heading.depth === depth).map((heading) => normalizeName(heading.text));
	const marks = '#'.repeat(depth);
	const found: number[] = [];
	listed.forEach((name, index) => {
		if (typeof name !== 'string') return;
		const at = present.indexOf(normalizeName(name));
		if (at !== -1) {
			found.push(at);
			return;
		}
		report({
			file: entry.file,
			...positionOf(entry.frontmatter, [field, index], { line: entry.frontmatter.line, column: 1 }, 'value'),
			message: `"${name}" is listed in \`${field}\` but the template has no \`${marks} ${name}\` heading`,
			fix: `add the \`${marks} ${name}\` heading, or remove it from \`${field}\``,
		});
	});
	if (found.some((position, index) => index > 0 && position < found[index - 1]!)) {
		report({
			file: entry.file,
			...positionOf(entry.frontmatter, [field], { line: entry.frontmatter.line, column: 1 }),
			severity: 'warning',
			message: `the \`${marks}\` headings are not in the order \`${field}\` lists them`,
			fix: `reorder the headings or the \`${field}\` list`,
		});
	}
}

function checkRaciTable(entry: Entry, table: TableRecord, report: ReportFn) {
	const [header, ...rows] = table.rows;
	const columns = header?.cells.map((cell) => cell.text) ?? [];
	for (const row of rows) {
		const activity = row.cells[0]?.text || 'this activity';
		const accountable: string[] = [];
		row.cells.slice(1).forEach((cell, index) => {
			const parsed = parseRaciCell(cell.text);
			if ('problem' in parsed) {
				report({
					file: entry.file,
					line: cell.line,
					column: cell.column,
					message: `RACI cell "${cell.text}" for "${activity}": ${parsed.problem}`,
					fix: 'write R, A, C or I, or a combination such as A/R',
				});
			} else if (parsed.letters.includes('A')) accountable.push(columns[index + 1] ?? `column ${index + 2}`);
		});
		if (accountable.length === 1) continue;
		report({
			file: entry.file,
			line: row.line,
			column: 1,
			message:
				accountable.length === 0
					? `"${activity}" has no Accountable (A)`
					: `"${activity}" has ${accountable.length} Accountable (A): ${accountable.join(', ')}`,
			fix: 'mark exactly one role A (or A/R) for each activity',
		});
	}
}
