import type { Entry, TableRecord } from '../types.ts';

export type RaciLetter = 'R' | 'A' | 'C' | 'I';

/** One activity of a RACI table: which letters each role column holds. */
export interface RaciRow {
	activity: string;
	line: number;
	/** Role column header -> letters (empty when the cell is empty or not a RACI value). */
	cells: Record<string, RaciLetter[]>;
}

/** The RACI table of a practice page. */
export interface RaciTable {
	/** Path of the practice file, relative to the repository root. */
	file: string;
	line: number;
	/** Role column headers, in table order (the `Activity` column left out). */
	columns: string[];
	rows: RaciRow[];
}

/** Compares heading and header names the way an author means them: case and spacing aside. */
export function sameName(a: string | undefined, b: string): boolean {
	return a !== undefined && normalizeName(a) === normalizeName(b);
}

/** Lower-cases a name and undoes smart punctuation (curly quotes, dashes), for comparisons. */
export function normalizeName(name: string): string {
	if (!/[\u2013\u2014\u2018\u2019\u201c\u201d\u2026\t\n]|\s\s/.test(name)) return name.trim().toLowerCase();
	return name
		.replace(/[\u2018\u2019]/g, "'")
		.replace(/[\u201c\u201d]/g, '"')
		.replace(/\u2014/g, '---')
		.replace(/\u2013/g, '--')
		.replace(/\u2026/g, '...')
		.replace(/\s+/g, ' ')
		.trim()
		.toLowerCase();
}

/** The RACI column header of each role: its `raciColumn:`, else its title. */
export function roleColumns(entries: readonly Entry[]): Set<string> {
	return new Set(
		entries
			.filter((entry) => entry.collection === 'roles')
			.map((role) => (typeof role.raw.raciColumn === 'string' ? role.raw.raciColumn : role.title)),
	);
}

/**
 * A RACI table: it sits under a heading named RACI, or its first header cell is `Activity` and
 * another header names a role. (A schedule table starting with `Activity`, `Frequency` is not one.)
 */
export function isRaciTable(table: TableRecord, roles: ReadonlySet<string>): boolean {
	if (sameName(table.section, 'RACI')) return true;
	const [first, ...others] = table.rows[0]?.cells ?? [];
	return sameName(first?.text, 'Activity') && others.some((cell) => [...roles].some((role) => sameName(cell.text, role)));
}

const raciLetters = new Set<string>(['R', 'A', 'C', 'I']);

/**
 * Reads a RACI cell: empty, one letter, or letters joined by `/`, `,` or spaces (`A/R`).
 * Returns the letters, or a reason the cell is not a RACI value.
 */
export function parseRaciCell(text: string): { letters: RaciLetter[] } | { problem: string } {
	const trimmed = text.trim();
	if (trimmed === '') return { letters: [] };
	const letters: RaciLetter[] = [];
	for (const token of trimmed.split(/\s*[/,]\s*|\s+/)) {
		if (!raciLetters.has(token)) {
			return {
				problem: raciLetters.has(token.toUpperCase()) ? `write "${token.toUpperCase()}" in capitals` : `"${token}" is not one of R, A, C, I`,
			};
		}
		if (letters.includes(token as RaciLetter)) return { problem: `"${token}" appears twice` };
		letters.push(token as RaciLetter);
	}
	return { letters };
}

/**
 * Reads a RACI table into activities and the letters each role column holds. Cells that are not
 * RACI values are left empty (the `structure` rule reports them).
 */
export function readRaciTable(file: string, table: TableRecord): RaciTable {
	const [header, ...body] = table.rows;
	const columns = (header?.cells ?? []).slice(1).map((cell) => cell.text);
	return {
		file,
		line: table.line,
		columns,
		rows: body.map((row) => ({
			activity: row.cells[0]?.text ?? '',
			line: row.line,
			cells: Object.fromEntries(
				columns.map((column, index) => {
					const parsed = parseRaciCell(row.cells[index + 1]?.text ?? '');
					return [column, 'letters' in parsed ? parsed.letters : []];
				}),
			),
		})),
	};
}
