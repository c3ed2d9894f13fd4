/**
 * The Astro build of `handbook build`, run by it in a process of its own (see `build.ts`):
 *
 *   node src/cli/site-build.ts <root> <outDir>
 *
 * Astro keeps what it loaded until its process ends (the built site's modules, the content
 * store, the check's graph); in a process of its own, all of it is released before the search
 * index is built and the output is verified. The handbook integration checks the handbook first
 * and, under `handbook build`, reports a failed check over the IPC channel instead of exiting
 * with its own message (see `checks/shared-result.ts`); a failure of Astro itself is reported here.
 */
import { enableCompileCache } from 'node:module';
import type { SiteBuildMessage } from '../checks/shared-result.ts';

// As for the `handbook` command: Astro's modules compile faster the second time.
enableCompileCache(new URL('../../node_modules/.cache/handbook/compile/', import.meta.url).pathname);

const [root, outDir] = process.argv.slice(2);

function report(message: SiteBuildMessage): Promise<void> {
	return new Promise((done) => (process.send ? process.send(message, () => done()) : done()));
}

try {
	if (!root || !outDir) throw new Error('usage: node src/cli/site-build.ts <root> <outDir>');
	const { build } = await import('astro');
	await build({ root, outDir });
	// Astro may leave handles open (file watchers, workers): the build is over.
	process.exit(0);
} catch (error) {
	await report({ kind: 'failed', message: (error as Error).message });
	process.exit(1);
}
