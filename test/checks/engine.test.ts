import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkHandbook, defaultPolicy, loadHandbook, reviewStatus, rules } from '../../src/checks/index.ts';
import { resolveToday } from '../../src/core/today.ts';
import { check, diagnosticsOf, handbookWith, today } from './helpers.ts';

describe('content graph', () => {
	it('holds every page with its route, title, owner, anchors and links', async () => {
		const graph = await loadHandbook({ root: handbookWith(), cache: false });
		expect(graph.entries.map((entry) => [entry.collection, entry.id, entry.route])).toEqual([
			['docs', 'getting-started', '/getting-started/'],
			['docs', 'index', '/'],
			['practices', 'incident-management', '/practices/incident-management/'],
			['practices', 'problem-management', '/practices/problem-management/'],
			['readiness', 'release-gold', '/readiness/release-gold/'],
			['roles', 'process-manager', '/roles/process-manager/'],
			['roles', 'process-owner', '/roles/process-owner/'],
			['roles', 'process-practitioner', '/roles/process-practitioner/'],
			['runbooks', 'web-shop/restart-web', '/runbooks/web-shop/restart-web/'],
			['services', 'web-shop', '/services/web-shop/'],
		]);
		const guide = graph.byRoute.get('/getting-started/')!;
		expect(guide).toMatchObject({
			title: 'Getting started',
			owner: 'ops-team',
			ownerInherited: true,
			file: 'content/guides/getting-started.md',
		});
		expect(guide.data).toMatchObject({ title: 'Getting started', template: 'doc' });
		const practice = graph.byId.get('practices:incident-management')!;
		expect([...practice.anchors]).toEqual(['_top', 'top', 'purpose', 'key-activities', 'raci']);
		expect(practice.headings[2]).toEqual({ depth: 2, text: 'RACI', slug: 'raci', line: 25, column: 1 });
		expect(practice.references).toEqual([
			{ collection: 'teams', id: 'ops-team', path: ['owner'] },
			{ collection: 'teams', id: 'ops-team', path: ['processOwner', 'team'] },
			{ collection: 'teams', id: 'shop-team', path: ['processManager', 'team'] },
			{ collection: 'practices', id: 'problem-management', path: ['related', 0] },
		]);
		expect([...practice.linkedFrom].sort()).toEqual([
			'/getting-started/',
			'/practices/problem-management/',
			'/roles/process-manager/',
			'/roles/process-owner/',
			'/roles/process-practitioner/',
		]);
		const runbook = graph.byId.get('runbooks:web-shop/restart-web')!;
		// Links in code blocks and inline code are not links.
		expect(runbook.links.map((link) => [link.kind, link.url])).toEqual([
			['image', '/images/diagram.png'],
			['link', '../../roles/process-owner.md'],
		]);
		expect(graph.generatedRoutes).toContain('/runbooks/web-shop/');
		expect(graph.teams.map((team) => team.id)).toEqual(['ops-team', 'shop-team']);
		expect(graph.policy.defaultOwner).toBe('ops-team');
	});

	it('counts a reference definition as a link only when it is used', async () => {
		const graph = await loadHandbook({ root: handbookWith('orphans'), cache: false });
		const friend = graph.byRoute.get('/friend/')!;
		expect(friend.links).toMatchObject([{ kind: 'definition', url: 'lonely.md', used: false }]);
		expect(graph.byRoute.get('/lonely/')!.linkedFrom.size).toBe(0);
		expect(graph.byRoute.get('/getting-started/')!.linkedFrom).toEqual(new Set(['/']));
	});

	it('gives each practice its RACI table as a fact', async () => {
		const graph = await loadHandbook({ root: handbookWith(), cache: false });
		expect(graph.entries.filter((entry) => entry.raci).map((entry) => entry.id)).toEqual(['incident-management', 'problem-management']);
		expect(graph.byId.get('practices:incident-management')!.raci).toEqual({
			file: 'content/practices/incident-management.md',
			line: 27,
			columns: ['Process owner', 'Process manager', 'Process practitioner'],
			rows: [
				{
					activity: 'Define the policy',
					line: 29,
					cells: { 'Process owner': ['A', 'R'], 'Process manager': ['C'], 'Process practitioner': ['I'] },
				},
				{
					activity: 'Restore service',
					line: 30,
					cells: { 'Process owner': ['I'], 'Process manager': ['A'], 'Process practitioner': ['R'] },
				},
			],
		});
	});

	it('keeps the valid settings of an invalid handbook.yaml', async () => {
		const graph = await loadHandbook({ root: handbookWith('schema'), cache: false });
		expect(graph.policy.defaultOwner).toBe('ops-team');
		expect(graph.policy.freshness.errorFactor).toBe(defaultPolicy(rules).freshness.errorFactor);
	});
});

