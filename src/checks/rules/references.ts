import type { CollectionName } from '../../schemas/common.ts';
import type { ContentGraph } from '../graph.ts';
import { isRaciTable, roleColumns } from '../raci.ts';
import type { ReportFn, Rule } from '../rule.ts';
import { closestMatch } from '../suggest.ts';
import type { Entry } from '../types.ts';
import { positionOf } from '../yaml.ts';

const collectionLabels: Record<CollectionName, string> = {
	practices: 'practice',
	roles: 'role',
	runbooks: 'runbook',
	readiness: 'readiness template',
	docs: 'guide',
	teams: 'team',
};

export const referencesRule: Rule = {
	id: 'references',
	description:
		"Practice, role, team and runbook ids name existing entries; ids, routes and team ids are unique; a runbook's `service` is its folder; RACI columns name roles.",
	defaultSeverity: 'error',
	check({ graph, report }) {
		const roles = roleColumns(graph);
		const firstById = new Map<string, Entry>();
		const firstByRoute = new Map<string, Entry>();
		for (const entry of graph.entries) {
			const { file, frontmatter } = entry;
			const top = { line: frontmatter.line, column: 1 };
			// A malformed id is the `schema` rule's to report, a page's own owner the `ownership` rule's.
			const malformed = new Set(entry.schemaIssues.map((issue) => issue.path.join('.')));
			for (const { collection, id, path } of entry.references) {
				if ((path.length === 1 && path[0] === 'owner') || malformed.has(path.join('.'))) continue;
				if (exists(graph, collection, id) || (collection === 'teams' && !graph.teamsReadable)) continue;
				const suggestion = closestMatch(id, idsOf(graph, collection));
				report({
					file,
					...positionOf(frontmatter, path, top, 'value'),
					message: `\`${path.join('.')}\` names the ${collectionLabels[collection]} "${id}", which does not exist${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
					fix: suggestion ? `write "${suggestion}"` : `use the id of an existing ${collectionLabels[collection]}`,
					actual: id,
					expected: suggestion ? [suggestion] : undefined,
				});
			}

			const key = `${entry.collection}:${entry.id}`;
			const sameId = firstById.get(key);
			if (sameId) {
				report({
					file,
					...top,
					message: `this file and ${sameId.file} both map to the ${collectionLabels[entry.collection]} id "${entry.id}"`,
					fix: 'rename or remove one of them',
				});
			} else firstById.set(key, entry);
			const sameRoute = firstByRoute.get(entry.route);
			if (sameRoute && !sameId) {
				report({
					file,
					...top,
					message: `this page and ${sameRoute.file} are both served at ${entry.route}`,
					fix: 'rename or move one of them',
				});
			} else if (!sameRoute) firstByRoute.set(entry.route, entry);
			if (graph.generatedRoutes.has(entry.route)) {
				report({
					file,
					...top,
					message: `this page is served at ${entry.route}, a route the site already uses for a generated page`,
					fix: 'rename or move the file',
				});
			}

			if (entry.collection === 'runbooks') checkRunbookFolder(entry, report);
			if (entry.collection === 'practices') {
				for (const table of entry.tables.filter((candidate) => isRaciTable(candidate, roles))) {
					for (const cell of table.rows[0]?.cells.slice(1) ?? []) {
						if (roles.has(cell.text)) continue;
						const suggestion = closestMatch(cell.text, roles);
						report({
							file,
							line: cell.line,
							column: cell.column,
							message: `RACI column "${cell.text}" is not the \`raciColumn\` of any role${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
							fix: suggestion ? `write "${suggestion}"` : `use a role's column (${[...roles].join(', ')}) or add the role`,
							actual: cell.text,
							expected: suggestion ? [suggestion] : undefined,
						});
					}
				}
			}
		}

		const teamIds = new Map<string, number>();
		for (const team of graph.teams) {
			const first = teamIds.get(team.id);
			if (first === undefined) {
				teamIds.set(team.id, team.index);
				continue;
			}
			report({
				file: graph.teamsFile.file,
				...positionOf(graph.teamsFile.yaml, [team.index, 'id'], { line: 1, column: 1 }, 'value'),
				message: `team id "${team.id}" is used twice (also by team ${first + 1} of the file)`,
				fix: 'give each team its own id',
			});
		}
	},
};

function checkRunbookFolder(entry: Entry, report: ReportFn) {
	// content/runbooks/<folder>/<file>: the folder as written, not as slugged into the id.
	const segments = entry.contentPath.split('/');
	const folder = segments.length > 2 ? segments[1] : undefined;
	const service = entry.raw.service;
	if (folder === undefined) {
		report({
			file: entry.file,
			line: entry.frontmatter.line,
			column: 1,
			message: 'this runbook is not in a service folder',
			fix: 'move it to content/runbooks/<service>/',
		});
	} else if (typeof service === 'string' && service !== folder) {
		report({
			file: entry.file,
			...positionOf(entry.frontmatter, ['service'], { line: entry.frontmatter.line, column: 1 }, 'value'),
			message: `\`service\` is "${service}" but the runbook is in the folder "${folder}"`,
			fix: `write \`service: ${folder}\`, or move the file to the folder of service "${service}"`,
			actual: service,
			expected: [folder],
		});
	}
}

function exists(graph: ContentGraph, collection: CollectionName, id: string): boolean {
	return collection === 'teams' ? graph.teamById.has(id) : graph.byId.has(`${collection}:${id}`);
}

function idsOf(graph: ContentGraph, collection: CollectionName): string[] {
	if (collection === 'teams') return [...graph.teamById.keys()];
	return graph.entries.filter((entry) => entry.collection === collection).map((entry) => entry.id);
}
