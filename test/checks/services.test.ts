import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorBudget, loadHandbook } from '../../src/checks/index.ts';
import { releaseStatuses } from '../../src/schemas/readiness.ts';
import { repoRoot } from '../helpers/build.ts';
import { handbookWith, today } from './helpers.ts';

describe('error budgets', () => {
	it.each([
		// objective, window days -> bad minutes, bad percent, one bad event in
		[99.9, 28, 40.3, 0.1, 1000],
		[99.95, 30, 21.6, 0.05, 2000],
		[99.99, 30, 4.3, 0.01, 10000],
		[99, 30, 432, 1, 100],
		[99.5, 7, 50.4, 0.5, 200],
	])('%s%% over %s days leaves %s minutes', (objective, windowDays, minutes, percent, oneIn) => {
		expect(errorBudget(objective, windowDays)).toEqual({ badFraction: percent / 100, badPercent: percent, badMinutes: minutes, oneIn });
	});
});

describe('service facts', () => {
	it('gather runbooks, alerts, dependencies both ways and releases once, in the graph', async () => {
		const graph = await loadHandbook({ root: handbookWith('alerts'), cache: false, today });
		const shop = graph.byId.get('services:web-shop')!.serviceFacts!;
		expect(shop.runbooks.map((entry) => entry.id)).toEqual(['web-shop/clear-cache', 'web-shop/restart-web']);
		expect(shop.slos).toEqual([
			{ name: 'Availability', sli: 'Page requests answered below 500', query: undefined, objective: 99.9, windowDays: 28, badFraction: 0.001, badPercent: 0.1, badMinutes: 40.3, oneIn: 1000 },
		]);
		expect(shop.oncall).toBe('shop-primary');
		// Every alert with the service label, and those that lead to its runbooks.
		expect(shop.alerts.map((alert) => [alert.name, alert.runbook?.id ?? null])).toEqual([
			['ShopCacheMiss', 'web-shop/restart-web'],
			['ShopCheckoutErrors', null],
			['ShopDiskFull', null],
			['ShopLatencyHigh', null],
			['ShopQueueBacklog', null],
			['ShopSearchDown', null],
			['ShopWebDown', 'web-shop/clear-cache'],
			['ShopWebDwn', 'web-shop/restart-web'],
		]);
	});

	it('know the services a service depends on and those that depend on it, and its releases by date', async () => {
		const root = handbookWith('releases');
		writeFileSync(
			join(root, 'content/services/checkout.md'),
			'---\ntitle: Checkout\nsummary: Takes the order.\nowner: shop-team\ntier: gold\noffering: { access: [The basket] }\ndependencies: [web-shop, stock]\nlastReviewed: 2026-11-01\n---\n',
		);
		const graph = await loadHandbook({ root, cache: false, today });
		expect(graph.byId.get('services:web-shop')!.serviceFacts!.dependents).toEqual(['checkout']);
		// As written: the `references` rule reports the one that does not exist.
		expect(graph.byId.get('services:checkout')!.serviceFacts!.dependencies).toEqual(['web-shop', 'stock']);
		const releases = graph.byId.get('services:web-shop')!.serviceFacts!.releases;
		expect(releases.map((entry) => [entry.id, entry.release!.phase])).toEqual([
			['web-shop/closed', 'done'],
			['web-shop/in-hypercare', 'hypercare'],
			['web-shop/late', 'upcoming'],
			['web-shop/upcoming', 'upcoming'],
		]);
	});
});

describe('release facts', () => {
	it('group by status, count ticked task items, find the closing note and judge the dates', async () => {
		const graph = await loadHandbook({ root: handbookWith('releases'), cache: false, today });
		const release = (id: string) => graph.byId.get(`readiness:web-shop/${id}`)!.release;
		expect(release('upcoming')).toEqual({
			service: 'web-shop',
			tier: 'gold',
			releaseDate: '2026-12-10',
			status: 'at-risk',
			hypercareUntil: undefined,
			phase: 'upcoming',
			checklist: { done: 2, total: 3 },
			closed: false,
			late: false,
			hypercareOverdue: false,
		});
		expect(release('late')).toMatchObject({ phase: 'upcoming', late: true });
		expect(release('in-hypercare')).toMatchObject({ phase: 'hypercare', hypercareUntil: '2026-11-10', closed: false, hypercareOverdue: true });
		expect(release('closed')).toMatchObject({ phase: 'done', closed: true, hypercareOverdue: false });
		// Not a release: a record without a valid date, a template.
		expect(release('no-date')).toBeUndefined();
		expect(graph.byId.get('readiness:release-gold')!.release).toBeUndefined();
	});
});

describe('the release statuses', () => {
	it('are the values the service readiness templates define in their status key', () => {
		for (const tier of ['gold', 'silver', 'bronze']) {
			const text = readFileSync(join(repoRoot, `content/readiness/service-readiness-${tier}.md`), 'utf8');
			const keyed = [...text.matchAll(/^\| `([a-z-]+)` \| /gm)].map((match) => match[1]);
			expect(keyed, tier).toEqual(releaseStatuses);
		}
	});
});
