import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { checkHandbook, loadHandbook, messageIdOf, runRules } from '../../src/checks/index.ts';
import { fixtures, handbookWith, today } from './helpers.ts';

// The engine never stops on one bad file: whatever happens while reading, parsing or checking a
// file becomes a diagnostic on that file, and every other file is still checked.

const cli = fileURLToPath(new URL('../../src/cli/handbook.ts', import.meta.url));
const run = promisify(execFile);

async function handbook(args: string[], options: { obeyPermissions?: boolean } = {}) {
	// As root, permissions do not stop a read: run the command without the capabilities that skip
	// them. (Not as another user: the project may sit in a folder only its owner can enter.)
	const [command, prefix] = options.obeyPermissions
		? ['setpriv', ['--bounding-set', '-dac_override,-dac_read_search', process.execPath]]
		: [process.execPath, []];
	try {
		const { stdout, stderr } = await run(command, [...prefix, cli, ...args]);
		return { status: 0, stdout, stderr };
	} catch (error) {
		const failed = error as { code: number; stdout: string; stderr: string };
		return { status: failed.code, stdout: failed.stdout, stderr: failed.stderr };
	}
}

/** The diagnostics of a check as `rule/messageId file:line`, for a handbook with a file written into it. */
async function diagnosticsWith(files: Record<string, string>, options: { cache?: boolean } = {}) {
	const root = handbookWith();
	for (const [path, text] of Object.entries(files)) writeFileSync(join(root, path), text);
	if (options.cache) mkdirSync(join(root, 'node_modules'), { recursive: true });
	const check = async () => {
		const result = await checkHandbook({ root, today, cache: options.cache ?? false });
		return result.files.flatMap((file) => file.messages.map((message) => `${message.ruleId}/${messageIdOf(message)} ${file.path}:${message.line}`));
	};
	return { root, check };
}

