import type { CollectionName, PageCollection } from '../core/collections.ts';
import type { ParsedFrontmatter, ParsedYaml } from '../core/types.ts';
import type { RaciTable } from './facts/raci.ts';
import type { ReleaseFacts } from './facts/releases.ts';
import type { ReviewStatus } from './facts/review.ts';
import type { SecretFinding } from './secrets.ts';
import type { ServiceFacts } from './facts/services.ts';

export type { ParsedFrontmatter, ParsedYaml, YamlProblem } from '../core/types.ts';

/** How bad a diagnostic is. `error` fails the check (and the build); `warning` does not. */
export type Severity = 'error' | 'warning';

/** A rule's severity as the policy sets it; `off` silences the rule. */
export type SeveritySetting = Severity | 'off';

/** A 1-based line and column in a source file. */
export interface Point {
	line: number;
	column: number;
}

/** Where a diagnostic points: a point, or a range when the end is known. */
export interface Place {
	start: Point;
	end?: Point;
}

/** A heading of a page as the site renders it: the id is the one in the HTML. */
export interface Heading {
	depth: number;
	/** Text content of the heading (after smart punctuation, as on the page). */
	text: string;
	/** The `id` attribute the renderer gives the heading. */
	slug: string;
	line: number;
	column: number;
}

/** A link target written in a file. */
export interface LinkRecord {
	url: string;
	/**
	 * `link` / `image`: inline Markdown; `definition`: a reference definition (`[x]: url`);
	 * `html`: an `href`/`src` attribute in raw HTML; `jsx`: one in MDX's JSX, which the site leaves
	 * as written; `frontmatter`: a link field such as a hero action; `frontmatter-html`: one in
	 * frontmatter shown as HTML (a hero tagline, a banner), also left as written.
	 */
	kind: 'link' | 'image' | 'definition' | 'html' | 'jsx' | 'frontmatter' | 'frontmatter-html';
	line: number;
	column: number;
	endLine: number;
	endColumn: number;
	/** Definitions only: whether some reference-style link uses it (an unused one renders nothing). */
	used?: boolean;
}

/** One cell of a GFM table, as plain text. */
export interface TableCell {
	text: string;
	line: number;
	column: number;
}

/** A GFM table: its header row first, then the body rows. */
export interface TableRecord {
	line: number;
	/** Text of the nearest heading above the table, if any. */
	section?: string | undefined;
	rows: { line: number; cells: TableCell[] }[];
}

/** Markup that can run script in a reader's browser, written in a page. */
export interface Hazard {
	kind: 'script' | 'iframe' | 'event-handler' | 'javascript-url' | 'data-url';
	/** The element, the attribute, or the kind of link. */
	name: string;
	line: number;
	column: number;
}

/** A task list item, `- [x] done` or `- [ ] to do`. */
export interface TaskItem {
	checked: boolean;
	line: number;
}

/** What one pass over a Markdown body collects. Plain data, so it can be cached as JSON. */
export interface ParsedMarkdown {
	headings: Heading[];
	/** Ids on the page that are not heading ids: raw HTML and JSX `id`/`name` attributes, footnotes. */
	extraAnchors: string[];
	links: LinkRecord[];
	tables: TableRecord[];
	/** Task list items, in document order (code blocks left out). */
	tasks: TaskItem[];
	hazards: Hazard[];
	/** MDX: the components (capitalised JSX elements) the page uses, and the names it imports or exports. */
	components: { name: string; line: number; column: number }[];
	imports: string[];
	/** The plain text of the page's title heading, if it has one (see `titleHeading`). */
	title?: string | undefined;
}

/** Why a file could not be read or parsed: the engine reports it on the file and goes on. */
export interface FileFailure {
	stage: 'read' | 'parse';
	message: string;
	line: number;
	column: number;
}

/** A schema problem found by zod, kept until the `schema` rule words it. */
export interface SchemaIssue {
	code: string;
	path: (string | number)[];
	message: string;
	/** Allowed values, for enum issues. */
	values?: unknown[];
}

/** A reference to an entry written in frontmatter, e.g. `related: [problem-management]`. */
export interface Reference {
	collection: CollectionName;
	id: string;
	/** Where it is written, e.g. `['related', 1]`. */
	path: (string | number)[];
}

/** A key the schema does not allow where it is written. */
export interface UnknownKey {
	key: string;
	/** The keys allowed there. */
	knownKeys: string[];
	path: (string | number)[];
}

/** A page of the handbook: one Markdown file of a page collection. */
export interface Entry {
	collection: PageCollection;
	id: string;
	/** Site route, e.g. `/runbooks/payments-api/database-failover/`. */
	route: string;
	/** Path relative to the repository root, e.g. `content/practices/incident-management.md`. */
	file: string;
	/** Path relative to the content folder, e.g. `practices/incident-management.md`. */
	contentPath: string;
	title: string;
	/** Frontmatter as written (an empty object when missing or unreadable). */
	raw: Record<string, unknown>;
	/** Frontmatter after schema validation; `undefined` when it does not validate. */
	data: Record<string, unknown> | undefined;
	frontmatter: ParsedFrontmatter;
	schemaIssues: SchemaIssue[];
	unknownKeys: UnknownKey[];
	/** Every reference the frontmatter makes to other entries and teams (owner included). */
	references: Reference[];
	/** The owning team id: the page's `owner:`, else the policy's `defaultOwner` for guides. */
	owner: string | undefined;
	ownerInherited: boolean;
	headings: Heading[];
	/** Every id a link may target on this page: heading ids, `_top`, HTML ids, footnotes. */
	anchors: Set<string>;
	links: LinkRecord[];
	tables: TableRecord[];
	tasks: TaskItem[];
	/** Markup in the body that can run script in a reader's browser. */
	hazards: Hazard[];
	/** Credentials written in the file. */
	secrets: SecretFinding[];
	/** MDX: the components the page uses, and the names it imports or exports. */
	components: ParsedMarkdown['components'];
	imports: string[];
	/** Routes of the other pages that link here. */
	linkedFrom: Set<string>;
	/** Set when the file could not be read or parsed; the page then has no headings or links. */
	failure: FileFailure | undefined;
	// Facts, derived once when the graph is built: rules judge them, the site and reports show them.
	/** Where the page stands with its reviews; `undefined` without a valid `lastReviewed:`. */
	review: ReviewStatus | undefined;
	/** The tables of the page that are RACI tables. */
	raciTables: TableRecord[];
	/** A practice's RACI table (its first RACI table), read into activities and letters. */
	raci: RaciTable | undefined;
	/** A service's runbooks, alerts, objectives with their budgets, dependencies both ways and releases. */
	serviceFacts: ServiceFacts | undefined;
	/** A filled-in service readiness record: where its release stands. */
	release: ReleaseFacts | undefined;
}

/** One team of `teams.yaml`. */
export interface Team {
	id: string;
	/** Index in the file. */
	index: number;
	raw: Record<string, unknown>;
}

/** A YAML data file of the content folder (`teams.yaml`, `handbook.yaml`). */
export interface DataFile {
	/** Path relative to the repository root. */
	file: string;
	exists: boolean;
	yaml: ParsedYaml;
	schemaIssues: SchemaIssue[];
	unknownKeys: UnknownKey[];
}
