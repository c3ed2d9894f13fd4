import { z } from 'astro/zod';
import { collections, type PageCollection, pageCollections, type SectionRequirement } from '../../core/collections.ts';
import { normalizeName, parseRaciCell, sameName } from '../facts/raci.ts';
import { defineRule, type Report } from '../rule.ts';
import type { Entry, TableRecord } from '../types.ts';
import { positionOf } from '../yaml-positions.ts';

const sectionList = z.array(z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]));

/**
 * The `structure` rule's options: the H2 sections each page of a collection must have, by
 * collection folder. Defaults come from the collection registry; readiness templates list their own.
 */
const options = z.strictObject({
	requiredSections: z
		.strictObject(
			Object.fromEntries(
				pageCollections.map((name) => [
					collections[name].folder,
					sectionList.default((collections[name].requiredSections ?? []) as SectionRequirement[]),
				]),
			) as Record<string, z.ZodDefault<typeof sectionList>>,
		)
		.prefault({}),
});

export type StructureOptions = z.output<typeof options>;

/** The H2 sections the policy requires of a collection's pages. */
export function requiredSectionsOf(structure: StructureOptions, collection: PageCollection): SectionRequirement[] {
	return structure.requiredSections[collections[collection].folder] ?? [];
}

const messages = {
	missingSection: { text: 'missing section {{wanted}}', fix: 'add a {{wanted}} section' },
	raciWithoutTable: {
		text: 'the RACI section has no RACI table',
		fix: 'add a table whose first column is `Activity` and whose other columns are roles',
	},
	listedHeadingMissing: {
		text: '"{{name}}" is listed in `{{field}}` but the template has no `{{marks}} {{name}}` heading',
		fix: 'add the `{{marks}} {{name}}` heading, or remove it from `{{field}}`',
	},
	listedHeadingsOrder: {
		text: 'the `{{marks}}` headings are not in the order `{{field}}` lists them',
		fix: 'reorder the headings or the `{{field}}` list',
	},
	raciCell: { text: 'RACI cell "{{cell}}" for "{{activity}}": {{problem}}', fix: 'write R, A, C or I, or a combination such as A/R' },
	noAccountable: { text: '"{{activity}}" has no Accountable (A)', fix: 'mark exactly one role A (or A/R) for each activity' },
	manyAccountable: {
		text: '"{{activity}}" has {{count}} Accountable (A): {{columns}}',
		fix: 'mark exactly one role A (or A/R) for each activity',
	},
};

type StructureReport = Report<keyof typeof messages>;

export const structureRule = defineRule({
	meta: {
		id: 'structure',
		description:
			'required sections missing (runbooks: Symptoms or Diagnosis, Mitigation, Escalation, Rollback; practices: Purpose, Key activities, RACI; readiness: the headings their `sections:` and `checklist:` list), RACI cells that are not R, A, C or I, RACI rows without exactly one Accountable',
		defaultSeverity: 'error',
		url: 'README.md#rule-structure',
		messages,
		options,
	},
	create({ options, report }) {
		return {
			entry(entry) {
				checkRequiredSections(entry, requiredSectionsOf(options, entry.collection), report);
				if (entry.collection === 'practices') checkRaciSection(entry, report);
				if (entry.collection === 'readiness') {
					checkListedHeadings(entry, 'sections', 2, report);
					checkListedHeadings(entry, 'checklist', 3, report);
				}
				for (const table of entry.raciTables) checkRaciTable(entry, table, report);
			},
		};
	},
});

function checkRequiredSections(entry: Entry, required: SectionRequirement[], report: (report: StructureReport) => void) {
	const sections = entry.headings.filter((heading) => heading.depth === 2).map((heading) => normalizeName(heading.text));
	for (const requirement of required) {
		const names = Array.isArray(requirement) ? requirement : [requirement];
		if (names.some((name) => sections.includes(normalizeName(name)))) continue;
		const wanted = names.map((name) => `\`## ${name}\``).join(' or ');
		report({ file: entry.file, line: entry.frontmatter.bodyLine, column: 1, messageId: 'missingSection', data: { wanted } });
	}
}

function checkRaciSection(entry: Entry, report: (report: StructureReport) => void) {
	const heading = entry.headings.find((candidate) => candidate.depth === 2 && sameName(candidate.text, 'RACI'));
	if (!heading || entry.raciTables.length > 0) return;
	report({ file: entry.file, line: heading.line, column: heading.column, messageId: 'raciWithoutTable' });
}

/** Readiness templates list their own H2 sections and H3 checklist parts in frontmatter. */
function checkListedHeadings(entry: Entry, field: 'sections' | 'checklist', depth: number, report: (report: StructureReport) => void) {
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
			messageId: 'listedHeadingMissing',
			data: { name, field, marks },
		});
	});
	if (found.some((position, index) => index > 0 && position < found[index - 1]!)) {
		report({
			file: entry.file,
			...positionOf(entry.frontmatter, [field], { line: entry.frontmatter.line, column: 1 }),
			severity: 'warning',
			messageId: 'listedHeadingsOrder',
			data: { field, marks },
		});
	}
}

function checkRaciTable(entry: Entry, table: TableRecord, report: (report: StructureReport) => void) {
	const [header, ...rows] = table.rows;
	const columns = header?.cells.map((cell) => cell.text) ?? [];
	for (const row of rows) {
		const activity = row.cells[0]?.text || 'this activity';
		const accountable: string[] = [];
		row.cells.slice(1).forEach((cell, index) => {
			const parsed = parseRaciCell(cell.text);
			if ('problem' in parsed) {
				report({ file: entry.file, line: cell.line, column: cell.column, messageId: 'raciCell', data: { cell: cell.text, activity, problem: parsed.problem } });
			} else if (parsed.letters.includes('A')) accountable.push(columns[index + 1] ?? `column ${index + 2}`);
		});
		if (accountable.length === 1) continue;
		report({
			file: entry.file,
			line: row.line,
			column: 1,
			...(accountable.length === 0
				? { messageId: 'noAccountable', data: { activity } }
				: { messageId: 'manyAccountable', data: { activity, count: accountable.length, columns: accountable.join(', ') } }),
		});
	}
}