describe('a handbook with a hostile or broken file', () => {
	it('checks a page with an empty frontmatter block twice, with the cache', async () => {
		const { check } = await diagnosticsWith({ 'content/guides/empty.md': '---\n---\n\n# Empty frontmatter\n\nSee [the start](getting-started.md).\n' }, { cache: true });
		const first = await check();
		expect(first).toEqual(['orphans/orphan content/guides/empty.md:1']);
		expect(await check()).toEqual(first);
	});

	it('checks blockquotes and lists nested thousands deep', async () => {
		const quotes = `${'>'.repeat(5000)} deep [link](missing.md)\n`;
		const list = Array.from({ length: 3000 }, (_, depth) => `${'  '.repeat(depth)}- level ${depth}`).join('\n');
		const { check } = await diagnosticsWith({
			'content/guides/quotes.md': `# Quotes\n\n${quotes}`,
			'content/guides/list.md': `# List\n\n${list}\n`,
		});
		expect(await check()).toEqual([
			'orphans/orphan content/guides/list.md:1',
			'orphans/orphan content/guides/quotes.md:1',
			'links/missingPage content/guides/quotes.md:3',
		]);
	});

	it('reports an MDX page that does not parse at its line, and checks the rest', async () => {
		const { check } = await diagnosticsWith({
			'content/guides/broken.mdx': '---\ntitle: Broken\n---\n\n# Broken\n\n<div>\n\nNever closed.\n',
			'content/guides/faq.md': '# FAQ\n\n[gone](/practises/)\n',
		});
		expect(await check()).toEqual([
			'orphans/orphan content/guides/broken.mdx:1',
			'mdx/mdx content/guides/broken.mdx:1',
			'fatal/unparsable content/guides/broken.mdx:7',
			'orphans/orphan content/guides/faq.md:1',
			'links/missingRoute content/guides/faq.md:3',
		]);
	});

	it('refuses symbolic links, and reports those leading out of the content folder or in a circle as errors', async () => {
		const root = handbookWith();
		symlinkSync('/etc/passwd', join(root, 'content/guides/passwd.md'));
		symlinkSync('loop-b.md', join(root, 'content/guides/loop-a.md'));
		symlinkSync('loop-a.md', join(root, 'content/guides/loop-b.md'));
		symlinkSync('getting-started.md', join(root, 'content/guides/again.md'));
		const result = await checkHandbook({ root, today, cache: false });
		const found = result.files.flatMap((file) => file.messages.map((message) => [messageIdOf(message), file.path, message.fatal]));
		expect(found).toEqual([
			['symlinkInside', 'content/guides/again.md', false],
			['symlinkLoop', 'content/guides/loop-a.md', true],
			['symlinkLoop', 'content/guides/loop-b.md', true],
			['symlinkOutside', 'content/guides/passwd.md', true],
		]);
		expect(result.graph.entries.map((entry) => entry.contentPath)).not.toContain('guides/passwd.md');
	});

	it('names an unreadable folder and file, and checks the rest', async () => {
		const root = mkdtempSync(join(tmpdir(), 'handbook-unreadable-'));
		cpSync(join(fixtures, 'base'), root, { recursive: true });
		mkdirSync(join(root, 'content/guides/locked'));
		writeFileSync(join(root, 'content/guides/locked/inside.md'), '# Inside\n');
		writeFileSync(join(root, 'content/guides/secret.md'), '# Secret\n');
		writeFileSync(join(root, 'content/guides/faq.md'), '# FAQ\n\n[gone](/practises/)\n');
		chmodSync(join(root, 'content/guides/locked'), 0o000);
		chmodSync(join(root, 'content/guides/secret.md'), 0o000);
		chmodSync(root, 0o755);
		const asRoot = process.getuid?.() === 0;
		if (asRoot && spawnSync('setpriv', ['--version']).status !== 0) throw new Error('setpriv is needed to run this test as root');
		const { status, stdout, stderr } = await handbook(['check', '--root', root, '--today', today, '--no-cache', '--format', 'json'], {
			obeyPermissions: asRoot,
		});
		expect(stderr).toBe('');
		expect(status).toBe(1);
		const diagnostics = (JSON.parse(stdout) as { file: string; ruleId: string; messageId: string }[]).map(
			(diagnostic) => `${diagnostic.ruleId}/${diagnostic.messageId} ${diagnostic.file}`,
		);
		expect(diagnostics).toEqual([
			'orphans/orphan content/guides/faq.md',
			'links/missingRoute content/guides/faq.md',
			'files/unreadableFolder content/guides/locked',
			'fatal/unreadable content/guides/secret.md',
			'orphans/orphan content/guides/secret.md',
		]);
	});

	it('says in one line that a content folder does not exist', async () => {
		const missing = join(tmpdir(), 'no-such-handbook-here');
		const { status, stdout, stderr } = await handbook(['check', '--root', missing, '--no-cache']);
		expect(status).toBe(2);
		expect(stdout).toBe('');
		expect(stderr).toBe(`handbook check: the content folder ${missing}/content does not exist: create it, or name another with --root or HANDBOOK_CONTENT\n`);
	});
});

describe('a rule that fails on one file', () => {
	it('is reported on that file, and every other file is still checked', async () => {
		const root = handbookWith('links');
		const graph = await loadHandbook({ root, today, cache: false });
		const victim = graph.byRoute.get('/practices/incident-management/')!;
		// Links that are not a list make the `links` rule throw on this page only.
		(victim as { links: unknown }).links = 42;
		const { files } = runRules(graph);
		const found = files.flatMap((file) => file.messages.map((message) => `${message.ruleId}/${messageIdOf(message)} ${file.path}`));
		expect(found).toContain('fatal/rule-failed content/practices/incident-management.md');
		expect(found.filter((line) => line.startsWith('links/'))).toHaveLength(12);
	});
});

describe('a handbook with more pages than the process may open files', () => {
	it('is read a few files at a time: every page is checked, none is reported unreadable', async () => {
		const { generateHandbook, generatorToday, writeHandbook } = await import('../../scripts/generate-handbook.ts');
		const root = mkdtempSync(join(tmpdir(), 'handbook-files-'));
		writeHandbook(join(root, 'content'), generateHandbook(600, 1), '600 generated pages');
		// 600 pages, and at most 150 open files: reading them all at once fails with EMFILE.
		const checked = spawnSync('bash', ['-c', `ulimit -n 150 && exec "${process.execPath}" "${cli}" check --root "${root}" --today ${generatorToday} --no-cache --format json`], {
			encoding: 'utf8',
			maxBuffer: 64 * 1024 * 1024,
		});
		const findings = JSON.parse(checked.stdout) as { ruleId: string; message: string }[];
		expect(findings.filter((finding) => finding.ruleId === 'fatal').map((finding) => finding.message)).toEqual([]);
		expect(findings).toEqual([]);
		expect(checked.status).toBe(0);
	}, 120_000);
});
