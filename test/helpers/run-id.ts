import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from './build.ts';

/**
 * Vitest global set-up: names this test run, so that test files in parallel workers can share
 * one build of each handbook they read (see `sharedFixtureSite`), and removes those builds at the end.
 */
export default function setup() {
	const runId = randomUUID();
	process.env.HANDBOOK_TEST_RUN = runId;
	return async () => {
		await rm(join(repoRoot, 'node_modules/.cache/handbook-builds', `shared-${runId}`), { recursive: true, force: true });
	};
}
