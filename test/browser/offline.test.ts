import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltSite, fixtureBase, sharedFixtureSiteUnderBase, sharedShippedSite } from '../helpers/build.ts';
import { findChromium, launchChromium, serveSite, type StaticServer } from './harness.ts';
import { searchResults } from './search-ui.ts';

/*
 * The handbook when the network is the thing that is down: one visit online saves the offline
 * copy (the service worker of src/site/offline.ts); then, offline, a runbook never opened before
 * still opens, says it is an offline copy and of when, and search still finds the runbooks.
 */
const chromiumPath = findChromium();

const sites: { name: string; build: () => Promise<BuiltSite>; base: string; runbook: string; title: string; query: string; found: string; contacts: string }[] = [
	{
		name: 'the shipped handbook',
		build: sharedShippedSite,
		base: '/',
		runbook: 'runbooks/edge-gateway/dns-failure/',
		title: 'DNS failure for the edge or its upstreams',
		query: 'failover',
		found: 'runbooks/payments-api/database-failover/',
		contacts: 'contacts-and-escalation/',
	},
	{
		name: 'a handbook under a sub-path (HANDBOOK_BASE)',
		build: sharedFixtureSiteUnderBase,
		base: fixtureBase,
		runbook: 'runbooks/web-shop/flush-cdn-cache/',
		title: 'Flush the shop CDN cache',
		query: 'varnishadm',
		found: 'runbooks/web-shop/flush-cdn-cache/',
		contacts: 'operations/',
	},
];

for (const site of sites) {
	describe.skipIf(!chromiumPath)(`${site.name}, offline`, () => {
		let server: StaticServer;
		let browser: Browser;
		let context: BrowserContext;
		/** A newer version of a page, as the next build would serve it. */
		const newer = new Map<string, string>();

		beforeAll(async () => {
			const { outDir } = await site.build();
			server = await serveSite(outDir, { base: site.base, override: (path) => newer.get(path) });
			browser = await launchChromium(chromiumPath!);
			context = await browser.newContext();
			// The first visit, online: the home page only.
			const page = await context.newPage();
			await page.goto(server.url);
			// The service worker takes control once it has saved the copy (installed, then activated).
			await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
			await page.close();
			const sw = await readFile(join(outDir, 'sw.js'), 'utf8');
			expect(sw).toContain(`"url":"${site.runbook}"`);
		});

		afterAll(async () => {
			await browser?.close();
			await server?.close();
		});

		const open = async (path: string): Promise<Page> => {
			const page = await context.newPage();
			await page.goto(new URL(path, server.url).href);
			return page;
		};

		it('opens a runbook never opened before, saying it is an offline copy and of when', async () => {
			await context.setOffline(true);
			try {
				const page = await open(site.runbook);
				expect(await page.locator('h1').textContent()).toBe(site.title);
				const note = page.getByRole('status').filter({ hasText: 'Offline copy from' });
				expect(await note.textContent()).toMatch(/^Offline copy from \w{3} \d{1,2}, \d{4}/);
				expect(await page.getByRole('region', { name: 'Owner and contact' }).isVisible()).toBe(true);
				const contacts = await open(site.contacts);
				expect(await contacts.locator('h1').count()).toBe(1);
				expect(await contacts.getByText('Offline copy from').count()).toBe(1);
			} finally {
				await context.setOffline(false);
			}
		});

		it('searches offline', async () => {
			await context.setOffline(true);
			try {
				const page = await open(site.runbook);
				await page.locator('button[data-open-modal]:enabled').click();
				await page.locator('.pagefind-ui__search-input').waitFor();
				const results = await searchResults(page, site.query);
				expect(results.map((result) => result.url)).toContain(new URL(site.found, server.url).pathname);
			} finally {
				await context.setOffline(false);
			}
		});

		it('says so when a page is not in the offline copy', async () => {
			await context.setOffline(true);
			try {
				const page = await open('no-such-page/');
				expect(await page.getByRole('status').textContent()).toContain('this page is not in the offline copy');
			} finally {
				await context.setOffline(false);
			}
		});

		it('serves the current page online, and keeps it for the next time the network is down', async () => {
			const runbookPath = `/${site.runbook}`;
			const current = await (await fetch(new URL(site.runbook, server.url))).text();
			newer.set(runbookPath, current.replace(`>${site.title}</h1>`, `>${site.title} (revised)</h1>`));
			try {
				const online = await open(site.runbook);
				expect(await online.locator('h1').textContent()).toBe(`${site.title} (revised)`);
				expect(await online.getByText('Offline copy from').count()).toBe(0);
				await context.setOffline(true);
				const offline = await open(site.runbook);
				expect(await offline.locator('h1').textContent()).toBe(`${site.title} (revised)`);
				expect(await offline.getByText('Offline copy from').count()).toBe(1);
			} finally {
				newer.clear();
				await context.setOffline(false);
			}
		});
	});
}