describe('paths', () => {
	it('limit the files reported, while links still resolve against the whole handbook', async () => {
		const root = handbookWith('mixed');
		const result = await check(root, { paths: ['content/guides', join(root, 'content/teams.yaml')] });
		expect(result.files.map((file) => file.path)).toEqual([
			'content/guides/bad-yaml.md',
			'content/guides/faq.md',
			'content/guides/getting-started.md',
			'content/guides/index.md',
			'content/teams.yaml',
		]);
		expect(diagnosticsOf(result).map(([rule, file]) => `${rule} ${file}`)).toEqual([
			'orphans/orphan content/guides/bad-yaml.md',
			'schema/invalidYaml content/guides/bad-yaml.md',
			'orphans/orphan content/guides/faq.md',
			'schema/unknownKey content/guides/faq.md',
			'links/missingAnchor content/guides/faq.md',
			'ownership/noContact content/teams.yaml',
			'schema/invalid content/teams.yaml',
			'references/duplicateTeam content/teams.yaml',
		]);
		expect([result.errorCount, result.warningCount]).toEqual([6, 2]);
	});
});

describe('parse cache', () => {
	it('reuses the parse of unchanged files and parses changed ones again', async () => {
		const root = handbookWith();
		mkdirSync(join(root, 'node_modules'));
		const cold = await checkHandbook({ root, today });
		expect(cold.errorCount).toBe(0);
		const cacheDir = join(root, 'node_modules/.cache/handbook');
		const [cacheFile] = readdirSync(cacheDir);
		const cachePath = join(cacheDir, cacheFile!);
		const cache = JSON.parse(readFileSync(cachePath, 'utf8'));
		expect(Object.keys(cache.pages)).toHaveLength(10);

		// Tamper with the cached parse of the practices: a warm run must use it, so links to them break.
		for (const page of Object.values(cache.pages as Record<string, { markdown: { headings: { slug: string }[] } }>)) {
			if (!page.markdown.headings.some((heading) => heading.slug === 'raci')) continue;
			for (const heading of page.markdown.headings) heading.slug = `${heading.slug}-cached`;
		}
		writeFileSync(cachePath, JSON.stringify(cache));
		const warm = await checkHandbook({ root, today });
		expect(warm.errorCount).toBe(5); // the links to #raci and #key-activities

		// Any change to the file makes a new hash: it is parsed again and the links resolve.
		for (const page of ['incident-management', 'problem-management'])
			appendFileSync(join(root, `content/practices/${page}.md`), '\nEdited.\n');
		const edited = await checkHandbook({ root, today });
		expect(edited.errorCount).toBe(0);
		expect(Object.keys(JSON.parse(readFileSync(cachePath, 'utf8')).pages)).toHaveLength(10);
	});

	it('keeps dates in frontmatter as dates', async () => {
		const root = handbookWith('freshness');
		mkdirSync(join(root, 'node_modules'));
		const cold = await checkHandbook({ root, today });
		const warm = await checkHandbook({ root, today });
		expect(diagnosticsOf(warm)).toEqual(diagnosticsOf(cold));
		expect(warm.graph.byRoute.get('/')!.raw.lastReviewed).toBeInstanceOf(Date);
	});
});

describe('resolveToday', () => {
	it('takes the explicit date, then HANDBOOK_TODAY, then the HEAD commit date', () => {
		expect(resolveToday({ today: '2026-01-02', env: { HANDBOOK_TODAY: '2026-03-04' } })).toBe('2026-01-02');
		expect(resolveToday({ env: { HANDBOOK_TODAY: '2026-03-04' } })).toBe('2026-03-04');
		const repo = new URL('../..', import.meta.url).pathname;
		const headDate = execFileSync('git', ['log', '-1', '--format=%cs'], { cwd: repo, encoding: 'utf8' }).trim();
		expect(resolveToday({ root: repo, env: {} })).toBe(headDate);
	});

	it('falls back to the system date outside git', () => {
		const now = new Date();
		const local = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
		expect(resolveToday({ root: mkdtempSync(join(tmpdir(), 'no-git-')), env: {} })).toBe(local);
	});

	it('refuses what is not a date', () => {
		expect(() => resolveToday({ today: '2026-02-30' })).toThrow(/not a date/);
		expect(() => resolveToday({ env: { HANDBOOK_TODAY: 'yesterday' } })).toThrow(/YYYY-MM-DD/);
	});
});

describe('reviewStatus', () => {
	const page = { collection: 'runbooks' as const, lastReviewed: new Date('2026-01-01T00:00:00Z') };
	it.each([
		['2026-04-01', 'current', 0], // due day itself (90 days)
		['2026-04-02', 'stale', 1],
		['2026-06-30', 'stale', 90], // exactly two intervals
		['2026-07-01', 'overdue', 91],
	])('on %s a runbook reviewed on 2026-01-01 is %s', (on, state, daysLate) => {
		expect(reviewStatus(page, defaultPolicy(rules).freshness, on)).toMatchObject({ state, daysLate, interval: 90, due: '2026-04-01' });
	});

	it('uses the page interval before the collection default', () => {
		expect(reviewStatus({ ...page, reviewInterval: 10 }, defaultPolicy(rules).freshness, '2026-01-12')).toMatchObject({ state: 'stale', due: '2026-01-11' });
	});
});
