import { type CollectionName, collections } from '../../core/collections.ts';
import type { ContentGraph } from '../graph.ts';
import { defineRule, type Report } from '../rule.ts';
import { closestMatch } from '../suggest.ts';
import type { Entry } from '../types.ts';
import { positionOf } from '../yaml-positions.ts';

export const referencesRule = defineRule({
	meta: {
		id: 'references',
		description:
			"practice, role, team, service and runbook ids that do not exist (with a suggestion), duplicate ids and routes, a page at a route the site generates, a runbook outside its service's folder or in a folder that is no service, RACI columns that are no role",
		defaultSeverity: 'error',
		url: 'README.md#rule-references',
		messages: {
			missing: {
				text: '`{{path}}` names the {{what}} "{{id}}", which does not exist',
				fix: 'use the id of an existing {{what}}',
			},
			duplicateId: { text: 'this file and {{other}} both map to the {{what}} id "{{id}}"', fix: 'rename or remove one of them' },
			duplicateRoute: { text: 'this page and {{other}} are both served at {{route}}', fix: 'rename or move one of them' },
			generatedRoute: {
				text: 'this page is served at {{route}}, a route the site already uses for a generated page',
				fix: 'rename or move the file',
			},
			noServiceFolder: { text: 'this runbook is not in a service folder', fix: 'move it to {{folder}}/<service>/' },
			folderNotService: {
				text: 'the runbook folder "{{folder}}" is not a service of the handbook',
				fix: 'move the runbook to the folder of an existing service, or describe the service in {{servicesFolder}}/{{folder}}.md',
			},
			serviceNotFolder: {
				text: '`service` is "{{service}}" but the runbook is in the folder "{{folder}}"',
				fix: 'write `service: {{folder}}`, or move the file to the folder of service "{{service}}"',
			},
			raciColumn: {
				text: 'RACI column "{{column}}" is not the `raciColumn` of any role',
				fix: "use a role's column ({{columns}}) or add the role",
			},
			duplicateTeam: { text: 'team id "{{id}}" is used twice (also by team {{first}} of the file)', fix: 'give each team its own id' },
			undefinedComponent: {
				text: 'the page uses the component `<{{name}}>`, which it does not import, so it fails to render',
				fix: 'import it at the top of the page, or write the part in Markdown',
			},
			caseCollision: {
				text: 'this page and {{other}} are served at routes that differ only in case ({{route}}, {{otherRoute}}): on a case-insensitive disk one overwrites the other',
				fix: 'rename one of them',
			},
		},
	},
	create({ graph, report }) {
		const firstById = new Map<string, Entry>();
		const firstByRoute = new Map<string, Entry>();
		const firstByLowerRoute = new Map<string, Entry>();
		return {
			entry(entry) {
				const { file, frontmatter } = entry;
				const top = { line: frontmatter.line, column: 1 };
				// A malformed id is the `schema` rule's to report, a page's own owner the `ownership` rule's.
				const malformed = new Set(entry.schemaIssues.map((issue) => issue.path.join('.')));
				for (const { collection, id, path } of entry.references) {
					if ((path.length === 1 && path[0] === 'owner') || malformed.has(path.join('.'))) continue;
					// A runbook's service is its folder, reported as such below.
					if (entry.collection === 'runbooks' && path.length === 1 && path[0] === 'service') continue;
					if (exists(graph, collection, id) || (collection === 'teams' && !graph.teamsReadable)) continue;
					const suggestion = closestMatch(id, idsOf(graph, collection));
					report({
						file,
						...positionOf(frontmatter, path, top, 'value'),
						messageId: 'missing',
						data: { path: path.join('.'), what: collections[collection].labels.one, id },
						suggestion,
						actual: id,
					});
				}

				const key = `${entry.collection}:${entry.id}`;
				const sameId = firstById.get(key);
				if (sameId) {
					report({
						file,
						...top,
						messageId: 'duplicateId',
						data: { other: sameId.file, what: collections[entry.collection].labels.one, id: entry.id },
					});
				} else firstById.set(key, entry);
				const sameRoute = firstByRoute.get(entry.route);
				if (sameRoute && !sameId) {
					report({ file, ...top, messageId: 'duplicateRoute', data: { other: sameRoute.file, route: entry.route } });
				} else if (!sameRoute) firstByRoute.set(entry.route, entry);
				if (graph.generatedRoutes.has(entry.route)) report({ file, ...top, messageId: 'generatedRoute', data: { route: entry.route } });

				const lowerRoute = entry.route.toLowerCase();
				const sameCase = firstByLowerRoute.get(lowerRoute);
				if (sameCase && sameCase.route !== entry.route) {
					report({ file, ...top, messageId: 'caseCollision', data: { other: sameCase.file, route: entry.route, otherRoute: sameCase.route } });
				} else if (!sameCase) firstByLowerRoute.set(lowerRoute, entry);
				const imported = new Set(entry.imports);
				for (const component of entry.components) {
					if (!imported.has(component.name)) report({ file, line: component.line, column: component.column, messageId: 'undefinedComponent', data: { name: component.name } });
				}

				if (entry.collection === 'runbooks') checkRunbookFolder(entry, graph, report);
				if (entry.collection === 'practices') {
					const roles = graph.roleColumns;
					for (const table of entry.raciTables) {
						for (const cell of table.rows[0]?.cells.slice(1) ?? []) {
							if (roles.has(cell.text)) continue;
							report({
								file,
								line: cell.line,
								column: cell.column,
								messageId: 'raciColumn',
								data: { column: cell.text, columns: [...roles].join(', ') },
								suggestion: closestMatch(cell.text, roles),
								actual: cell.text,
							});
						}
					}
				}
			},
			handbook() {
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
						messageId: 'duplicateTeam',
						data: { id: team.id, first: first + 1 },
					});
				}
			},
		};
	},
});

function checkRunbookFolder(
	entry: Entry,
	graph: ContentGraph,
	report: (report: Report<'noServiceFolder' | 'serviceNotFolder' | 'folderNotService'>) => void,
) {
	// <runbooks folder>/<service folder>/<file>: the folder as written, not as slugged into the id.
	const segments = entry.contentPath.split('/');
	const folder = segments.length > 2 ? segments[1] : undefined;
	const service = entry.raw.service;
	if (folder === undefined) {
		report({
			file: entry.file,
			line: entry.frontmatter.line,
			column: 1,
			messageId: 'noServiceFolder',
			data: { folder: `${graph.contentFolder}/${collections.runbooks.folder}` },
		});
	} else if (typeof service === 'string' && service !== folder) {
		report({
			file: entry.file,
			...positionOf(entry.frontmatter, ['service'], { line: entry.frontmatter.line, column: 1 }, 'value'),
			messageId: 'serviceNotFolder',
			data: { service, folder },
			actual: service,
			expected: [folder],
		});
	} else if (!exists(graph, 'services', folder)) {
		// At the `service:` that names the folder, which is where an author looks for it.
		report({
			file: entry.file,
			...positionOf(entry.frontmatter, ['service'], { line: entry.frontmatter.line, column: 1 }, 'value'),
			messageId: 'folderNotService',
			data: { folder, servicesFolder: `${graph.contentFolder}/${collections.services.folder}` },
			suggestion: closestMatch(folder, idsOf(graph, 'services')),
			actual: folder,
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
