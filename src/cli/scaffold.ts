import { posix } from 'node:path';
import { stringify } from 'yaml';
import type { LinkRecord } from '../checks/index.ts';
import type { SectionRequirement } from '../core/collections.ts';

/**
 * The text of new handbook pages, for `handbook new`: frontmatter plus a Markdown body of
 * prompts. Nothing here reads or writes files; the command decides what goes where.
 * Prompts are written `_To fill in: ..._`, as in the shipped readiness templates, so an author
 * finds every gap the same way.
 */

/** A Markdown file: YAML frontmatter, then the body. */
function pageText(frontmatter: Record<string, unknown>, body: string): string {
	// The YAML 1.1 schema quotes a string that a reader could take for a date (Astro's js-yaml
	// reads a plain 2026-11-01 as a Date), and writes a midnight Date as a plain `2026-11-01`.
	const yaml = stringify(frontmatter, { schema: 'yaml-1.1', lineWidth: 0 });
	return `---\n${yaml}---\n\n${body.trim()}\n`;
}

/** A `YYYY-MM-DD` day as the Date a frontmatter date reads as. */
function calendarDay(day: string): Date {
	return new Date(`${day}T00:00:00Z`);
}

export interface RunbookInput {
	title: string;
	service: string;
	owner: string;
	practice: string;
	/** The team to escalate to. */
	escalate: string;
	/** `lastReviewed`, `YYYY-MM-DD`. */
	today: string;
	/** The policy's required runbook sections. */
	sections: SectionRequirement[];
}

const runbookPrompts: Record<string, string> = {
	symptoms:
		'_To fill in: what the on-call engineer sees when this runbook applies: the alerts that fire, the errors users report, the graphs that look wrong. Keep `alerts:` and `symptoms:` in the frontmatter in step, so that search finds this page._',
	diagnosis:
		'_To fill in: how to confirm the cause before acting, as numbered steps. Give each step the command to run and what a good and a bad result look like._',
	mitigation:
		'_To fill in: the fastest safe way back to normal service, as numbered steps with their commands. Say which steps are risky and who must agree before them._',
	escalation:
		'_To fill in: when to stop and call for help, and what to tell them. The `escalation:` list in the frontmatter names the teams and when to call each._',
	rollback: '_To fill in: how to undo the mitigation if it makes things worse, or why there is nothing to undo._',
};

/** A new runbook: valid frontmatter with placeholders, and the required sections with prompts. */
export function runbookPage(input: RunbookInput): string {
	const example = [
		'1. Check that the service answers:',
		'',
		'   ```sh',
		`   curl -fsS https://${input.service}.example.internal/health`,
		'   ```',
	].join('\n');
	const sections = sectionNames(input.sections).map((name) =>
		section(name, runbookPrompts[name.toLowerCase()], name.toLowerCase() === 'diagnosis' ? example : undefined),
	);
	return pageText(
		{
			title: input.title,
			summary: 'To fill in: one sentence on when to use this runbook.',
			service: input.service,
			owner: input.owner,
			alerts: [],
			symptoms: ['To fill in: what someone sees when this runbook applies'],
			practice: input.practice,
			escalation: [{ team: input.escalate, when: 'To fill in: when to escalate, e.g. no progress after 30 minutes' }],
			lastReviewed: calendarDay(input.today),
		},
		['_To fill in: one or two sentences on what this runbook is for, and when not to use it._', ...sections].join('\n\n'),
	);
}

export interface PracticeInput {
	title: string;
	category: string;
	owner: string;
	processOwner: string;
	processManager: string;
	today: string;
	/** The policy's required practice sections. */
	sections: SectionRequirement[];
	/** Role columns of the RACI table, the process owner's first. */
	raciColumns: string[];
}

const practicePrompts: Record<string, string> = {
	purpose:
		'_To fill in: why the organisation runs this practice, in two or three sentences of your own words: what goes wrong without it, and what it protects._',
	'key activities':
		'_To fill in: the main activities as a list, one bold name and a sentence each. Use the same activity names in the RACI table._',
	raci: 'R: responsible, A: accountable, C: consulted, I: informed. _To fill in: replace the example activities with those of this practice and adjust the letters; keep exactly one A in each row._',
};

