import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedShippedSite } from '../helpers/build.ts';
import { findChromium, launchChromium, serveSite, type StaticServer } from './harness.ts';

// The handbook this repository ships, at the screen sizes its readers use: a laptop and a phone.
const chromiumPath = findChromium();

describe.skipIf(!chromiumPath)('the shipped handbook in Chromium', () => {
	let server: StaticServer;
	let browser: Browser;

	beforeAll(async () => {
		const { outDir } = await sharedShippedSite();
		server = await serveSite(outDir);
		browser = await launchChromium(chromiumPath!);
	});

	afterAll(async () => {
		await browser?.close();
		await server?.close();
	});

	const at = (width: number): Promise<BrowserContext> =>
		browser.newContext(width < 500 ? { viewport: { width, height: 844 }, isMobile: true, hasTouch: true } : { viewport: { width, height: 900 } });
	const open = async (on: BrowserContext, route: string): Promise<Page> => {
		const page = await on.newPage();
		await page.goto(new URL(route.slice(1), server.url).href);
		return page;
	};

	describe('the home page', () => {
		it('has the menu on a phone, which leads to every section', async () => {
			const phone = await at(390);
			const page = await open(phone, '/');
			const menu = page.locator('button[popovertarget="starlight__sidebar"]');
			await menu.click();
			const nav = page.getByRole('navigation', { name: 'Main' });
			for (const section of ['Runbooks', 'Practices', 'Roles']) await expect.poll(() => nav.getByRole('link', { name: section, exact: true }).first().isVisible()).toBe(true);
			await phone.close();
		});
	});

	describe('a runbook, from the keyboard', () => {
		it('has the on-call pager, the owner and the first step as the first Tab stops after the skip link', async () => {
			const laptop = await at(1280);
			const page = await open(laptop, '/runbooks/payments-api/rollback-failed-deployment/');
			const stops: string[] = [];
			for (let tab = 0; tab < 5; tab++) {
				await page.keyboard.press('Tab');
				stops.push(await page.evaluate(() => `${document.activeElement?.textContent?.trim()} -> ${document.activeElement?.getAttribute('href')}`));
			}
			expect(stops).toEqual([
				'Skip to content -> #_top',
				'Page on-call (payments-primary) -> https://oncall.example.com/schedules/payments-primary',
				'Email Payments Team -> mailto:payments@example.com',
				'All contacts of the owner -> #owner-and-contact',
				'First step: Before you start -> #before-you-start',
			]);
			// Focused, they show as a bar on top of the page.
			const bar = page.getByRole('navigation', { name: 'Runbook first steps' });
			expect((await bar.boundingBox())!.width).toBeGreaterThan(300);
			await page.keyboard.press('Enter');
			expect(new URL(page.url()).hash).toBe('#before-you-start');
			await page.keyboard.press('Shift+Tab');
			expect((await bar.boundingBox())!.width).toBeLessThan(2);
			await page.emulateMedia({ media: 'print' });
			expect(await bar.isVisible()).toBe(false);
			await laptop.close();
		});
	});

	describe('RACI tables', () => {
		it('fits every role of the matrix beside each other on a laptop, with borders in line', async () => {
			const laptop = await at(1280);
			const page = await open(laptop, '/raci/');
			const scroller = page.locator('.hb-raci-scroll');
			expect(await scroller.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
			expect(await page.locator('.hb-scroll').getAttribute('data-overflow')).toBe('');
			// Every row is a whole number of pixels below the table's top: the sticky activity column and
			// the other cells then draw their borders on the same line (fractional rows made them zig-zag).
			const offsets = await page.locator('.hb-raci').evaluate((table) =>
				[...table.querySelectorAll('tr')].slice(0, 60).map((row) => (row.getBoundingClientRect().top - table.getBoundingClientRect().top) % 1),
			);
			expect(offsets.filter((offset) => Math.abs(offset) > 0.01)).toEqual([]);
			await laptop.close();
		});

		it('keeps the practice names and activities in view while the matrix scrolls sideways', async () => {
			const tablet = await at(700);
			const page = await open(tablet, '/raci/');
			const scroller = page.locator('.hb-raci-scroll');
			expect(await scroller.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
			expect(await page.locator('.hb-scroll').getAttribute('data-overflow')).toBe('end');
			expect(await page.locator('.hb-scroll__hint').isVisible()).toBe(true);
			await scroller.evaluate((element) => element.scrollTo({ left: element.scrollWidth }));
			await expect.poll(() => page.locator('.hb-scroll').getAttribute('data-overflow'), { timeout: 30_000 }).toBe('start');
			const box = (await scroller.boundingBox())!;
			const label = (await page.locator('.hb-raci-practice__label').first().boundingBox())!;
			const activity = (await page.locator('.hb-raci tbody th[scope="row"]').first().boundingBox())!;
			expect(label.x).toBeGreaterThanOrEqual(box.x);
			expect(label.x + label.width).toBeLessThanOrEqual(box.x + box.width);
			expect(activity.x).toBeCloseTo(box.x, 0);
			// The practice's name is drawn above the sticky column, not under it.
			const onTop = await page.locator('.hb-raci-practice__label a').first().evaluate((link) => {
				const rect = link.getBoundingClientRect();
				return document.elementFromPoint(rect.x + 2, rect.y + rect.height / 2)?.closest('a') === link;
			});
			expect(onTop).toBe(true);
			await tablet.close();
		});

		it("scrolls a practice's RACI table in its box with a cue, its activities staying in view", async () => {
			const laptop = await at(1280);
			const page = await open(laptop, '/practices/incident-management/');
			const box = page.locator('.hb-scroll:has(table.hb-raci-cards)');
			const table = box.locator('table');
			expect(await table.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
			expect(await box.getAttribute('data-overflow')).toBe('end');
			expect(await box.locator('.hb-scroll__hint').isVisible()).toBe(true);
			await table.evaluate((element) => element.scrollTo({ left: element.scrollWidth }));
			await expect.poll(() => box.getAttribute('data-overflow'), { timeout: 30_000 }).toBe('start');
			const activity = (await table.locator('tbody td').first().boundingBox())!;
			expect(activity.x).toBeCloseTo((await table.boundingBox())!.x, 0);
			await laptop.close();
		});

		it('shows the matrix as one card per activity on a phone, readable without scrolling sideways', async () => {
			const phone = await at(390);
			const page = await open(phone, '/raci/');
			const table = page.locator('table.hb-raci');
			expect(await table.evaluate((element) => element.scrollWidth <= element.clientWidth + 1)).toBe(true);
			const card = page.locator('.hb-raci tbody tr[data-raci-row]').first();
			const shown = await card.evaluate((row) =>
				[...row.children]
					.filter((cell) => (cell as HTMLElement).offsetParent !== null)
					.map((cell) => {
						const label = getComputedStyle(cell, '::before').content;
						return `${label === 'none' ? '' : JSON.parse(label)}${cell.textContent}`.trim();
					}),
			);
			expect(shown[0]).toBe('Maintain principles and standards');
			expect(shown.slice(1)).toEqual(['Process owner A/R', 'Process manager R', 'Process practitioner C', 'Service owner I']);
			await phone.close();
		});
	});
});
