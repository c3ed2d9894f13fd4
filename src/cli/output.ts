import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** Replaces `outDir` with `staging`, leaving no moment without a complete `outDir` but the rename's. */
export async function publish(staging: string, outDir: string): Promise<void> {
	const previous = `${outDir}.previous`;
	await rm(previous, { recursive: true, force: true });
	if (existsSync(outDir)) await rename(outDir, previous);
	await rename(staging, outDir);
	await rm(previous, { recursive: true, force: true });
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
