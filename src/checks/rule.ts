import type { z } from 'astro/zod';
import type { VFileMessage } from 'vfile-message';
import type { ContentGraph } from './graph.ts';
import type { Policy } from './policy.ts';
import type { Entry, Severity } from './types.ts';

/** What a rule says for one kind of problem: the message and the fix hint, with `{{placeholders}}`. */
export interface RuleMessage {
	text: string;
	fix: string;
}

/**
 * A rule's metadata, kept beside its code as ESLint and remark-lint do: the id the policy and the
 * reports name it by, what it checks, how severe its findings are by default, where it is
 * documented, the messages it reports (by id) and the schema of its options.
 */
export interface RuleMeta<Options, MessageId extends string> {
	id: string;
	description: string;
	defaultSeverity: Severity;
	/** The rule's documentation, relative to the repository root. */
	url: string;
	messages: Record<MessageId, RuleMessage>;
	/** The options the policy can set under `rules.<id>`, with their defaults. */
	options?: z.ZodType<Options>;
}

/** A diagnostic as a rule reports it; the engine words it and turns it into a vfile message. */
export interface Report<MessageId extends string = string> {
	/** Path relative to the repository root. */
	file: string;
	line: number;
	column: number;
	endLine?: number | undefined;
	endColumn?: number | undefined;
	messageId: MessageId;
	/** Values for the message's placeholders. */
	data?: Record<string, string | number>;
	/** What was probably meant: the fix hint becomes "did you mean ...?". */
	suggestion?: string | undefined;
	/** Overrides the rule's severity for this diagnostic. */
	severity?: Severity;
	/** What was written, and what was probably meant (for editors). */
	actual?: string | undefined;
	expected?: string[] | undefined;
}

/** What a rule sees: the content graph, the policy in force, its own options, the date, and where to report. */
export interface RuleContext<Options, MessageId extends string> {
	graph: ContentGraph;
	policy: Policy;
	options: Options;
	/** The check date, `YYYY-MM-DD`. */
	today: string;
	report(report: Report<MessageId>): void;
}

/** What a rule does on one run: called once per page, then once for the whole handbook. */
export interface RuleVisitors {
	entry?(entry: Entry): void;
	/** For what spans files: data files, duplicates, what the pages add up to. */
	handbook?(): void;
}

/**
 * A check rule, in ESLint's shape: its metadata, and `create`, which starts a run (any state the
 * run needs lives in its closure) and returns the visitors. The engine calls each visitor on its
 * own: an exception becomes a diagnostic on the file it happened on, and the other files are
 * still checked.
 */
export interface Rule<Options = undefined, MessageId extends string = string> {
	meta: RuleMeta<Options, MessageId>;
	create(context: RuleContext<Options, MessageId>): RuleVisitors;
}

/** Any rule, whatever its options and messages (a list of rules holds rules of every kind). */
export type AnyRule = Rule<any, string>;

/** Declares a rule, inferring its options and message ids from its meta. */
export function defineRule<Options = undefined, MessageId extends string = string>(rule: Rule<Options, MessageId>): Rule<Options, MessageId> {
	return rule;
}

/** Fills a message's `{{placeholders}}` from a report's data. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
	return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in data ? String(data[name]) : whole));
}

/** Which of its rule's messages a vfile message is (see {@link RuleMeta.messages}). */
export function messageIdOf(message: VFileMessage): string {
	return (message as VFileMessage & { messageId?: string }).messageId ?? '';
}

/** Records which of its rule's messages a vfile message is. */
export function setMessageId(message: VFileMessage, messageId: string): void {
	(message as VFileMessage & { messageId?: string }).messageId = messageId;
}
