import type { Rule } from '../rule.ts';
import { isPlainObject } from '../schemas.ts';
import { closestMatch } from '../suggest.ts';
import { positionOf } from '../yaml.ts';

const processRoles = [
	['processOwner', 'process owner'],
	['processManager', 'process manager'],
] as const;

export const ownershipRule: Rule = {
	id: 'ownership',
	description:
		'Every page has an owner team (guides may inherit defaultOwner) that exists in teams.yaml; every team has a contact; every practice names its process owner and process manager.',
	defaultSeverity: 'error',
	check({ graph, policy, report }) {
		const { teamsFile, policyFile, teamById, teamsReadable } = graph;
		const teamIds = [...teamById.keys()];
		if (!teamsFile.exists) {
			report({
				file: teamsFile.file,
				line: 1,
				column: 1,
				message: `${teamsFile.file} is missing, so no page has an owner`,
				fix: 'create it with a list of teams: id, name, contacts, github',
			});
		}
		if (policy.defaultOwner !== undefined && teamsReadable && !teamById.has(policy.defaultOwner)) {
			const suggestion = closestMatch(policy.defaultOwner, teamIds);
			report({
				file: policyFile.file,
				...positionOf(policyFile.yaml, ['defaultOwner'], { line: 1, column: 1 }, 'value'),
				message: `\`defaultOwner\` "${policy.defaultOwner}" is not a team of ${teamsFile.file}${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
				fix: suggestion ? `write "${suggestion}"` : 'use the id of a team',
			});
		}

		for (const entry of graph.entries) {
			const { file, frontmatter } = entry;
			// Unreadable or missing frontmatter is reported once, by the `schema` rule.
			if (frontmatter.kind === 'toml' || frontmatter.problems.length > 0 || (frontmatter.kind === 'none' && entry.collection !== 'docs'))
				continue;
			const top = { line: frontmatter.line, column: 1 };
			if (entry.owner === undefined) {
				report({
					file,
					...top,
					message: 'the page has no owner',
					fix:
						entry.collection === 'docs'
							? 'add `owner: <team id>`, or set `defaultOwner` in handbook.yaml'
							: 'add `owner: <team id>` (a team of teams.yaml)',
				});
			} else if (!entry.ownerInherited && teamsReadable && !teamById.has(entry.owner)) {
				const suggestion = closestMatch(entry.owner, teamIds);
				report({
					file,
					...positionOf(frontmatter, ['owner'], top, 'value'),
					message: `owner "${entry.owner}" is not a team of ${teamsFile.file}${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
					fix: suggestion ? `write \`owner: ${suggestion}\`` : 'use the id of a team, or add the team to teams.yaml',
					actual: entry.owner,
					expected: suggestion ? [suggestion] : undefined,
				});
			}
			if (entry.collection !== 'practices') continue;
			for (const [field, label] of processRoles) {
				if (entry.raw[field] !== undefined) continue;
				report({ file, ...top, message: `the practice names no ${label}`, fix: `add \`${field}: { name: <person>, team: <team id> }\`` });
			}
		}

		for (const team of graph.teams) {
			const contacts = team.raw.contacts;
			const reachable =
				isPlainObject(contacts) && ['chat', 'email'].some((channel) => typeof contacts[channel] === 'string' && contacts[channel] !== '');
			if (reachable) continue;
			report({
				file: teamsFile.file,
				...positionOf(teamsFile.yaml, [team.index, 'contacts'], positionOf(teamsFile.yaml, [team.index], { line: 1, column: 1 }), 'key'),
				message: `team "${team.id}" has no contact: nobody can reach its owners`,
				fix: 'add `contacts: { chat: "#channel" }` or an `email:`',
			});
		}
	},
};
