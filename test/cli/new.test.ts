import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsYaml from 'js-yaml';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { checkHandbook } from '../../src/checks/index.ts';
import { check, diagnosticsOf, handbookWith, today } from '../checks/helpers.ts';
import { runCommand } from '../helpers/cli.ts';
import { dropTemplateNote } from '../../src/cli/scaffold.ts';

const shippedContent = fileURLToPath(new URL('../../content/', import.meta.url));

/** Runs `handbook new ...` in a handbook's root, on the test date. */
function handbookNew(root: string, args: string[]) {
	return runCommand(['new', ...args, '--today', today], root);
}

/** A temporary copy of the handbook this repository ships. */
function shippedHandbook(): string {
	const root = mkdtempSync(join(tmpdir(), 'handbook-new-'));
	roots.push(root);
	cpSync(shippedContent, join(root, 'content'), { recursive: true });
	return root;
}
const roots: string[] = [];
afterAll(() => {
	for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function frontmatterOf(path: string): Record<string, unknown> {
	return jsYaml.load(/^---\n([\s\S]*?)\n---\n/.exec(readFileSync(path, 'utf8'))![1]!) as Record<string, unknown>;
}

/** Every file under the content folder, to show that nothing was written. */
function contentFiles(root: string): string[] {
	return readdirSync(join(root, 'content'), { recursive: true, encoding: 'utf8' }).sort();
}

describe('handbook new, in a repository with a managed CODEOWNERS block', () => {
	it('adds the new page to the block, keeping the other lines, so the check still passes', async () => {
		const root = shippedHandbook();
		const repoCodeowners = fileURLToPath(new URL('../../.github/CODEOWNERS', import.meta.url));
		cpSync(repoCodeowners, join(root, '.github/CODEOWNERS'), { recursive: true });
		const before = readFileSync(join(root, '.github/CODEOWNERS'), 'utf8');
		expect(diagnosticsOf(await check(root))).toEqual([]);
		const result = await handbookNew(root, ['runbook', '--service', 'payments-api', '--owner', 'payments-team', '--title', 'Drain a node']);
		expect(result).toMatchObject({ status: 0, stdout: expect.stringContaining('Updated the handbook-managed block of .github/CODEOWNERS') });
		const after = readFileSync(join(root, '.github/CODEOWNERS'), 'utf8');
		expect(after).toContain('/content/runbooks/payments-api/drain-a-node.md @example-org/payments');
		expect(after.split('\n')[0]).toBe(before.split('\n')[0]);
		expect(diagnosticsOf(await check(root))).toEqual([]);
	});
});

describe('handbook new, on the shipped handbook', () => {
	it('writes pages of every kind that pass the check as written', async () => {
		const root = shippedHandbook();
		const gold = await handbookNew(root, [
			'readiness',
			'--template',
			'service-readiness-gold',
			'--service',
			'payments-api',
			'--tier',
			'gold',
			'--release-date',
			'2027-01-20',
		]);
		expect(gold).toMatchObject({ status: 0, stdout: expect.stringContaining('Wrote content/readiness/payments-api/2026-11-22-gold.md') });
		expect(gold.stdout).toContain('npx handbook check content/readiness/payments-api/2026-11-22-gold.md');
		const hypercare = await handbookNew(root, [
			'readiness',
			'--template',
			'hypercare-plan',
			'--service',
			'payments-api',
			'--owner',
			'release-engineering',
			'--release',
			'provider-switch-hypercare',
		]);
		expect(hypercare.status).toBe(0);
		const runbook = await handbookNew(root, [
			'runbook',
			'--service',
			'payments-api',
			'--owner',
			'payments-team',
			'--title',
			'Drain the payment queue',
		]);
		expect(runbook).toMatchObject({
			status: 0,
			stdout: expect.stringContaining('content/runbooks/payments-api/drain-the-payment-queue.md'),
		});
		const practice = await handbookNew(root, [
			'practice',
			'--title',
			'Service sustainability management',
			'--category',
			'general',
			'--owner',
			'service-management-office',
			'--process-owner',
			'Amara Lindqvist',
			'--process-manager',
			'Tomasz Wren',
		]);
		expect(practice).toMatchObject({
			status: 0,
			stdout: expect.stringContaining('content/practices/service-sustainability-management.md'),
		});

		expect(diagnosticsOf(await check(root))).toEqual([]);
	});

	it('copies a readiness template for one service, its links rebased to the new folder', async () => {
		const root = shippedHandbook();
		await handbookNew(root, ['readiness', '--template', 'service-readiness-gold', '--service', 'payments-api', '--release-date', '2027-01-20']);
		const path = join(root, 'content/readiness/payments-api/2026-11-22-gold.md');
		const template = frontmatterOf(join(root, 'content/readiness/service-readiness-gold.md'));
		expect(frontmatterOf(path)).toEqual({
			title: 'payments-api release readiness (gold)',
			summary: 'To fill in: what this release changes for payments-api, in one sentence.',
			kind: 'service-readiness',
			tier: 'gold',
			// The owner of the payments-api service, as no --owner was given.
			owner: 'payments-team',
			service: 'payments-api',
			releaseDate: new Date('2027-01-20'),
			status: 'planned',
			sections: template.sections,
			checklist: template.checklist,
			lastReviewed: new Date('2026-11-22'),
		});
		const text = readFileSync(path, 'utf8');
		expect(text).toContain('[hypercare plan](../hypercare-plan.md)');
		expect(text).toContain('[change enablement](../../practices/change-enablement.md)');
		expect(text).toContain('[key dates and times](#key-dates-and-times)');
		expect(text).not.toContain('](../practices/');
		// The template's instructions to its readers stay in the template, not in the copy.
		expect(text).not.toContain('Using this template');
		expect(text).not.toContain('Do not edit this page to plan a release');
		expect(text.split('\n---\n')[1]!.trimStart().startsWith('## Principles')).toBe(true);
		expect(readFileSync(join(root, 'content/readiness/service-readiness-gold.md'), 'utf8')).toContain(':::note[Using this template]');
	});

	it('drops the instructions from a copy of every shipped template, and nothing else', async () => {
		const root = shippedHandbook();
		const templates = readdirSync(join(root, 'content/readiness')).filter((name) => name.endsWith('.md'));
		expect(templates.length).toBeGreaterThan(5);
		for (const name of templates) {
			const template = name.replace(/\.md$/, '');
			const original = readFileSync(join(root, 'content/readiness', name), 'utf8');
			const releaseDate = /^kind: service-readiness$/m.test(original) ? ['--release-date', '2027-01-20'] : [];
			const result = await handbookNew(root, ['readiness', '--template', template, '--service', 'payments-api', '--release', `copy-of-${template}`, ...releaseDate]);
			expect(result.status, result.stderr).toBe(0);
			const copy = readFileSync(join(root, `content/readiness/payments-api/copy-of-${template}.md`), 'utf8');
			expect(copy, name).not.toContain(':::note[Using this template]');
			// Every heading of the template is still there.
			expect(copy.match(/^#+ .+$/gm), name).toEqual(original.match(/^#+ .+$/gm));
		}
		expect(diagnosticsOf(await check(root))).toEqual([]);
	});

	it('writes a runbook with valid frontmatter, the required sections and an example command', async () => {
		const root = shippedHandbook();
		await handbookNew(root, ['runbook', '--service', 'payments-api', '--owner', 'payments-team', '--title', 'Drain the payment queue']);
		const path = join(root, 'content/runbooks/payments-api/drain-the-payment-queue.md');
		expect(frontmatterOf(path)).toMatchObject({
			title: 'Drain the payment queue',
			service: 'payments-api',
			owner: 'payments-team',
			practice: 'incident-management',
			escalation: [{ team: 'payments-team', when: expect.any(String) }],
			symptoms: [expect.any(String)],
			lastReviewed: new Date('2026-11-22'),
		});
		const text = readFileSync(path, 'utf8');
		expect(text.match(/^## .+$/gm)).toEqual(['## Symptoms', '## Diagnosis', '## Mitigation', '## Escalation', '## Rollback']);
		expect(text).toContain('```sh\n');
	});

	it('writes a practice whose RACI table has the process roles and one A per activity', async () => {
		const root = shippedHandbook();
		await handbookNew(root, [
			'practice',
			'--title',
			'Service sustainability management',
			'--category',
			'general',
			'--owner',
			'service-management-office',
			'--process-owner',
			'Amara Lindqvist',
			'--process-manager',
			'Tomasz Wren',
		]);
		const path = join(root, 'content/practices/service-sustainability-management.md');
		expect(frontmatterOf(path)).toMatchObject({
			category: 'general',
			owner: 'service-management-office',
			processOwner: { name: 'Amara Lindqvist', team: 'service-management-office' },
			processManager: { name: 'Tomasz Wren', team: 'service-management-office' },
		});
		const rows = readFileSync(path, 'utf8').match(/^\|.+\|$/gm)!;
		expect(rows[0]).toBe('| Activity | Process owner | Process manager | Process practitioner |');
		for (const row of rows.slice(2)) expect(row.split('|').filter((cell) => /\bA\b/.test(cell))).toHaveLength(1);
	});

	it('takes no --tier for a template that is not a service readiness template', async () => {
		const root = shippedHandbook();
		const before = contentFiles(root);
		const { status, stderr } = await handbookNew(root, [
			'readiness',
			'--template',
			'hypercare-plan',
			'--service',
			'payments-api',
			'--tier',
			'gold',
		]);
		expect(status).toBe(1);
		expect(stderr).toContain('--tier is for service readiness templates; hypercare-plan is a hypercare template');
		expect(contentFiles(root)).toEqual(before);
	});
});

describe('handbook new, on a small handbook', () => {
	it('writes the sections the policy requires', async () => {
		const root = handbookWith();
		writeFileSync(
			join(root, 'content/handbook.yaml'),
			'defaultOwner: ops-team\nrules:\n  structure:\n    requiredSections:\n      runbooks: [Symptoms, Mitigation, Verification]\n      practices: [Purpose, RACI, Metrics]\n',
		);
		expect(
			(await handbookNew(root, ['runbook', '--service', 'web-shop', '--owner', 'shop-team', '--title', 'Clear the cache'])).status,
		).toBe(0);
		const args = ['--category', 'service', '--owner', 'ops-team', '--process-owner', 'Ada Example', '--process-manager', 'Bo Example'];
		expect((await handbookNew(root, ['practice', '--title', 'Service desk', ...args])).status).toBe(0);
		expect((await handbookNew(root, ['readiness', '--template', 'release-gold', '--service', 'web-shop', '--release-date', '2027-01-20'])).status).toBe(0);

		const runbook = readFileSync(join(root, 'content/runbooks/web-shop/clear-the-cache.md'), 'utf8');
		expect(runbook.match(/^## .+$/gm)).toEqual(['## Symptoms', '## Mitigation', '## Verification']);
		expect(frontmatterOf(join(root, 'content/readiness/web-shop/2026-11-22-gold.md'))).toMatchObject({ owner: 'shop-team' });
		// The pages that were there before this policy lack its new sections; the new ones do not.
		const written = ['content/runbooks/web-shop/clear-the-cache.md', 'content/practices/service-desk.md', 'content/readiness/web-shop'];
		expect(diagnosticsOf(await check(root, { paths: written }))).toEqual([]);
	});

	it('never overwrites a file, and names it', async () => {
		const root = handbookWith();
		const args = ['runbook', '--service', 'web-shop', '--owner', 'shop-team', '--title', 'Restart web'];
		const path = join(root, 'content/runbooks/web-shop/restart-web.md');
		const before = readFileSync(path, 'utf8');
		const { status, stdout, stderr } = await handbookNew(root, args);
		expect({ status, stdout }).toEqual({ status: 1, stdout: '' });
		expect(stderr).toContain('content/runbooks/web-shop/restart-web.md already exists');
		expect(stderr).toContain('nothing was written');
		expect(readFileSync(path, 'utf8')).toBe(before);

		const readiness = ['readiness', '--template', 'release-gold', '--service', 'web-shop', '--release-date', '2027-01-20'];
		expect((await handbookNew(root, readiness)).status).toBe(0);
		const copy = join(root, 'content/readiness/web-shop/2026-11-22-gold.md');
		writeFileSync(copy, `${readFileSync(copy, 'utf8')}\nFilled in by the team.\n`);
		const filled = readFileSync(copy, 'utf8');
		expect(await handbookNew(root, readiness)).toMatchObject({
			status: 1,
			stderr: expect.stringContaining('2026-11-22-gold.md already exists'),
		});
		expect(readFileSync(copy, 'utf8')).toBe(filled);
	});

	it('refuses a file name that another file already serves as the same page', async () => {
		const root = handbookWith();
		cpSync(join(root, 'content/runbooks/web-shop/restart-web.md'), join(root, 'content/runbooks/web-shop/Clear Cache.md'));
		const { status, stderr } = await handbookNew(root, [
			'runbook',
			'--service',
			'web-shop',
			'--owner',
			'shop-team',
			'--title',
			'Clear cache',
		]);
		expect(status).toBe(1);
		expect(stderr).toContain('content/runbooks/web-shop/Clear Cache.md is already the page /runbooks/web-shop/Clear-Cache/');
		expect(existsSync(join(root, 'content/runbooks/web-shop/clear-cache.md'))).toBe(false);
	});

	it('suggests the id meant on a typo, and writes nothing', async () => {
		const root = handbookWith();
		const files = contentFiles(root);
		const typos: [string[], string][] = [
			[['runbook', '--service', 'web-shop', '--owner', 'shop-tema', '--title', 'X'], 'unknown team "shop-tema"; did you mean "shop-team"?'],
			[
				['runbook', '--service', 'web-shop', '--owner', 'shop-team', '--title', 'X', '--practice', 'incident-managment'],
				'unknown practice "incident-managment"; did you mean "incident-management"?',
			],
			[
				['runbook', '--service', 'web-shop', '--owner', 'shop-team', '--title', 'X', '--escalate', 'ops-teem'],
				'unknown team "ops-teem"; did you mean "ops-team"?',
			],
			[
				['readiness', '--template', 'release-gld', '--service', 'web-shop'],
				'unknown readiness template "release-gld"; did you mean "release-gold"?',
			],
			[
				['readiness', '--template', 'release-gold', '--service', 'web-shop', '--tier', 'silvr'],
				'unknown tier "silvr"; did you mean "silver"?',
			],
			[
				['practice', '--title', 'X', '--category', 'servce', '--owner', 'ops-team', '--process-owner', 'A', '--process-manager', 'B'],
				'unknown category "servce"; did you mean "service"?',
			],
		];
		for (const [args, message] of typos) {
			const { status, stderr } = await handbookNew(root, args);
			expect({ args, status, stderr }).toEqual({ args, status: 1, stderr: expect.stringContaining(message) });
		}
		expect(contentFiles(root)).toEqual(files);
	});

	it('takes only a service of the catalogue, with a suggestion for a typo', async () => {
		const root = handbookWith();
		const files = contentFiles(root);
		for (const args of [
			['readiness', '--template', 'release-gold', '--service', 'web-shp', '--release-date', '2027-01-20'],
			['runbook', '--service', 'web-shp', '--owner', 'shop-team', '--title', 'X'],
		]) {
			const { status, stderr } = await handbookNew(root, args);
			expect(status).toBe(1);
			expect(stderr).toContain('unknown service "web-shp"; did you mean "web-shop"? A new service needs its entry first: content/services/web-shp.md');
		}
		expect(contentFiles(root)).toEqual(files);
	});

	it('puts a service readiness record on the release board: a release date, and status planned', async () => {
		const root = handbookWith();
		const without = await handbookNew(root, ['readiness', '--template', 'release-gold', '--service', 'web-shop']);
		expect(without).toMatchObject({ status: 1, stderr: expect.stringContaining('--release-date YYYY-MM-DD') });
		const wrong = await handbookNew(root, ['readiness', '--template', 'release-gold', '--service', 'web-shop', '--release-date', '2027-02-30']);
		expect(wrong).toMatchObject({ status: 1, stderr: expect.stringContaining('--release-date "2027-02-30": write the date as YYYY-MM-DD') });
		expect((await handbookNew(root, ['readiness', '--template', 'release-gold', '--service', 'web-shop', '--release-date', '2027-01-20'])).status).toBe(0);
		const record = frontmatterOf(join(root, 'content/readiness/web-shop/2026-11-22-gold.md'));
		expect(record).toMatchObject({ service: 'web-shop', owner: 'shop-team', status: 'planned' });
		expect(record.releaseDate).toEqual(new Date('2027-01-20T00:00:00Z'));
		expect(diagnosticsOf(await check(root))).toEqual([]);
	});

	it('exits 2 on a usage error', async () => {
		const root = handbookWith();
		expect(await handbookNew(root, [])).toMatchObject({ status: 2, stderr: expect.stringContaining('name the kind of page') });
		expect(await handbookNew(root, ['runbok'])).toMatchObject({ status: 2, stderr: expect.stringContaining('did you mean "runbook"?') });
		expect(await handbookNew(root, ['runbook', '--service', 'web-shop'])).toMatchObject({
			status: 2,
			stderr: expect.stringContaining('a runbook needs --owner, --title'),
		});
		expect(await handbookNew(root, ['practice', '--tier', 'gold'])).toMatchObject({
			status: 2,
			stderr: expect.stringContaining('--tier does not apply to a practice'),
		});
	});

	it('makes one file name of a title, whatever separates its words', async () => {
		const root = handbookWith();
		const cases: [string, string][] = [
			['Database   failover!!', 'database-failover'],
			['  Restart the API -- now ', 'restart-the-api-now'],
			["Don't panic: 5xx at the edge", 'dont-panic-5xx-at-the-edge'],
			['Überlauf der Warteschlange prüfen', 'uberlauf-der-warteschlange-prufen'],
			['Straße sperren, Ærø umleiten', 'strasse-sperren-aero-umleiten'],
		];
		for (const [title, name] of cases) {
			const result = await handbookNew(root, ['runbook', '--service', 'web-shop', '--owner', 'shop-team', '--title', title]);
			expect({ title, status: result.status }).toEqual({ title, status: 0 });
			const path = join(root, `content/runbooks/web-shop/${name}.md`);
			// The title stays as written, accents and all; only the file name is plain.
			expect(frontmatterOf(path).title).toBe(title);
		}
		expect(diagnosticsOf(await check(root, { paths: ['content/runbooks/web-shop'] }))).toEqual([]);
	});

	it('takes the file name from --file, which a title without letters a-z needs', async () => {
		const root = handbookWith();
		const runbook = ['runbook', '--service', 'web-shop', '--owner', 'shop-team', '--title', 'キャッシュを消去する'];
		expect(await handbookNew(root, runbook)).toMatchObject({
			status: 1,
			stderr: expect.stringContaining('has no letters a-z or digits to make a file name of: name the file with --file <name>'),
		});
		expect(await handbookNew(root, [...runbook, '--file', 'clear-cache-ja.md'])).toMatchObject({ status: 0 });
		expect(frontmatterOf(join(root, 'content/runbooks/web-shop/clear-cache-ja.md')).title).toBe('キャッシュを消去する');
		const practice = ['--category', 'service', '--owner', 'ops-team', '--process-owner', 'A', '--process-manager', 'B'];
		expect(await handbookNew(root, ['practice', '--title', 'Demand management', '--file', 'demand', ...practice])).toMatchObject({ status: 0 });
		expect(existsSync(join(root, 'content/practices/demand.md'))).toBe(true);
		expect(await handbookNew(root, [...runbook, '--file', 'Clear Cache'])).toMatchObject({
			status: 1,
			stderr: expect.stringContaining('--file "Clear Cache": use lower-case letters, digits and hyphens'),
		});
		expect(await handbookNew(root, ['readiness', '--template', 'release-gold', '--service', 'web-shop', '--file', 'x'])).toMatchObject({
			status: 2,
			stderr: expect.stringContaining('--file does not apply to a readiness'),
		});
		expect(diagnosticsOf(await check(root, { paths: ['content/runbooks/web-shop', 'content/practices/demand.md'] }))).toEqual([]);
	});

	it("dates a new page by the system clock, not by the last commit, which still dates the check", async () => {
		const root = handbookWith();
		const git = (...args: string[]) =>
			execFileSync('git', args, {
				cwd: root,
				env: { ...process.env, GIT_AUTHOR_DATE: '2020-01-02T10:00:00Z', GIT_COMMITTER_DATE: '2020-01-02T10:00:00Z' },
			});
		git('init', '-q');
		git('add', '.');
		git('-c', 'user.name=T', '-c', 'user.email=t@example.invalid', 'commit', '-qm', 'old content');
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(new Date(2031, 4, 6, 12));
		vi.stubEnv('HANDBOOK_TODAY', '');
		try {
			const result = await runCommand(['new', 'readiness', '--template', 'release-gold', '--service', 'web-shop', '--release-date', '2031-06-01'], root);
			expect(result).toMatchObject({ status: 0, stdout: expect.stringContaining('content/readiness/web-shop/2031-05-06-gold.md') });
			expect(frontmatterOf(join(root, 'content/readiness/web-shop/2031-05-06-gold.md')).lastReviewed).toEqual(new Date('2031-05-06'));
			// Checking is still dated by the commit: the review deadlines of 2020 apply.
			expect((await checkHandbook({ root, cache: false })).today).toBe('2020-01-02');
		} finally {
			vi.useRealTimers();
			vi.unstubAllEnvs();
		}
	});

	it('explains every kind and option', async () => {
		const { status, stdout } = await handbookNew(handbookWith(), ['--help']);
		expect(status).toBe(0);
		for (const word of ['readiness', 'runbook', 'practice', '--template', '--service', '--tier', '--owner', '--release', '--title'])
			expect(stdout).toContain(word);
		for (const word of ['--practice', '--escalate', '--category', '--process-owner', '--process-manager', '--file', '--today', '--root'])
			expect(stdout).toContain(word);
	});
});

describe('dropTemplateNote', () => {
	const note = [':::note[Using this template]', 'Copy me with `handbook new`.', ':::'];

	it('drops the one instructions block and the blank lines after it', () => {
		expect(dropTemplateNote(['', ...note, '', '', '## Scope', 'Text.'].join('\n'))).toBe(['', '## Scope', 'Text.'].join('\n'));
	});

	it('ends the block at its own closing line, not at one in a code fence or a nested directive inside it', () => {
		const body = [
			':::note[Using this template]',
			'```md',
			':::',
			'```',
			':::tip[Nested]',
			'Inner.',
			':::',
			'Still the note.',
			':::',
			'## Scope',
		].join('\n');
		expect(dropTemplateNote(body)).toBe('## Scope');
	});

	it('keeps an example of the block inside a code fence, and everything else as written', () => {
		const fenced = ['## How templates look', '````md', ...note, '````', '', ':::note[Other]', 'Kept.', ':::'].join('\n');
		expect(dropTemplateNote(fenced)).toBe(fenced);
		expect(dropTemplateNote('## Scope\n')).toBe('## Scope\n');
		// An unclosed block is left alone rather than swallowing the page.
		expect(dropTemplateNote([':::note[Using this template]', 'Text', '## Scope'].join('\n'))).toBe(
			[':::note[Using this template]', 'Text', '## Scope'].join('\n'),
		);
	});
});
