import { posix } from 'node:path';
import { resolveLink as resolveLinkTarget } from '../../core/links.ts';
import { redirectRoute } from '../../core/site-policy.ts';
import { type ContentGraph, resolveLink } from '../graph.ts';
import { isPlainObject } from '../validate.ts';
import { positionOf } from '../yaml-positions.ts';
import { defineRule, type Report } from '../rule.ts';
import { closestMatch } from '../suggest.ts';
import type { Entry, LinkRecord } from '../types.ts';

const messages = {
	empty: { text: 'the link has no target: it leads back to this page', fix: 'write the page or URL between the parentheses' },
	missingAnchor: {
		text: '`#{{anchor}}` is not an anchor on {{page}}: no heading there has that id',
		fix: 'link to a heading id of the page (its text in lower case, spaces as hyphens, punctuation dropped)',
	},
	missingRoute: {
		text: '`{{path}}` is not a page of the handbook',
		fix: 'link to the route of an existing page, or to its Markdown file relative to this one',
	},
	missingPage: {
		text: '`{{path}}` leads to {{target}}, which is not a page of the handbook',
		fix: 'link to an existing Markdown file of the content folder, relative to this file',
	},
	trailingSlash: {
		text: '`{{path}}` ends in a slash after the file name, so it leads to no page (the file {{target}} exists)',
		fix: 'remove the slash after `.md`',
	},
	draft: {
		text: '`{{path}}` leads to {{target}}, a draft (its name or folder starts with `_`), which is not published',
		fix: 'publish the page (rename it without `_`), or link to another page',
	},
	excluded: {
		text: '`{{path}}` leads to {{target}}, which the policy excludes (`exclude:` in handbook.yaml): it is neither checked nor published',
		fix: 'link to a page that is published, or take the file out of `exclude:`',
	},
	redirectLoop: {
		text: '`{{path}}` follows the redirects of handbook.yaml in a circle (from {{route}})',
		fix: 'make each redirect of `redirects:` lead to a page',
	},
	redirectShadowed: {
		text: 'the redirect from {{route}} is never followed: {{route}} is a page of the handbook ({{file}})',
		fix: 'remove the redirect, or move the page',
	},
	redirectTarget: {
		text: 'the redirect from {{route}} leads to {{target}}, which is not a page of the handbook',
		fix: 'make it lead to the route of an existing page',
	},
	outside: {
		text: '`{{path}}` leads out of the content folder, which is all the site publishes',
		fix: 'link to a page of the handbook, or to the file on the repository host with a full URL',
	},
	missingPublicFile: { text: '`{{path}}` leads to {{target}}, which does not exist', fix: 'put the file in public/ or correct the path' },
	htmlPage: {
		text: '`{{path}}` is the address another generator gave the page {{page}}; here pages are linked by their Markdown file',
		fix: 'link to the Markdown file, relative to this one',
	},
	htmlRoute: {
		text: '`{{path}}` is no page of the handbook: a page is served at its route (`/x/`), and `/x.html` leads there only when the page exists',
		fix: 'link to an existing page, by its Markdown file relative to this one or by its route',
	},
	missingFile: {
		text: '`{{path}}` leads to {{target}}, which does not exist',
		fix: 'correct the path: it is relative to this file (pages are linked as their .md files)',
	},
};

type LinkProblem = Pick<Report<keyof typeof messages>, 'messageId' | 'data' | 'suggestion' | 'severity'>;

export const linksRule = defineRule({
	meta: {
		id: 'links',
		description:
			'links (relative `.md`, site-absolute, reference-style, raw HTML, hero actions) to missing pages, `#anchors` missing on the target (computed exactly as the renderer computes heading ids), missing files in `public/` or next to the page, pages by another generator\'s `.html` address, drafts and excluded files; redirects of the policy that lead nowhere; links the policy ignores are skipped, redirects followed; text in code is not a link',
		defaultSeverity: 'error',
		url: 'README.md#rule-links',
		messages,
	},
	create({ graph, report }) {
		const routes = [...graph.byRoute.keys(), ...graph.generatedRoutes];
		const contentPaths = [...graph.byContentPath.keys()];
		return {
			entry(entry) {
				for (const link of entry.links) {
					const problem = findProblem(graph, entry, link, routes, contentPaths);
					if (!problem) continue;
					report({
						file: entry.file,
						line: link.line,
						column: link.column,
						endLine: link.endLine,
						endColumn: link.endColumn,
						...problem,
						actual: link.url,
					});
				}
			},
			handbook() {
				const policyFile = graph.policyFile;
				if (!policyFile.exists) return;
				for (const [route, target] of graph.policy.site.redirects) {
					const written = Object.keys(isPlainObject(policyFile.yaml.data) && isPlainObject(policyFile.yaml.data.redirects) ? policyFile.yaml.data.redirects : {});
					const key = written.find((path) => redirectRoute(path) === route) ?? route;
					const at = { file: policyFile.file, ...positionOf(policyFile.yaml, ['redirects', key], { line: 1, column: 1 }) };
					const shadowing = graph.byRoute.get(route);
					if (shadowing) {
						report({ ...at, messageId: 'redirectShadowed', data: { route, file: shadowing.file } });
						continue;
					}
					const resolved = resolveLinkTarget('', target, graph.files);
					const leads = resolved.kind === 'page' || resolved.kind === 'ignored' || (resolved.kind === 'route' && graph.generatedRoutes.has(resolved.route));
					if (!leads) {
						report({ ...at, messageId: resolved.kind === 'redirect-loop' ? 'redirectLoop' : 'redirectTarget', data: { route, target, path: target }, suggestion: closestMatch(target, routes) });
					}
				}
			},
		};
	},
});