/** A new practice: valid frontmatter, the required sections with prompts and a RACI table skeleton. */
export function practicePage(input: PracticeInput): string {
	const names = sectionNames(input.sections);
	// The RACI table is the point of a practice page, even when the policy does not require it.
	if (!names.some((name) => name.toLowerCase() === 'raci')) names.push('RACI');
	const sections = names.map((name) =>
		section(name, practicePrompts[name.toLowerCase()], name.toLowerCase() === 'raci' ? raciTable(input.raciColumns) : undefined),
	);
	return pageText(
		{
			title: input.title,
			category: input.category,
			summary: 'To fill in: one sentence on what this practice is for.',
			owner: input.owner,
			processOwner: { name: input.processOwner, team: input.owner },
			processManager: { name: input.processManager, team: input.owner },
			related: [],
			valueChain: [],
			lastReviewed: calendarDay(input.today),
		},
		sections.join('\n\n'),
	);
}

export interface ReadinessInput {
	/** The template's frontmatter, as validated. */
	template: { kind: string; sections: string[]; checklist: string[]; reviewInterval?: number | undefined };
	/** The template's body, its links already rebased (see {@link rebaseLinks}). */
	body: string;
	title: string;
	service: string;
	/** The release's tier (service readiness only). */
	tier: string | undefined;
	owner: string;
	today: string;
	/** The day the release goes out (service readiness only). */
	releaseDate?: string | undefined;
}

/** A filled-in copy of a readiness template: the template's body and sections, set for one service. */
export function readinessPage(input: ReadinessInput): string {
	const { kind, sections, checklist, reviewInterval } = input.template;
	return pageText(
		{
			title: input.title,
			summary:
				kind === 'service-readiness'
					? `To fill in: what this release changes for ${input.service}, in one sentence.`
					: `To fill in: one sentence on what this page covers for ${input.service}.`,
			kind,
			...(input.tier === undefined ? {} : { tier: input.tier }),
			owner: input.owner,
			service: input.service,
			...(input.releaseDate === undefined ? {} : { releaseDate: calendarDay(input.releaseDate), status: 'planned' }),
			sections,
			...(checklist.length > 0 ? { checklist } : {}),
			...(reviewInterval === undefined ? {} : { reviewInterval }),
			lastReviewed: calendarDay(input.today),
		},
		input.body,
	);
}

/**
 * A RACI table with example activities and exactly one A per row: the first column (the process
 * owner) is accountable for the policy and for improvement, the second (the process manager) for
 * running the practice.
 */
function raciTable(columns: string[]): string {
	const manager = Math.min(1, columns.length - 1);
	const rows: [activity: string, accountable: number, responsible: number, others: string][] = [
		['Set the policy and goals of the practice', 0, 0, 'C'],
		['Run the practice day to day', manager, Math.min(2, columns.length - 1), 'I'],
		['Review and improve the practice', 0, manager, 'C'],
	];
	const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
	return [
		line(['Activity', ...columns]),
		line(['---', ...columns.map(() => '---')]),
		...rows.map(([activity, accountable, responsible, others]) =>
			line([
				activity,
				...columns.map((_, index) =>
					index === accountable ? (index === responsible ? 'A/R' : 'A') : index === responsible ? 'R' : others,
				),
			]),
		),
	].join('\n');
}

/** Every heading a requirement names: of "Symptoms or Diagnosis", a new page has both. */
function sectionNames(requirements: SectionRequirement[]): string[] {
	return requirements.flatMap((requirement) => (Array.isArray(requirement) ? requirement : [requirement]));
}

function section(name: string, prompt: string | undefined, example: string | undefined): string {
	return [`## ${name}`, prompt ?? '_To fill in._', ...(example ? [example] : [])].join('\n\n');
}

/**
 * Moves a Markdown text from one content path to another: every relative link (pages, images,
 * files) is rewritten so that it still leads where it did. `links` are the links the check engine
 * found in the text, with their positions; links in code are not among them, so they stay as
 * written.
 */
