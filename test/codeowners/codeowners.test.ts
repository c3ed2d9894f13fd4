import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findManagedBlock, managedBlockLines, withManagedBlock } from '../../src/checks/codeowners.ts';
import { checkHandbook, loadHandbook } from '../../src/checks/index.ts';
import { repoRoot } from '../helpers/build.ts';
import { runCommand } from '../helpers/cli.ts';

const begin = '# BEGIN handbook-managed (npx handbook codeowners)';
const end = '# END handbook-managed';

const teams = `- id: smo
  name: Service Management Office
  contacts: { chat: "#smo" }
  github: "@org/smo"
- id: ops
  name: Operations
  contacts: { chat: "#ops" }
  github: "@org/ops"
`;
const page = (owner: string) => `---\ntitle: A page\nowner: ${owner}\n---\n\nText.\n`;

/** A small handbook in a temporary folder: the home page and policy name the handbook's owner. */
async function makeHandbook(files: Record<string, string> = {}): Promise<string> {
	const root = await mkdtemp(join(tmpdir(), 'handbook-codeowners-'));
	const all = {
		'content/teams.yaml': teams,
		'content/guides/index.md': page('smo'),
		'content/practices/incident-management.md': page('ops'),
		'content/runbooks/payments-api/Roll Back.md': page('ops'),
		'content/practices/unowned.md': page('nobody'),
		...files,
	};
	for (const [path, text] of Object.entries(all)) {
		await mkdir(dirname(join(root, path)), { recursive: true });
		await writeFile(join(root, path), text);
	}
	return root;
}

function handbookCli(root: string, ...args: string[]) {
	return runCommand(['codeowners', '--root', root, ...args], root);
}

async function codeownersDiagnostics(root: string, contentDir?: string) {
	const result = await checkHandbook({ root, contentDir, cache: false, today: '2026-11-22' });
	return result.files.flatMap((file) => file.messages).filter((message) => message.ruleId === 'codeowners');
}

