import { posix, relative } from 'node:path';
import { type ContentGraph, resolveLink } from '../graph.ts';
import type { Rule } from '../rule.ts';
import { closestMatch } from '../suggest.ts';
import type { Entry, LinkRecord } from '../types.ts';

export const linksRule: Rule = {
	id: 'links',
	description:
		'Internal links (relative .md and site-absolute) lead to existing pages and anchors (as the site renders heading ids); linked files exist in public/ or next to the page.',
	defaultSeverity: 'error',
	check({ graph, report }) {
		const routes = [...graph.byRoute.keys(), ...graph.generatedRoutes];
		const contentPaths = [...graph.byContentPath.keys()];
		for (const entry of graph.entries) {
			for (const link of entry.links) {
				const problem = findProblem(graph, entry, link, routes, contentPaths);
				if (!problem) continue;
				report({
					file: entry.file,
					line: link.line,
					column: link.column,
					endLine: link.endLine,
					endColumn: link.endColumn,
					message: problem.message,
					fix: problem.suggestion ? `did you mean \`${problem.suggestion}\`?` : problem.fix,
					actual: link.url,
					expected: problem.suggestion ? [problem.suggestion] : undefined,
				});
			}
		}
	},
};

interface LinkProblem {
	message: string;
	fix: string;
	/** The link as it was probably meant. */
	suggestion?: string | undefined;
}

function findProblem(
	graph: ContentGraph,
	from: Entry,
	link: LinkRecord,
	routes: string[],
	contentPaths: string[],
): LinkProblem | undefined {
	if (link.url === '') return { message: 'the link has no target', fix: 'write the page or URL between the parentheses' };
	const target = resolveLink(graph, from, link.url);
	const [path = '', anchor] = splitHash(link.url);
	switch (target.kind) {
		case 'external':
		case 'generated':
			return undefined;
		case 'entry': {
			if (target.anchor === undefined || target.entry.anchors.has(target.anchor)) return undefined;
			const close = closestMatch(target.anchor, target.entry.anchors);
			const page = target.entry === from ? 'this page' : target.entry.route;
			return {
				message: `\`#${anchor}\` is not an anchor on ${page}: no heading there has that id`,
				fix: 'link to a heading id of the page (its text in lower case, spaces as hyphens, punctuation dropped)',
				suggestion: close && `${path}#${close}`,
			};
		}
		case 'missing-route': {
			const close = closestMatch(target.route, routes);
			return {
				message: `\`${path}\` is not a page of the handbook`,
				fix: 'link to the route of an existing page, e.g. /practices/incident-management/',
				suggestion: close && close + (anchor === undefined ? '' : `#${anchor}`),
			};
		}
		case 'missing-file': {
			const close = closestMatch(target.contentPath, contentPaths);
			return {
				message: `\`${path}\` leads to ${graph.contentFolder}/${target.contentPath}, which is not a page of the handbook`,
				fix: 'link to an existing Markdown file of the content folder, relative to this file',
				suggestion: close && posix.relative(posix.dirname(from.contentPath), close) + (anchor === undefined ? '' : `#${anchor}`),
			};
		}
		case 'file': {
			if (target.exists) return undefined;
			const inPublic = link.url.startsWith('/');
			return {
				message: `\`${path}\` leads to ${relative(graph.root, target.path)}, which does not exist`,
				fix: inPublic ? 'put the file in public/ or correct the path' : 'correct the path; pages are linked as relative .md files',
			};
		}
	}
}

function splitHash(url: string): [string, string | undefined] {
	const index = url.indexOf('#');
	return index === -1 ? [url, undefined] : [url.slice(0, index), url.slice(index + 1)];
}
