import type { Dirent } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import picomatch from 'picomatch';

/** The alert rule files the policy's globs select, and how many files each glob matched. */
export interface AlertFileSelection {
	/** Paths relative to the repository root, with `/`, sorted. */
	files: string[];
	/** Files matched, per glob, in the policy's order. */
	matches: number[];
}

/**
 * The files the policy's `alerts.rules` globs match, relative to the repository root. Only the
 * folder each glob starts from is walked (`monitoring/` for `monitoring/**\/*.yaml`), never
 * `node_modules` or hidden folders, and symbolic links are not followed, as for content files.
 * Kept free of the check engine's heavier modules: `handbook check` reads it to tell whether a
 * cached result is still valid.
 */
export async function selectAlertRuleFiles(root: string, patterns: readonly string[]): Promise<AlertFileSelection> {
	const matchers = patterns.map((pattern) => picomatch(pattern, { dot: false }));
	const bases = [...new Set(patterns.map((pattern) => picomatch.scan(pattern).base))];
	const found = new Set<string>();
	for (const base of bases) for (const file of await filesUnder(root, base)) found.add(file);
	const files = [...found].filter((file) => matchers.some((matches) => matches(file))).sort();
	return { files, matches: matchers.map((matches) => files.filter((file) => matches(file)).length) };
}

async function filesUnder(root: string, base: string): Promise<string[]> {
	const files: string[] = [];
	const folders = [base];
	for (let folder = folders.pop(); folder !== undefined; folder = folders.pop()) {
		let entries: Dirent[];
		try {
			entries = await readdir(join(root, folder), { withFileTypes: true });
		} catch (error) {
			// A glob without wildcards names one file; a base that does not exist or cannot be read
			// matches nothing, which the `alerts` rule reports.
			if ((error as NodeJS.ErrnoException).code === 'ENOTDIR' && folder === base && (await lstat(join(root, base))).isFile()) files.push(base);
			continue;
		}
		for (const entry of entries) {
			if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
			const path = folder === '' ? entry.name : `${folder}/${entry.name}`;
			if (entry.isDirectory()) folders.push(path);
			else if (entry.isFile()) files.push(path);
		}
	}
	return files;
}
