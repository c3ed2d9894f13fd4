import { VFile } from 'vfile';
import { renderedHref, resolveLink, type SiteFiles } from '../../core/links.ts';
import { safeDecode } from '../../core/routes.ts';
import type { ContentGraph } from '../graph.ts';
import { type AnyRule, formatMessage, setMessageId } from '../rule.ts';
import type { Entry, LinkRecord } from '../types.ts';
import type { BrokenReference } from './verify.ts';

const messages = {
	'missing-page': {
		text: '`{{href}}` leads to no page of the built site ({{target}} on {{route}})',
		fix: '{{hint}}',
	},
	'missing-file': {
		text: '`{{href}}` leads to no file of the built site ({{target}} on {{route}})',
		fix: '{{hint}}',
	},
	'missing-anchor': {
		text: '`{{href}}` names no element of its page in the built site ({{target}} on {{route}})',
		fix: '{{hint}}',
	},
	'outside-base': {
		text: '`{{href}}` leads outside the site, which is served under {{base}} ({{target}} on {{route}})',
		fix: '{{hint}}',
	},
};

const hints = {
	source: 'correct the link; `handbook check` did not see this one, which is worth reporting too',
	page: 'the link comes from the page around the content (its header, metadata or navigation): report it',
};

/**
 * The check of the built site, as a rule's metadata: it runs on the output of `handbook build`,
 * after rendering, so there is nothing to turn off or configure; every finding is an error.
 */
export const outputRule: AnyRule = {
	meta: {
		id: 'output',
		description:
			'(`handbook build` only) an `href`, `src` or `#fragment` in the built site that resolves to no file or element under the base path, reported at the source link that produced it',
		defaultSeverity: 'error',
		url: 'README.md#rule-output',
		messages,
	},
	create: () => ({}),
};

/**
 * Turns the broken references the built site holds into diagnostics on the source: each is
 * reported at the link of the page's Markdown that renders to it (links rewritten as the site
 * rewrites them), else at the top of the page's file, else, for pages without a source file
 * (indexes, the RACI matrix), on the content folder. One file per source, sorted like a check's.
 */
export function outputDiagnostics(graph: ContentGraph, broken: BrokenReference[], base: string): VFile[] {
	const files = new Map<string, VFile>();
	// A page can hold one href several times: the n-th broken one is the n-th source link that renders to it. A
	// reference definition renders once for each reference to it (`[x][def]` twice), so it is never used up.
	const taken = new Set<LinkRecord>();
	for (const reference of broken) {
		const entry = graph.byRoute.get(reference.page);
		const link = entry && sourceLink(graph, entry, reference.value, base, taken);
		if (link && link.kind !== 'definition') taken.add(link);
		const path = entry?.file ?? graph.contentFolder;
		let file = files.get(path);
		if (!file) {
			file = new VFile({ path, cwd: graph.root });
			files.set(path, file);
		}
		const data = {
			href: reference.value,
			target: reference.target,
			route: reference.page,
			base,
			hint: link ? hints.source : hints.page,
		};
		const template = messages[reference.reason];
		const place = link
			? { start: { line: link.line, column: link.column }, end: { line: link.endLine, column: link.endColumn } }
			: { line: 1, column: 1 };
		const message = file.message(formatMessage(template.text, data), { place, ruleId: outputRule.meta.id, source: 'handbook' });
		message.fatal = true;
		message.note = formatMessage(template.fix, data);
		message.actual = reference.value;
		setMessageId(message, reference.reason);
	}
	return [...files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * The diagnostics of the built site as the policy has them count. A broken reference that comes
 * from a link of a page's Markdown is what the `links` rule covers: when the check already
 * reported that link (`checked`, its diagnostics), it is not said twice; otherwise it takes the
 * rule's severity (turned off, it is not reported; a warning does not fail the build). One that
 * comes from the site around the content is always an error. Returns the files with what is
 * reported, and how many errors there are.
 */
export function outputFindings(
	graph: ContentGraph,
	broken: BrokenReference[],
	base: string,
	checked: readonly VFile[] = [],
): { files: VFile[]; errorCount: number } {
	const severity = graph.policy.rules.links?.severity ?? 'error';
	const reported = new Set(
		checked.flatMap((file) => file.messages.filter((message) => message.ruleId === 'links').map((message) => `${file.path}:${message.line}`)),
	);
	let errorCount = 0;
	const files = outputDiagnostics(graph, broken, base).flatMap((file) => {
		const messages = file.messages.filter((message) => {
			const fromSource = message.note === hints.source;
			if (fromSource && (severity === 'off' || reported.has(`${file.path}:${message.line}`))) return false;
			if (fromSource && severity === 'warning') message.fatal = false;
			if (message.fatal) errorCount++;
			return true;
		});
		file.messages = messages;
		return messages.length > 0 ? [file] : [];
	});
	return { files, errorCount };
}

/**
 * The policy's `ignoreLinks` as the verification of the built site takes it: a URL under the base
 * path whose site path the policy ignores (served by something else) is not looked for.
 */
export function ignoredByPolicy(files: Pick<SiteFiles, 'isIgnored'>, base: string): (url: URL) => boolean {
	const { isIgnored } = files;
	return (url) => url.pathname.startsWith(base) && isIgnored(safeDecode(url.pathname.slice(base.length - 1)));
}

/** The link of a page's source that the site renders as `href`, if any. */
function sourceLink(graph: ContentGraph, entry: Entry, href: string, base: string, taken: ReadonlySet<LinkRecord>): LinkRecord | undefined {
	return entry.links.find((link) => {
		if (taken.has(link) || (link.kind === 'definition' && !link.used)) return false;
		// MDX's JSX and frontmatter HTML are rendered as written; everything else as the site rewrites it.
		const asWritten = link.kind === 'jsx' || link.kind === 'frontmatter-html';
		const rendered = asWritten ? link.url : (renderedHref(resolveLink(entry.contentPath, link.url, graph.files), link.url, base) ?? link.url);
		// The renderer percent-encodes what the Markdown wrote as it is (`#sts=🏦%20401(k)`).
		return rendered === href || encodeURI(rendered) === href || safeDecode(rendered) === safeDecode(href);
	});
}
