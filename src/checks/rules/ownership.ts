import { collections, policyFileName } from '../../core/collections.ts';
import { defineRule } from '../rule.ts';
import { closestMatch } from '../suggest.ts';
import { isPlainObject } from '../validate.ts';
import { positionOf } from '../yaml-positions.ts';

const processRoles = [
	['processOwner', 'process owner'],
	['processManager', 'process manager'],
] as const;

export const ownershipRule = defineRule({
	meta: {
		id: 'ownership',
		description:
			'a page without owner (guides may inherit `defaultOwner`), an owner team not in `teams.yaml`, a team without contact, a practice without process owner or manager',
		defaultSeverity: 'error',
		url: 'README.md#rule-ownership',
		messages: {
			noTeamsFile: {
				text: '{{file}} is missing, so no page has an owner',
				fix: 'create it with a list of teams: id, name, contacts, github',
			},
			unknownDefaultOwner: { text: '`defaultOwner` "{{owner}}" is not a team of {{teams}}', fix: 'use the id of a team' },
			noOwner: { text: 'the page has no owner', fix: 'add `owner: <team id>` (a team of teams.yaml)' },
			noOwnerNoDefault: {
				text: 'the page has no owner',
				fix: `add \`owner: <team id>\`, or set \`defaultOwner\` in ${policyFileName}`,
			},
			unknownOwner: {
				text: 'owner "{{owner}}" is not a team of {{teams}}',
				fix: 'use the id of a team, or add the team to teams.yaml',
			},
			noProcessRole: { text: 'the practice names no {{role}}', fix: 'add `{{field}}: { name: <person>, team: <team id> }`' },
			noContact: {
				text: 'team "{{team}}" has no contact: nobody can reach its owners',
				fix: 'add `contacts: { chat: "#channel" }` or an `email:`',
			},
		},
	},
	create({ graph, policy, report }) {
		const { teamsFile, policyFile, teamById, teamsReadable } = graph;
		const teamIds = [...teamById.keys()];
		return {
			entry(entry) {
				const { file, frontmatter } = entry;
				// Unreadable or missing frontmatter is reported once, by the `schema` rule.
				if (
					frontmatter.kind === 'toml' ||
					frontmatter.problems.length > 0 ||
					(frontmatter.kind === 'none' && !collections[entry.collection].titleFromBody)
				)
					return;
				const top = { line: frontmatter.line, column: 1 };
				if (entry.owner === undefined) {
					report({ file, ...top, messageId: collections[entry.collection].inheritsDefaultOwner ? 'noOwnerNoDefault' : 'noOwner' });
				} else if (!entry.ownerInherited && teamsReadable && !teamById.has(entry.owner)) {
					report({
						file,
						...positionOf(frontmatter, ['owner'], top, 'value'),
						messageId: 'unknownOwner',
						data: { owner: entry.owner, teams: teamsFile.file },
						suggestion: closestMatch(entry.owner, teamIds),
						actual: entry.owner,
					});
				}
				if (entry.collection !== 'practices') return;
				for (const [field, role] of processRoles) {
					if (entry.raw[field] === undefined) report({ file, ...top, messageId: 'noProcessRole', data: { role, field } });
				}
			},
			handbook() {
				if (!teamsFile.exists) report({ file: teamsFile.file, line: 1, column: 1, messageId: 'noTeamsFile', data: { file: teamsFile.file } });
				if (policy.defaultOwner !== undefined && teamsReadable && !teamById.has(policy.defaultOwner)) {
					report({
						file: policyFile.file,
						...positionOf(policyFile.yaml, ['defaultOwner'], { line: 1, column: 1 }, 'value'),
						messageId: 'unknownDefaultOwner',
						data: { owner: policy.defaultOwner, teams: teamsFile.file },
						suggestion: closestMatch(policy.defaultOwner, teamIds),
						actual: policy.defaultOwner,
					});
				}
				for (const team of graph.teams) {
					const contacts = team.raw.contacts;
					const reachable =
						isPlainObject(contacts) && ['chat', 'email'].some((channel) => typeof contacts[channel] === 'string' && contacts[channel] !== '');
					if (reachable) continue;
					report({
						file: teamsFile.file,
						...positionOf(teamsFile.yaml, [team.index, 'contacts'], positionOf(teamsFile.yaml, [team.index], { line: 1, column: 1 }), 'key'),
						messageId: 'noContact',
						data: { team: team.id },
					});
				}
			},
		};
	},
});
