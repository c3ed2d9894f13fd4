import { describe, expect, it } from 'vitest';
import { loadHandbook, messageIdOf } from '../../src/checks/index.ts';
import { outputDiagnostics, outputFindings } from '../../src/checks/output/diagnostics.ts';
import { VFile } from 'vfile';
import type { BrokenReference } from '../../src/checks/output/verify.ts';
import { handbookWith, today } from '../checks/helpers.ts';

const broken = (page: string, value: string, reason: BrokenReference['reason']): BrokenReference => ({
	page,
	attribute: 'href',
	value,
	line: 40,
	column: 7,
	reason,
	target: value,
});

describe('broken references of the built site', () => {
	it('are reported at the source link that rendered them, else on the page or the content folder', async () => {
		const graph = await loadHandbook({ root: handbookWith(), today, cache: false });
		const files = outputDiagnostics(
			graph,
			[
				// The guide's `../practices/incident-management.md#raci`, as the site renders it under /hb/.
				broken('/getting-started/', '/hb/practices/incident-management/#raci', 'missing-anchor'),
				broken('/getting-started/', '/hb/somewhere-else/', 'missing-page'),
				broken('/practices/', '/hb/nowhere/', 'missing-page'),
			],
			'/hb/',
		);
		const found = files.flatMap((file) =>
			file.messages.map((message) => [file.path, message.line, message.column, `${message.ruleId}/${messageIdOf(message)}`, message.fatal]),
		);
		expect(found).toEqual([
			['content', 1, 1, 'output/missing-page', true],
			['content/guides/getting-started.md', 4, 42, 'output/missing-anchor', true],
			['content/guides/getting-started.md', 1, 1, 'output/missing-page', true],
		]);
		expect(files[1]!.messages[0]!.note).toMatch(/correct the link/);
		expect(files[1]!.messages[1]!.note).toMatch(/report it/);
	});

	it('count as the links rule says, and what the check reported is not said twice', async () => {
		const graph = await loadHandbook({ root: handbookWith(), today, cache: false });
		const references = [
			broken('/getting-started/', '/hb/practices/incident-management/#raci', 'missing-anchor'),
			broken('/getting-started/', '/hb/somewhere-else/', 'missing-page'),
		];
		const summary = (checked: VFile[] = []) => {
			const { files, errorCount } = outputFindings(graph, references, '/hb/', checked);
			return { errorCount, found: files.flatMap((file) => file.messages.map((message) => [message.line, message.fatal])) };
		};
		// From the page's Markdown (line 4) and from the page around it (line 1).
		expect(summary()).toEqual({ errorCount: 2, found: [[4, true], [1, true]] });
		const checked = new VFile({ path: 'content/guides/getting-started.md' });
		checked.message('broken', { place: { line: 4, column: 42 }, ruleId: 'links' });
		expect(summary([checked])).toEqual({ errorCount: 1, found: [[1, true]] });
		graph.policy.rules.links = { severity: 'warning', options: undefined };
		expect(summary()).toEqual({ errorCount: 1, found: [[4, false], [1, true]] });
		graph.policy.rules.links = { severity: 'off', options: undefined };
		expect(summary()).toEqual({ errorCount: 1, found: [[1, true]] });
	});
});
