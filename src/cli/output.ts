import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { join, resolve } from 'node:path';

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
