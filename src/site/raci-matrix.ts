// The checker's comparison of header names, so the matrix joins columns exactly as it judges them.
import { type ContentGraph, type RaciLetter, sameName } from '../checks/index.ts';

/** A column of the handbook-wide RACI matrix: a role, or a table header that names no role. */
export interface RaciMatrixColumn {
	header: string;
	roleId?: string;
}

/** One practice's activities in the matrix, cells aligned with {@link RaciMatrix.columns}. */
export interface RaciMatrixPractice {
	id: string;
	title: string;
	category: string;
	rows: { activity: string; cells: RaciLetter[][] }[];
}

/** Every practice's RACI table, on one set of role columns. */
export interface RaciMatrix {
	columns: RaciMatrixColumn[];
	practices: RaciMatrixPractice[];
}

interface PracticeInput {
	id: string;
	data: { title: string; category: string };
}
interface RoleInput {
	id: string;
	data: { title: string; raciColumn?: string | undefined };
}

const matrices = new WeakMap<ContentGraph, RaciMatrix>();

/**
 * Joins the practices' RACI tables (each practice's `raci` fact in the check engine's graph, the
 * one reading of those tables) into one matrix, practices in the order given. Columns are the table headers in the
 * order authors first use them (process owner, manager, practitioner, ...), each matched to its
 * role by `raciColumn`, else title. Built once per build, shared by the RACI and role pages.
 */
export function buildRaciMatrix(graph: ContentGraph, practices: readonly PracticeInput[], roles: readonly RoleInput[]): RaciMatrix {
	const cached = matrices.get(graph);
	if (cached) return cached;
	const tables = { get: (id: string) => graph.byId.get(`practices:${id}`)?.raci };
	const columns: RaciMatrixColumn[] = [];
	for (const practice of practices) {
		for (const header of tables.get(practice.id)?.columns ?? []) {
			if (columns.some((column) => sameName(column.header, header))) continue;
			const role = roles.find((candidate) => sameName(header, raciColumnOf(candidate.data)));
			columns.push(role ? { header: raciColumnOf(role.data), roleId: role.id } : { header });
		}
	}
	const matrix: RaciMatrix = {
		columns,
		practices: practices.flatMap((practice) => {
			const table = tables.get(practice.id);
			if (!table) return [];
			const headerOf = (column: RaciMatrixColumn) => table.columns.find((header) => sameName(header, column.header));
			return [
				{
					id: practice.id,
					title: practice.data.title,
					category: practice.data.category,
					rows: table.rows.map((row) => ({
						activity: row.activity,
						cells: columns.map((column) => {
							const header = headerOf(column);
							return header === undefined ? [] : (row.cells[header] ?? []);
						}),
					})),
				},
			];
		}),
	};
	matrices.set(graph, matrix);
	return matrix;
}

/**
 * The activities, per practice, in which a role holds one of the given letters
 * (by default: where it is accountable or responsible).
 */
export function activitiesOfRole(
	matrix: RaciMatrix,
	roleId: string,
	letters: readonly RaciLetter[] = ['A', 'R'],
): { practice: RaciMatrixPractice; activities: { activity: string; letters: RaciLetter[] }[] }[] {
	const index = matrix.columns.findIndex((column) => column.roleId === roleId);
	if (index === -1) return [];
	return matrix.practices
		.map((practice) => ({
			practice,
			activities: practice.rows.flatMap((row) => {
				const cell = row.cells[index] ?? [];
				return cell.some((letter) => letters.includes(letter)) ? [{ activity: row.activity, letters: cell }] : [];
			}),
		}))
		.filter((item) => item.activities.length > 0);
}

function raciColumnOf(role: { title: string; raciColumn?: string | undefined }): string {
	return role.raciColumn ?? role.title;
}
