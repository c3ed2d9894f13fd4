import type { Rule } from '../rule.ts';

export const orphansRule: Rule = {
	id: 'orphans',
	description:
		'Every page can be reached: practices, roles, runbooks and readiness templates are listed by their index pages; a guide needs a link from another page (the home page needs none).',
	defaultSeverity: 'warning',
	check({ graph, report }) {
		for (const entry of graph.entries) {
			if (entry.collection !== 'docs' || entry.id === 'index' || entry.linkedFrom.size > 0) continue;
			report({
				file: entry.file,
				line: entry.frontmatter.line,
				column: 1,
				message: 'no page links to this guide',
				fix: 'link to it from the home page or a related guide',
			});
		}
	},
};
