import { execFileSync } from 'node:child_process';

export interface TodayOptions {
	/** An explicit date, `YYYY-MM-DD` (the CLI's `--today`). */
	today?: string | undefined;
	/** The repository whose HEAD commit dates the check when no date is given. */
	root?: string | undefined;
	/** Environment to read `HANDBOOK_TODAY` from (default `process.env`). */
	env?: Record<string, string | undefined>;
	/**
	 * Without an explicit date: `commit` (the default) takes the HEAD commit's date, as checks do;
	 * `system` takes the system date, as a page written today should (`handbook new`).
	 */
	fallback?: 'commit' | 'system';
}

/**
 * The date review deadlines are measured against, `YYYY-MM-DD`: the explicit `today`, else
 * `HANDBOOK_TODAY`, else the committer date of the repository's HEAD commit, else the system
 * date. Dating a check by its commit makes it reproducible: the same commit always gives the same
 * result, and a fresh clone of old content does not fail because time passed. The site's stale
 * banner uses this too, so the page and the check agree. A new page is dated by the system date
 * instead (`fallback: 'system'`): it is written today, whatever the last commit's date.
 */
export function resolveToday(options: TodayOptions = {}): string {
	const explicit = options.today ?? (options.env ?? process.env).HANDBOOK_TODAY;
	if (explicit !== undefined && explicit !== '') {
		if (!isCalendarDate(explicit)) throw new Error(`"${explicit}" is not a date; write it as YYYY-MM-DD, e.g. 2026-11-01`);
		return explicit;
	}
	if (options.fallback === 'system') return localDate(new Date());
	return headCommitDate(options.root ?? process.cwd()) ?? localDate(new Date());
}

/** Whether a string is a real calendar date written `YYYY-MM-DD`. */
export function isCalendarDate(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function headCommitDate(root: string): string | undefined {
	try {
		const output = execFileSync('git', ['log', '-1', '--format=%cs'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
		const date = output.trim();
		return isCalendarDate(date) ? date : undefined;
	} catch {
		return undefined;
	}
}

function localDate(date: Date): string {
	const pad = (value: number) => String(value).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