export function rebaseLinks(source: string, links: LinkRecord[], fromContentPath: string, toContentPath: string): string {
	const lineStarts = [0];
	for (let index = source.indexOf('\n'); index !== -1; index = source.indexOf('\n', index + 1)) lineStarts.push(index + 1);
	const offset = (line: number, column: number) => (lineStarts[line - 1] ?? source.length) + column - 1;
	const edits = new Map<number, { end: number; url: string }>();
	for (const link of links) {
		if (link.kind === 'frontmatter' || link.kind === 'frontmatter-html' || !isRelative(link.url)) continue;
		const span = source.slice(offset(link.line, link.column), offset(link.endLine, link.endColumn));
		// The destination follows the link text (`[text](url)`) or the label (`[label]: url`).
		const after = link.kind === 'definition' ? span.indexOf(']:') : link.kind === 'html' ? 0 : span.lastIndexOf('](');
		const at = span.indexOf(link.url, Math.max(after, 0));
		// A destination written differently from its parsed form (escapes, entities) is left alone.
		if (after === -1 || at === -1) continue;
		const start = offset(link.line, link.column) + at;
		edits.set(start, { end: start + link.url.length, url: rebase(link.url, fromContentPath, toContentPath) });
	}
	let text = source;
	for (const [start, { end, url }] of [...edits].sort(([a], [b]) => b - a)) text = text.slice(0, start) + url + text.slice(end);
	return text;
}

function isRelative(url: string): boolean {
	return url !== '' && !url.startsWith('/') && !url.startsWith('#') && !/^[a-z][a-z0-9+.-]*:/i.test(url);
}

function rebase(url: string, fromContentPath: string, toContentPath: string): string {
	const split = url.search(/[?#]/);
	const [path, rest] = split === -1 ? [url, ''] : [url.slice(0, split), url.slice(split)];
	const target = posix.join(posix.dirname(fromContentPath), path);
	return posix.relative(posix.dirname(toContentPath), target) + rest;
}

/** The opening line of the block of instructions a template keeps for its readers, not its copies. */
const templateNoteOpening = /^ {0,3}:::note\[Using this template\]\s*$/;

/**
 * A template's body without its instructions: the one `:::note[Using this template]` block
 * (by convention right after the frontmatter), up to its closing `:::`, and the blank lines after
 * it. A `:::` inside a code fence or a nested directive does not close it, and a block inside a
 * code fence is an example, not the instructions: it stays. Anything else stays as written.
 */
export function dropTemplateNote(body: string): string {
	const lines = body.split('\n');
	let fence: string | undefined;
	for (let start = 0; start < lines.length; start++) {
		const line = lines[start]!;
		fence = nextFence(fence, line);
		if (fence !== undefined || !templateNoteOpening.test(line)) continue;
		let depth = 0;
		let innerFence: string | undefined;
		for (let end = start + 1; end < lines.length; end++) {
			const inner = lines[end]!;
			const wasInFence = innerFence !== undefined;
			innerFence = nextFence(innerFence, inner);
			if (wasInFence || innerFence !== undefined) continue;
			if (/^ {0,3}:::\s*$/.test(inner)) {
				if (depth === 0) {
					let after = end + 1;
					while (after < lines.length && lines[after]!.trim() === '') after++;
					return [...lines.slice(0, start), ...lines.slice(after)].join('\n');
				}
				depth--;
			} else if (/^ {0,3}:::\w/.test(inner)) depth++;
		}
		return body;
	}
	return body;
}

/** The code fence a line leaves open (its marker), given the one open before it. */
function nextFence(open: string | undefined, line: string): string | undefined {
	const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
	if (open === undefined) return marker;
	// A fence closes with a marker of the same character, at least as long, and nothing after it.
	return marker && marker[0] === open[0] && marker.length >= open.length && line.trim() === marker ? undefined : open;
}

/** Letters that do not fall apart into a base letter and a mark (NFKD), and how a file name writes them. */
const transliterations: Record<string, string> = { ß: 'ss', æ: 'ae', ø: 'o', œ: 'oe', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/**
 * The file name a page title gives: lower case ASCII letters and digits, with one hyphen between
 * words, whatever separated them ("Database   failover!!" -> `database-failover`). Accented
 * letters lose their accents ("Überlauf der Warteschlange" -> `uberlauf-der-warteschlange`);
 * apostrophes join ("Don't" -> `dont`). A title with no such letters at all (Japanese, Greek)
 * gives an empty name: then the author names the file with `--file`.
 */
export function fileNameOf(title: string): string {
	return title
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/./gu, (char) => transliterations[char] ?? char)
		.replace(/['’`]/g, '')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
}
