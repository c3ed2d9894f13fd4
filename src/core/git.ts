import { spawnSync } from 'node:child_process';
import { relative, resolve } from 'node:path';

function git(cwd: string, args: string[]): string | undefined {
	const result = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
	return result.status === 0 ? result.stdout : undefined;
}

/** The top folder of the git work tree holding `dir`, if it is in one. */
export function gitRoot(dir: string): string | undefined {
	return git(dir, ['rev-parse', '--show-toplevel'])?.trim() || undefined;
}

/**
 * The date of the newest commit touching each file under `dir`, from one `git log` pass, keyed
 * by path relative to `root`. Files without a commit (new, or a shallow clone that lacks their
 * history) are absent: CI needs the full history (`fetch-depth: 0`) for these dates.
 */
export function lastCommitDates(root: string, dir: string): Map<string, Date> {
	const dates = new Map<string, Date>();
	const top = gitRoot(root);
	if (!top) return dates;
	const log = git(top, ['log', '--format=t:%ct', '--name-only', '--no-renames', '--', resolve(root, dir)]);
	if (!log) return dates;
	let current = 0;
	for (const line of log.split('\n')) {
		if (line.startsWith('t:')) current = Number(line.slice(2)) * 1000;
		else if (line) {
			const path = relative(root, resolve(top, line));
			if (!dates.has(path)) dates.set(path, new Date(current));
		}
	}
	return dates;
}

/** Where a repository is on the web: its home page, and the prefix of its files' pages at HEAD. */
export interface RepositoryWeb {
	/** `https://github.com/org/handbook` */
	url: string;
	/** `https://github.com/org/handbook/blob/HEAD/`: append a path relative to the repository root. */
	files: string;
}

/**
 * The repository's address on the web, when it can be known: in GitHub Actions and GitLab CI from
 * their variables (`GITHUB_SERVER_URL`/`GITHUB_REPOSITORY`, `CI_PROJECT_URL`), else from an
 * `origin` remote on github.com or gitlab.com. Undefined otherwise: no address is made up.
 */
export function repositoryWeb(root: string): RepositoryWeb | undefined {
	const { GITHUB_SERVER_URL, GITHUB_REPOSITORY, CI_PROJECT_URL } = process.env;
	if (GITHUB_SERVER_URL && GITHUB_REPOSITORY) return github(`${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}`);
	if (CI_PROJECT_URL) return gitlab(CI_PROJECT_URL);
	const remote = git(root, ['remote', 'get-url', 'origin'])?.trim();
	const match = remote && /(github\.com|gitlab\.com)[:/](.+?)(\.git)?$/.exec(remote);
	if (!match) return undefined;
	const url = `https://${match[1]}/${match[2]}`;
	return match[1] === 'github.com' ? github(url) : gitlab(url);
}

const github = (url: string): RepositoryWeb => ({ url, files: `${url}/blob/HEAD/` });
const gitlab = (url: string): RepositoryWeb => ({ url, files: `${url}/-/blob/HEAD/` });

/**
 * The URL prefix of "Edit this page" links: `HANDBOOK_EDIT_URL` when set, else derived from a
 * GitHub `origin` remote (`https://github.com/org/repo/edit/main/`), else none.
 */
export function editUrlBase(root: string): string | undefined {
	const configured = process.env.HANDBOOK_EDIT_URL;
	if (configured) return configured.endsWith('/') ? configured : `${configured}/`;
	const remote = git(root, ['remote', 'get-url', 'origin'])?.trim();
	const match = remote && /github\.com[:/]([^/]+)\/(.+?)(\.git)?$/.exec(remote);
	if (!match) return undefined;
	const branch = git(root, ['symbolic-ref', '--short', 'refs/remotes/origin/HEAD'])?.trim().replace(/^origin\//, '') || 'main';
	const top = gitRoot(root) ?? root;
	const prefix = relative(top, root);
	return `https://github.com/${match[1]}/${match[2]}/edit/${branch}/${prefix ? `${prefix}/` : ''}`;
}
