import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatReport } from '../../src/checks/index.ts';
import { checkHandbookReusingResult } from '../../src/cli/check-result-cache.ts';
import { handbookWith, today } from './helpers.ts';

/** A handbook whose root has `node_modules/`, where the check keeps its results. */
function cachedHandbook(): string {
	const root = handbookWith();
	mkdirSync(join(root, 'node_modules'));
	return root;
}

const run = (root: string, options: { today?: string; paths?: string[] } = {}) =>
	checkHandbookReusingResult({ root, today, ...options });

describe('handbook check when nothing changed', () => {
	it('reports the same diagnostics as the run before, without checking again', async () => {
		const root = cachedHandbook();
		const practice = join(root, 'content/practices/incident-management.md');
		writeFileSync(practice, readFileSync(practice, 'utf8').replace('## Purpose', '## Purpose\n\nSee [nowhere](nowhere.md).'));
		const first = await run(root);
		const second = await run(root);
		expect(first.reused).toBe(false);
		expect(second.reused).toBe(true);
		expect(first.errorCount).toBeGreaterThan(0);
		expect(formatReport(second, 'json')).toBe(formatReport(first, 'json'));
		expect(formatReport(second, 'sarif')).toBe(formatReport(first, 'sarif'));
		expect([second.errorCount, second.warningCount]).toEqual([first.errorCount, first.warningCount]);
	});

	it.each([
		['a content file changes', (root: string) => writeFileSync(join(root, 'content/guides/extra.md'), '# Extra\n')],
		['a file appears in public/', (root: string) => {
			mkdirSync(join(root, 'public'), { recursive: true });
			writeFileSync(join(root, 'public/diagram.png'), '');
		}],
		['CODEOWNERS changes', (root: string) => {
			mkdirSync(join(root, '.github'), { recursive: true });
			writeFileSync(join(root, '.github/CODEOWNERS'), '* @example-org/smo\n');
		}],
	])('checks again when %s', async (_, change) => {
		const root = cachedHandbook();
		await run(root);
		change(root);
		expect((await run(root)).reused).toBe(false);
		expect((await run(root)).reused).toBe(true);
	});

	it('checks again when an alert rule file outside the content folder changes, appears or goes', async () => {
		const root = handbookWith('alerts');
		mkdirSync(join(root, 'node_modules'));
		const first = await run(root);
		const rules = join(root, 'monitoring/shop.rules.yaml');
		writeFileSync(rules, readFileSync(rules, 'utf8').replace('severity: critical', 'severity: warning'));
		const edited = await run(root);
		expect(edited.reused).toBe(false);
		expect(edited.errorCount).toBe(first.errorCount - 1);
		writeFileSync(join(root, 'monitoring/more.yaml'), 'groups: []\n');
		expect((await run(root)).reused).toBe(false);
		rmSync(join(root, 'monitoring/more.yaml'));
		expect((await run(root)).reused).toBe(false);
		expect((await run(root)).reused).toBe(true);
	});

	it('checks again for another date or other paths', async () => {
		const root = cachedHandbook();
		await run(root);
		expect((await run(root, { today: '2027-06-01' })).reused).toBe(false);
		expect((await run(root, { paths: [join(root, 'content/practices')] })).reused).toBe(false);
		expect((await run(root, { paths: [join(root, 'content/practices')] })).reused).toBe(true);
	});

	it('finds a new problem after an edit', async () => {
		const root = cachedHandbook();
		const clean = await run(root);
		const runbook = readdirFirstRunbook(root);
		writeFileSync(runbook, readFileSync(runbook, 'utf8').replace(/^owner: .*$/m, 'owner: nobody-team'));
		const after = await run(root);
		expect(after.reused).toBe(false);
		expect(after.errorCount).toBeGreaterThan(clean.errorCount);
	});
});

function readdirFirstRunbook(root: string): string {
	const folder = join(root, 'content/runbooks');
	const file = readdirSync(folder, { recursive: true, encoding: 'utf8' }).find((name) => name.endsWith('.md'));
	if (!file) throw new Error('the base fixture has no runbook');
	return join(folder, file);
}