function findProblem(graph: ContentGraph, from: Entry, link: LinkRecord, routes: string[], contentPaths: string[]): LinkProblem | undefined {
	// An empty target is no broken link (it is this page), but it is surely not what the author meant.
	if (link.url === '') return { messageId: 'empty', severity: 'warning' };
	const target = resolveLink(graph, from, link.url, link.kind);
	const [path = '', anchor] = splitHash(link.url);
	const withAnchor = (suggestion: string | undefined) => suggestion && suggestion + (anchor === undefined ? '' : `#${anchor}`);
	const inContent = (contentPath: string) => `${graph.contentFolder}/${contentPath}`;
	switch (target.kind) {
		case 'external':
		case 'asset':
		case 'ignored':
			return undefined;
		case 'generated': {
			// A generated page whose sections the graph decides has only those ids; on the others an anchor is not looked into.
			const anchors = graph.generatedAnchors.get(target.route);
			if (target.anchor === undefined || anchors === undefined || anchors.has(target.anchor) || target.anchor.toLowerCase() === 'top') return undefined;
			const close = closestMatch(target.anchor, anchors);
			return { messageId: 'missingAnchor', data: { anchor: anchor ?? '', page: target.route }, suggestion: close && `${path}#${close}` };
		}
		case 'entry': {
			if (target.anchor === undefined || target.entry.anchors.has(target.anchor) || target.anchor.toLowerCase() === 'top') return undefined;
			const close = closestMatch(target.anchor, target.entry.anchors);
			return {
				messageId: 'missingAnchor',
				data: { anchor: anchor ?? '', page: target.entry === from ? 'this page' : target.entry.route },
				suggestion: close && `${path}#${close}`,
			};
		}
		case 'missing-route':
			return { messageId: 'missingRoute', data: { path }, suggestion: withAnchor(closestMatch(target.route, routes)) };
		case 'missing-page': {
			if (target.trailingSlash) return { messageId: 'trailingSlash', data: { path, target: inContent(target.contentPath) }, suggestion: withAnchor(path.replace(/\/+$/, '')) };
			const close = closestMatch(target.contentPath, contentPaths);
			return {
				messageId: 'missingPage',
				data: { path, target: inContent(target.contentPath) },
				suggestion: withAnchor(close && posix.relative(posix.dirname(from.contentPath), close)),
			};
		}
		case 'draft':
			return { messageId: 'draft', data: { path, target: inContent(target.contentPath) } };
		case 'excluded':
			return { messageId: 'excluded', data: { path, target: inContent(target.contentPath) } };
		case 'redirect-loop':
			return { messageId: 'redirectLoop', data: { path, route: target.route } };
		case 'outside':
			return { messageId: 'outside', data: { path } };
		case 'missing-file': {
			// `x.html`, the address Middleman, Jekyll or Hugo gave the page `x.html.md` or `x.md`.
			const page = /\.html?$/i.test(target.contentPath) ? htmlSource(graph, target.contentPath) : undefined;
			if (page) {
				const relative = posix.relative(posix.dirname(from.contentPath), page.contentPath);
				return { messageId: 'htmlPage', data: { path, page: inContent(page.contentPath) }, suggestion: withAnchor(relative) };
			}
			return { messageId: 'missingFile', data: { path, target: inContent(target.contentPath) } };
		}
		case 'public': {
			if (target.exists) return undefined;
			if (/\.html?$/i.test(target.path)) {
				const route = target.path.replace(/(\/index)?\.html?$/i, '/');
				return { messageId: 'htmlRoute', data: { path }, suggestion: withAnchor(closestMatch(route, routes)) };
			}
			return { messageId: 'missingPublicFile', data: { path, target: `public${target.path}` } };
		}
	}
}

/** The page a `.html` address of another generator names: `x.html` is the page `x.html.md` or `x.md` next to it. */
function htmlSource(graph: ContentGraph, contentPath: string): Entry | undefined {
	const stem = contentPath.replace(/\.html?$/i, '');
	for (const candidate of [`${stem}.html.md`, `${stem}.md`, `${stem}.mdx`, `${stem}.markdown`, `${stem}/index.md`]) {
		const entry = graph.byContentPath.get(candidate);
		if (entry) return entry;
	}
	return undefined;
}

function splitHash(url: string): [string, string | undefined] {
	const index = url.indexOf('#');
	return index === -1 ? [url, undefined] : [url.slice(0, index), url.slice(index + 1)];
}
