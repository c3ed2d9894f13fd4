import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeownersFile, findManagedBlock, isBlockFor, managedBlockLines } from '../codeowners.ts';
import { defineRule } from '../rule.ts';

export const codeownersRule = defineRule({
	meta: {
		id: 'codeowners',
		description:
			'a `.github/CODEOWNERS` managed block out of date with the owners in frontmatter and the GitHub handles of `teams.yaml`',
		defaultSeverity: 'error',
		url: 'README.md#rule-codeowners',
		messages: {
			malformed: { text: '{{reason}}', fix: 'delete the broken block, then run npx handbook codeowners' },
			outdated: {
				text: 'the handbook-managed block of {{file}} is out of date with the page owners ({{changes}})',
				fix: 'run npx handbook codeowners',
			},
		},
	},
	create({ graph, report }) {
		return {
			handbook() {
				const path = join(graph.root, codeownersFile);
				// No CODEOWNERS file: review by owners is opt-in (`npx handbook codeowners` creates it).
				if (!existsSync(path)) return;
				const block = findManagedBlock(readFileSync(path, 'utf8'));
				if (block.kind === 'none') return;
				if (block.kind === 'malformed') {
					report({ file: codeownersFile, line: block.line, column: 1, messageId: 'malformed', data: { reason: block.message } });
					return;
				}
				if (!isBlockFor(graph, block.lines)) return;
				const expected = managedBlockLines(graph);
				if (block.lines.join('\n') === expected.join('\n')) return;
				const missing = expected.filter((line) => !block.lines.includes(line)).length;
				const stale = block.lines.filter((line) => !expected.includes(line)).length;
				const changes = [missing > 0 ? `${missing} line(s) missing` : '', stale > 0 ? `${stale} line(s) no longer true` : ''].filter(Boolean);
				report({
					file: codeownersFile,
					line: block.line,
					column: 1,
					messageId: 'outdated',
					data: { file: codeownersFile, changes: changes.join(', ') || 'lines in another order' },
				});
			},
		};
	},
});
