import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ContentFolderError, checkHandbook, formatReport } from '../checks/index.ts';
import { ignoredByPolicy, outputFindings } from '../checks/output/diagnostics.ts';
import type { BrokenReference } from '../checks/output/verify.ts';
import { type ContentSelection, selectContentFiles } from '../core/files.ts';
import { siteFilesOf } from '../core/links.ts';
import { contentRoot } from '../core/project.ts';
import type { CommandIo } from './io.ts';

/**
 * Replaces `outDir` with `staging`, leaving no moment without a complete `outDir` but the rename's.
 * The site it replaces is deleted in the background: deleting tens of thousands of files took
 * 9 s of a 49 s rebuild of 10,000 pages, and nothing needs to wait for it.
 */
export async function publish(staging: string, outDir: string): Promise<void> {
	const previous = `${outDir}.previous`;
	// One left by a build whose deletion has not finished: out of the way first.
	if (existsSync(previous)) {
		const leftover = `${previous}-${process.pid}-${Date.now()}`;
		await rename(previous, leftover);
		removeInBackground(leftover);
	}
	if (existsSync(outDir)) await rename(outDir, previous);
	await rename(staging, outDir);
	removeInBackground(previous);
}

/** Deletes a folder in a process of its own that outlives this one. */
function removeInBackground(path: string): void {
	if (!existsSync(path)) return;
	spawn(process.execPath, ['-e', 'require("node:fs").rmSync(process.argv[1], { recursive: true, force: true })', path], {
		detached: true,
		stdio: 'ignore',
	}).unref();
}

/** Astro's cache folder (`HANDBOOK_CACHE_DIR`, else Astro's default), where the handbook keeps its build caches under `handbook/`. */
export function handbookCacheDir(root: string): string {
	return join(resolve(root, process.env.HANDBOOK_CACHE_DIR || 'node_modules/.astro'), 'handbook');
}

/** What `handbook build --shard` writes next to its slice, for `handbook merge` to check the slices fit together. */
export interface SliceManifest {
	shard: { index: number; count: number };
	searchParts: number;
	base: string;
}

/** The file of a slice that describes it; not part of the merged site. */
export const sliceManifestFile = '.handbook-slice.json';

/** The content folder's files as the check selects them, or `undefined` when it cannot be read (the build reports that). */
export async function contentSelection(root: string): Promise<ContentSelection | undefined> {
	try {
		return await selectContentFiles(resolve(root, contentRoot));
	} catch {
		return undefined;
	}
}

/**
 * The policy's `ignoreLinks` for the verification of a built site: paths served by something
 * else, which the check skipped too (none when the content folder cannot be read), and the
 * patterns as written, which a kept verification must have been made with.
 */
export function ignoredLinks(selection: ContentSelection | undefined, base: string): { ignore: ((url: URL) => boolean) | undefined; patterns: string } {
	return { ignore: selection && ignoredByPolicy(siteFilesOf(selection), base), patterns: JSON.stringify(selection?.policy.ignoreLinks ?? []) };
}

/**
 * Reports the broken references of a built site at the source links that produced them (the
 * check's graph knows; its parse is cached). Broken links of the Markdown count as the `links`
 * rule says (off, warning, error), and what the check already reported is not said again; any
 * other broken reference is an error. Resolves to the number of errors.
 */
export async function reportBrokenOutput(root: string, today: string | undefined, broken: BrokenReference[], base: string, io: CommandIo): Promise<number> {
	const checked = await checkHandbook({ root, today }).catch((error: unknown) => {
		if (error instanceof ContentFolderError) return undefined;
		throw error;
	});
	if (!checked) return broken.length;
	const { files, errorCount } = outputFindings(checked.graph, broken, base, checked.files);
	if (files.length > 0) io.err(`${formatReport({ files }, 'pretty', { color: io.color })}\n`);
	return errorCount;
}
