import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { offlineSummary, writeServiceWorker } from '../../src/core/offline-copy.ts';

/** The URLs a written service worker saves on the first visit. */
function precached(outDir: string): string[] {
	const worker = readFileSync(join(outDir, 'sw.js'), 'utf8');
	const manifest = /\[\{.*?\}\]/s.exec(worker);
	return (JSON.parse(manifest![0]) as { url: string }[]).map((entry) => entry.url).sort();
}

describe('the offline copy of a large handbook', () => {
	it('saves pages in the order given until the page budget is spent, and every other file', async () => {
		const outDir = mkdtempSync(join(tmpdir(), 'handbook-offline-'));
		for (const page of ['home', 'contacts', 'runbook-a', 'runbook-b']) {
			mkdirSync(join(outDir, page), { recursive: true });
			writeFileSync(join(outDir, page, 'index.html'), `<p>${page}</p>`.padEnd(1000, ' '));
		}
		writeFileSync(join(outDir, 'search.js'), 'search();'.padEnd(5000, ' '));
		const globs = ['home/index.html', 'contacts/index.html', 'runbook-a/index.html', 'runbook-b/index.html', '*.js'];

		const copy = await writeServiceWorker(outDir, globs, 2500);

		expect(precached(outDir)).toEqual(['contacts/', 'home/', 'search.js']);
		expect(copy).toEqual({ count: 3, size: 7000, leftOut: 2 });
		expect(offlineSummary(copy)).toContain('2 more pages, past the budget');
	});

	it('saves every page when they fit', async () => {
		const outDir = mkdtempSync(join(tmpdir(), 'handbook-offline-'));
		mkdirSync(join(outDir, 'home'));
		writeFileSync(join(outDir, 'home', 'index.html'), '<p>home</p>');
		const copy = await writeServiceWorker(outDir, ['home/index.html']);
		expect(precached(outDir)).toEqual(['home/']);
		expect(copy.leftOut).toBe(0);
		expect(offlineSummary(copy)).not.toContain('budget');
	});
});