describe('the managed block', () => {
	it("gives each page to its owner team's GitHub handle, sorted, and the data files to the handbook's owner", async () => {
		const graph = await loadHandbook({ root: await makeHandbook(), cache: false });
		expect(managedBlockLines(graph)).toEqual([
			begin,
			expect.stringMatching(/^# /),
			'/content/guides/index.md @org/smo',
			'/content/practices/incident-management.md @org/ops',
			'/content/runbooks/payments-api/Roll\\ Back.md @org/ops',
			'/content/teams.yaml @org/smo',
			end,
		]);
	});

	it("prefers the policy's defaultOwner as the handbook's owner", async () => {
		const root = await makeHandbook({ 'content/handbook.yaml': 'defaultOwner: ops\n' });
		const lines = managedBlockLines(await loadHandbook({ root, cache: false }));
		expect(lines).toContain('/content/teams.yaml @org/ops');
		expect(lines).toContain('/content/handbook.yaml @org/ops');
	});
});

describe('writing the block into CODEOWNERS', () => {
	const block = [begin, '/content/a.md @org/a', end];

	it('creates the file when there is none', () => {
		expect(withManagedBlock(undefined, block)).toBe(`${begin}\n/content/a.md @org/a\n${end}\n`);
	});

	it('replaces only the block, keeping every other byte (CRLF, trailing spaces, no final newline)', () => {
		const before = '# Our rules  \r\n*   @org/everyone\r\n\r\n';
		const after = '\r\n/docs/ @org/writers\t';
		const text = `${before}${begin}\r\n/content/old.md @org/old\r\n${end}${after}`;
		expect(withManagedBlock(text, block)).toBe(`${before}${block.join('\r\n')}${after}`);
	});

	it('appends the block after the existing lines, where it overrides broader patterns', () => {
		expect(withManagedBlock('* @org/everyone', block)).toBe(`* @org/everyone\n\n${block.join('\n')}\n`);
		expect(withManagedBlock('* @org/everyone\n', block)).toBe(`* @org/everyone\n\n${block.join('\n')}\n`);
	});

	it.each([
		['a BEGIN line without END', `${begin}\n/x @a\n`],
		['an END line before BEGIN', `${end}\n${begin}\n`],
		['two blocks', `${begin}\n${end}\n${begin}\n${end}\n`],
	])('refuses %s', (_, text) => {
		expect(findManagedBlock(text).kind).toBe('malformed');
		expect(() => withManagedBlock(text, block)).toThrow(/exactly one/);
	});
});

describe('npx handbook codeowners', () => {
	it('creates .github/CODEOWNERS, then --check passes', async () => {
		const root = await makeHandbook();
		expect((await handbookCli(root, '--check')).status).toBe(1);
		const created = await handbookCli(root);
		expect(created).toMatchObject({ status: 0, stdout: expect.stringContaining('created') });
		const text = await readFile(join(root, '.github/CODEOWNERS'), 'utf8');
		expect(text).toBe(`${managedBlockLines(await loadHandbook({ root, cache: false })).join('\n')}\n`);
		expect((await handbookCli(root, '--check')).status).toBe(0);
	});

	it('updates the block when an owner changes, keeping the lines around it byte for byte', async () => {
		const root = await makeHandbook();
		await handbookCli(root);
		const path = join(root, '.github/CODEOWNERS');
		const generated = await readFile(path, 'utf8');
		const before = '# Hand-written rules stay as they are.\r\n*  @org/everyone   \r\n\r\n';
		const after = '\r\n# after the block\r\n/public/ @org/web';
		await writeFile(path, `${before}${generated.trimEnd().replaceAll('\n', '\r\n')}${after}`);
		await writeFile(join(root, 'content/practices/incident-management.md'), page('smo'));

		const check = await handbookCli(root, '--check');
		expect(check.status).toBe(1);
		expect(check.stderr).toContain('run `npx handbook codeowners`');
		expect((await handbookCli(root)).stdout).toContain('updated');
		const updated = await readFile(path, 'utf8');
		expect(updated.startsWith(before)).toBe(true);
		expect(updated.endsWith(after)).toBe(true);
		expect(updated).toContain('/content/practices/incident-management.md @org/smo\r\n');
		expect((await handbookCli(root, '--check')).status).toBe(0);
	});

	it('exits 2 and changes nothing when the block is broken', async () => {
		const root = await makeHandbook({ '.github/CODEOWNERS': `${begin}\n/x @org/x\n` });
		expect((await handbookCli(root)).status).toBe(2);
		expect(await readFile(join(root, '.github/CODEOWNERS'), 'utf8')).toBe(`${begin}\n/x @org/x\n`);
	});
});

describe('the codeowners rule', () => {
	it('says nothing without a CODEOWNERS file, or with one that has no managed block', async () => {
		expect(await codeownersDiagnostics(await makeHandbook())).toEqual([]);
		expect(await codeownersDiagnostics(await makeHandbook({ '.github/CODEOWNERS': '* @org/everyone\n' }))).toEqual([]);
	});

	it('says nothing when the block is up to date', async () => {
		const root = await makeHandbook();
		await handbookCli(root);
		expect(await codeownersDiagnostics(root)).toEqual([]);
	});

	it('reports an out-of-date block at its BEGIN line, with the fix', async () => {
		const root = await makeHandbook();
		await handbookCli(root);
		const path = join(root, '.github/CODEOWNERS');
		await writeFile(path, `# Owners\n\n${await readFile(path, 'utf8')}`);
		await writeFile(join(root, 'content/practices/incident-management.md'), page('smo'));
		const [diagnostic, ...others] = await codeownersDiagnostics(root);
		expect(others).toEqual([]);
		expect(diagnostic).toMatchObject({
			file: '.github/CODEOWNERS',
			line: 3,
			column: 1,
			fatal: true,
			note: 'run npx handbook codeowners',
			message: expect.stringContaining('out of date'),
		});
	});

	it('leaves alone a block written for another handbook of the repository', async () => {
		const root = await makeHandbook({ 'fixture/teams.yaml': teams, 'fixture/guides/index.md': page('ops') });
		await handbookCli(root);
		expect(await codeownersDiagnostics(root, 'fixture')).toEqual([]);
	});

	it('reports a broken block', async () => {
		const [diagnostic] = await codeownersDiagnostics(await makeHandbook({ '.github/CODEOWNERS': `x\n${begin}\n` }));
		expect(diagnostic).toMatchObject({ line: 2, fatal: true, message: expect.stringContaining('exactly one') });
	});
});

describe("the repository's own CODEOWNERS", () => {
	it('is up to date with the shipped handbook', async () => {
		const text = await readFile(join(repoRoot, '.github/CODEOWNERS'), 'utf8');
		const block = findManagedBlock(text);
		expect(block.kind).toBe('found');
		expect(block.kind === 'found' && block.lines).toEqual(managedBlockLines(await loadHandbook({ root: repoRoot, cache: false })));
	});
});
