import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/build.ts';

// The editor's check of frontmatter (.remarkrc.mjs, read by the remark language server in VS
// Code) run here as the extension runs it: same plugins, same schemas, files named by their path.
async function lint(path: string, text: string): Promise<{ reason: string; line: number | undefined }[]> {
	const { default: config } = await import(join(repoRoot, '.remarkrc.mjs'));
	const processor = unified().use(remarkParse).use(config);
	const file = new VFile({ path: join(repoRoot, path), value: text, cwd: repoRoot });
	await processor.run(processor.parse(file), file);
	return file.messages.map((message) => ({ reason: String(message.reason), line: message.line }));
}

describe('frontmatter checks in the editor', () => {
	it('accept a shipped page', async () => {
		const path = 'content/practices/incident-management.md';
		expect(await lint(path, readFileSync(join(repoRoot, path), 'utf8'))).toEqual([]);
	});

	it('flag an unknown key and, at its line, a value outside an enum', async () => {
		const path = 'content/practices/incident-management.md';
		const text = readFileSync(join(repoRoot, path), 'utf8').replace('category: service', 'category: services').replace('owner:', 'ownr:');
		const messages = await lint(path, text);
		const lineOf = (prefix: string) => text.split('\n').findIndex((line) => line.startsWith(prefix)) + 1;
		// The plugin names no position for an unknown key (`handbook check` does, with a did-you-mean).
		expect(messages.map((message) => message.reason)).toContainEqual(expect.stringMatching(/^Must NOT have additional properties/));
		expect(messages).toContainEqual({ reason: expect.stringMatching(/^Must be equal to one of the allowed values: `general`, `service`, `technical`/), line: lineOf('category:') });
	});

	it('use the runbook schema for runbooks', async () => {
		const path = 'content/runbooks/payments-api/database-failover.md';
		const text = readFileSync(join(repoRoot, path), 'utf8').replace(/^escalation:[\s\S]*?(?=^lastReviewed)/m, '');
		expect((await lint(path, text)).map((message) => message.reason).join('\n')).toMatch(/required property 'escalation'/);
	});
});
