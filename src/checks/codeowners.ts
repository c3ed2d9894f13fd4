import type { ContentGraph } from './graph.ts';

/** Where GitHub reads code owners from, relative to the repository root. */
export const codeownersFile = '.github/CODEOWNERS';

const beginMarker = '# BEGIN handbook-managed (npx handbook codeowners)';
const endMarker = '# END handbook-managed';

/**
 * The handbook-managed block of CODEOWNERS, markers included: one line per page giving its
 * owner team's GitHub handle, and the handbook's data files for the team that owns the handbook
 * (`defaultOwner` of the policy, else the owner of the home page), sorted by path. Used both to
 * write the file and to check it, so the two cannot disagree.
 */
export function managedBlockLines(graph: ContentGraph): string[] {
	const handleOf = (teamId: string | undefined) => {
		const handle = teamId === undefined ? undefined : graph.teamById.get(teamId)?.raw.github;
		// A handle the schema rejects (the `schema` rule reports it) would break the file: leave it out.
		return typeof handle === 'string' && /^@\S+$/.test(handle) ? handle : undefined;
	};
	const owned = new Map<string, string>();
	for (const entry of graph.entries) {
		const handle = handleOf(entry.owner);
		if (handle) owned.set(entry.file, handle);
	}
	const handbookOwner = handleOf(graph.policy.defaultOwner ?? graph.byId.get('docs:index')?.owner);
	for (const dataFile of [graph.teamsFile, graph.policyFile]) {
		if (handbookOwner && dataFile.exists) owned.set(dataFile.file, handbookOwner);
	}
	const lines = [...owned].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([path, handle]) => `/${escapePath(path)} ${handle}`);
	return [beginMarker, '# Generated from the `owner:` of each page and the `github:` handles in teams.yaml: change those, not these lines.', ...lines, endMarker];
}

// CODEOWNERS patterns are space-separated: a space in a path is escaped.
function escapePath(path: string): string {
	return path.replaceAll(' ', '\\ ');
}

/**
 * Whether a managed block was written for this handbook's content folder. A repository can hold
 * other handbooks (test fixtures, one built with `HANDBOOK_CONTENT`); its CODEOWNERS is not about them.
 */
export function isBlockFor(graph: ContentGraph, lines: string[]): boolean {
	const prefix = `/${escapePath(graph.contentFolder)}/`;
	return lines.some((line) => line.startsWith(prefix));
}

/** Where the managed block sits in a CODEOWNERS text. */
export type BlockLocation =
	| { kind: 'none' }
	/** `start`..`end`: the block's characters, from its BEGIN line to the end of its END line (no line break). */
	| { kind: 'found'; start: number; end: number; line: number; lines: string[] }
	| { kind: 'malformed'; line: number; message: string };

/** Finds the managed block: its BEGIN line, then the first END line after it. */
export function findManagedBlock(text: string): BlockLocation {
	const lines = text.split('\n');
	const isLine = (index: number, marker: string) => lines[index]?.replace(/\s+$/, '') === marker;
	const begins = lines.flatMap((_, index) => (isLine(index, beginMarker) ? [index] : []));
	const ends = lines.flatMap((_, index) => (isLine(index, endMarker) ? [index] : []));
	if (begins.length === 0 && ends.length === 0) return { kind: 'none' };
	const [begin] = begins;
	const end = ends.find((index) => begin !== undefined && index > begin);
	if (begin === undefined || end === undefined || begins.length > 1 || ends.length > 1) {
		const line = (begins[1] ?? begin ?? ends[0] ?? 0) + 1;
		return { kind: 'malformed', line, message: `${codeownersFile} needs exactly one "${beginMarker}" line followed by one "${endMarker}" line` };
	}
	const offsetOf = (index: number) => lines.slice(0, index).reduce((sum, line) => sum + line.length + 1, 0);
	const endLine = lines[end]!;
	return {
		kind: 'found',
		start: offsetOf(begin),
		end: offsetOf(end) + endLine.length - (endLine.endsWith('\r') ? 1 : 0),
		line: begin + 1,
		lines: lines.slice(begin, end + 1).map((line) => line.replace(/\r$/, '')),
	};
}

/**
 * The CODEOWNERS text with the managed block replaced by `block`. Every other character stays as
 * it was. A file without a block gets it at the end, where it overrides broader patterns above
 * (in CODEOWNERS the last matching line wins); a missing file (`undefined`) becomes just the block.
 */
export function withManagedBlock(text: string | undefined, block: string[]): string {
	if (text === undefined) return `${block.join('\n')}\n`;
	const eol = text.includes('\r\n') ? '\r\n' : '\n';
	const location = findManagedBlock(text);
	if (location.kind === 'malformed') throw new Error(location.message);
	if (location.kind === 'found') return text.slice(0, location.start) + block.join(eol) + text.slice(location.end);
	const separator = text === '' ? '' : text.endsWith(eol + eol) ? '' : text.endsWith(eol) ? eol : eol + eol;
	return `${text}${separator}${block.join(eol)}${eol}`;
}
