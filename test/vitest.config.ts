import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	root: fileURLToPath(new URL('..', import.meta.url)),
	test: {
		include: ['test/**/*.test.ts'],
		globalSetup: ['test/helpers/run-id.ts'],
		exclude: ['**/node_modules/**', 'test/fixtures/**'],
		// Build and browser tests run `astro build` in a child process.
		testTimeout: 180_000,
		hookTimeout: 300_000,
	},
});
