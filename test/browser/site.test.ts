import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, sharedFixtureSite } from '../helpers/build.ts';
import { findChromium, launchChromium, serveSite, type StaticServer } from './harness.ts';

// The fixture handbook (test/fixtures/site), built once for the run, driven in Debian's Chromium.
const chromiumPath = findChromium();
const inCI = Boolean(process.env.CI) && process.env.CI !== 'false';

if (!chromiumPath && !inCI) console.warn('browser tests skipped: no chromium on PATH; apt-get install -y chromium');

describe.runIf(!chromiumPath && inCI)('browser tests under CI', () => {
	it('have a Chromium to run in', () => {
		throw new Error('no chromium on PATH (or CHROMIUM_PATH): CI must run the browser tests; apt-get install -y chromium');
	});
});

describe.skipIf(!chromiumPath)('fixture site in Chromium', () => {
	let server: StaticServer;
	let browser: Browser;
	let context: BrowserContext;

	beforeAll(async () => {
		const { outDir } = await sharedFixtureSite();
		server = await serveSite(outDir);
		browser = await launchChromium(chromiumPath!);
		context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
		await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
	});

	afterAll(async () => {
		await browser?.close();
		await server?.close();
	});

	const open = async (route: string, on: BrowserContext = context): Promise<Page> => {
		const page = await on.newPage();
		await page.goto(new URL(route.slice(1), server.url).href);
		return page;
	};

	describe('search', () => {
		/** Opens the search dialog, types a query and returns the page result links in rank order. */
		const search = async (page: Page, query: string): Promise<string[]> => {
			await page.locator('button[data-open-modal]:enabled').click();
			await page.locator('.pagefind-ui__search-input').fill(query);
			return resultLinks(page);
		};
		const resultLinks = async (page: Page): Promise<string[]> => {
			await page.locator('.pagefind-ui__message').filter({ hasText: /result/ }).waitFor();
			await expect.poll(() => page.locator('.pagefind-ui__loading').count()).toBe(0);
			const links = page.locator('.pagefind-ui__result-inner > .pagefind-ui__result-title > a.pagefind-ui__result-link');
			return (await links.evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href') ?? ''))).map((href) => new URL(href, page.url()).pathname);
		};

		it('opens search with the / key, but not while typing in a field', async () => {
			const page = await open('/runbooks/web-shop/restart-web/');
			await page.locator('button[data-open-modal]:enabled').waitFor();
			await page.keyboard.press('/');
			const input = page.locator('.pagefind-ui__search-input');
			// The search box appears when the browser is idle: on a busy machine that takes a while.
			await input.waitFor({ state: 'visible' });
			await input.fill('a/b');
			expect(await input.inputValue()).toBe('a/b');
			await page.close();
		});

		it('keeps what is typed straight after / or Ctrl+K, while the search box is still loading', async () => {
			// No service worker here: it would serve the search box's code past the route below.
			const fresh = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
			for (const shortcut of ['/', 'Control+k']) {
				const page = await fresh.newPage();
				// Hold back the search box's code, as a slow network or a busy page does, until the keys are typed.
				let release!: () => void;
				const held = new Promise<void>((resolve) => (release = resolve));
				await page.route('**/_astro/ui-core*.js', async (route) => {
					await held;
					await route.continue();
				});
				await page.goto(new URL('runbooks/web-shop/flush-cdn-cache/', server.url).href, { waitUntil: 'domcontentloaded' });
				await page.keyboard.press(shortcut);
				await page.keyboard.type('restart webx');
				await page.keyboard.press('Backspace');
				expect(await page.locator('.hb-search-pending').textContent(), shortcut).toBe('Loading search… restart web');
				release();
				const input = page.locator('.pagefind-ui__search-input');
				// Pagefind's UI appears when the browser is next idle: on a busy machine that can take seconds.
				await page.waitForFunction(() => document.querySelector<HTMLInputElement>('.pagefind-ui__search-input')?.value === 'restart web');
				expect(await input.evaluate((element) => element === document.activeElement)).toBe(true);
				expect((await resultLinks(page))[0], shortcut).toBe('/runbooks/web-shop/restart-web/');
				// Typing goes on in the field itself.
				await page.keyboard.type(' shop');
				expect(await input.inputValue()).toBe('restart web shop');
				await page.close();
			}
			await fresh.close();
		});

		it('folds the filters behind one button on a phone, so the first results show without scrolling', async () => {
			const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
			const page = await open('/', phone);
			await page.locator('button[data-open-modal]:enabled').click();
			await page.locator('.pagefind-ui__search-input').fill('kubectl');
			await resultLinks(page);
			const toggle = page.getByRole('button', { name: 'Filters' });
			expect(await toggle.getAttribute('aria-expanded')).toBe('false');
			expect(await page.locator('.pagefind-ui__filter-panel').isVisible()).toBe(false);
			const first = await page.locator('.pagefind-ui__result').first().boundingBox();
			expect(first!.y + 80).toBeLessThan(844);
			await toggle.click();
			expect(await page.locator('.pagefind-ui__filter-panel').isVisible()).toBe(true);
			await page.locator('summary.pagefind-ui__filter-name', { hasText: /^Practice$/ }).click();
			await page.locator('input.pagefind-ui__filter-checkbox[name="practice"][value="Problem management"]').check();
			await expect.poll(() => toggle.textContent(), { timeout: 30_000 }).toBe('Filters (1 on)');
			await phone.close();
		});

		it('shows the filters beside the results on a wide screen, with no button', async () => {
			const page = await open('/');
			await page.locator('button[data-open-modal]:enabled').click();
			await page.locator('.pagefind-ui__search-input').fill('kubectl');
			await resultLinks(page);
			expect(await page.locator('.pagefind-ui__filter-panel').isVisible()).toBe(true);
			expect(await page.locator('.hb-filters-toggle').isVisible()).toBe(false);
			await page.close();
		});

		it('finds a runbook by a word in its body', async () => {
			const page = await open('/');
			expect(await search(page, 'varnishadm')).toEqual(['/runbooks/web-shop/flush-cdn-cache/']);
			await page.close();
		});

		it('shows the type, owner, service and practice filters, and a filter narrows the results', async () => {
			const page = await open('/');
			expect((await search(page, 'kubectl')).sort()).toEqual(['/runbooks/web-shop/flush-cdn-cache/', '/runbooks/web-shop/restart-web/']);
			// The filters load after the first results.
			const filterNames = async () => (await page.locator('.pagefind-ui__filter-name').allTextContents()).map((name) => name.toLowerCase());
			await expect.poll(filterNames, { timeout: 30_000 }).toEqual(expect.arrayContaining(['type', 'owner', 'service', 'practice']));
			await page.locator('summary.pagefind-ui__filter-name', { hasText: /^Practice$/ }).click();
			await page.locator('input.pagefind-ui__filter-checkbox[name="practice"][value="Problem management"]').check();
			await expect.poll(() => resultLinks(page)).toEqual(['/runbooks/web-shop/flush-cdn-cache/']);
			await page.close();
		});

		it('ranks the runbook first for a query that names it, above a guide with the same words in its title', async () => {
			const page = await open('/');
			const results = await search(page, 'restart web shop');
			expect(results[0]).toBe('/runbooks/web-shop/restart-web/');
			expect(results).toContain('/web-shop-restarts/');
			await page.close();
		});
	});

	describe('runbook pages', () => {
		it('copies the exact command of a code block to the clipboard', async () => {
			const page = await open('/runbooks/web-shop/flush-cdn-cache/');
			await page.getByRole('button', { name: 'Copy code to clipboard' }).first().click();
			expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
				'curl -sI https://shop.example.com/products/42 \\\n  | grep -i x-cache',
			);
			await page.close();
		});

		it('shows the review-overdue banner on a stale runbook, with the due date and owner', async () => {
			const page = await open('/runbooks/web-shop/flush-cdn-cache/');
			const banner = page.getByRole('note', { name: 'Review overdue' });
			await expect.poll(() => banner.isVisible()).toBe(true);
			expect(await banner.textContent()).toMatch(/due for review on 2026-10-30.*Shop Team/);
			await page.close();
		});

		it('shows no banner on a fresh runbook', async () => {
			const page = await open('/runbooks/web-shop/restart-web/');
			expect(await page.getByRole('note', { name: 'Review overdue' }).count()).toBe(0);
			expect(await page.getByRole('region', { name: 'Owner and contact' }).isVisible()).toBe(true);
			await page.close();
		});

		it('is readable with JavaScript disabled: title, owner and commands', async () => {
			const noScript = await browser.newContext({ javaScriptEnabled: false });
			const page = await open('/runbooks/web-shop/restart-web/', noScript);
			expect(await page.locator('h1').innerText()).toBe('Restart the web shop');
			const owner = page.getByRole('region', { name: 'Owner and contact' });
			expect(await owner.isVisible()).toBe(true);
			expect(await owner.innerText()).toMatch(/Shop Team[\s\S]*shop-primary[\s\S]*#shop/);
			const commands = page.locator('.sl-markdown-content pre');
			expect(await commands.first().isVisible()).toBe(true);
			expect(await commands.allInnerTexts()).toEqual(['kubectl -n shop get pods', 'kubectl -n shop rollout restart deploy/web']);
			await noScript.close();
		});

		it('prints without the site around it', async () => {
			const page = await open('/runbooks/web-shop/restart-web/');
			await page.emulateMedia({ media: 'print' });
			for (const selector of ['.page > header', 'nav.sidebar', '.right-sidebar-container', 'site-search']) {
				expect(await page.locator(selector).first().isVisible(), selector).toBe(false);
			}
			expect(await page.locator('h1').isVisible()).toBe(true);
			expect(await page.getByRole('region', { name: 'Owner and contact' }).isVisible()).toBe(true);
			expect(await page.locator('.sl-markdown-content pre').first().isVisible()).toBe(true);
			await page.close();
		});
	});

	describe('readiness templates', () => {
		const templateFile = join(repoRoot, 'test/fixtures/site/content/readiness/release-gold.md');

		it('downloads the template as release-gold.md, frontmatter included', async () => {
			const page = await open('/readiness/release-gold/');
			const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download release-gold.md' }).click()]);
			expect(download.suggestedFilename()).toBe('release-gold.md');
			expect(await readFile(await download.path(), 'utf8')).toBe(await readFile(templateFile, 'utf8'));
			await page.close();
		});

		it('copies the template as Markdown', async () => {
			const page = await open('/readiness/release-gold/');
			await page.getByRole('button', { name: 'Copy as Markdown' }).click();
			await page.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
			expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await readFile(templateFile, 'utf8'));
			await page.close();
		});

		it('shows the source, not the buttons, without JavaScript', async () => {
			const noScript = await browser.newContext({ javaScriptEnabled: false });
			const page = await open('/readiness/release-gold/', noScript);
			expect(await page.getByRole('button', { name: 'Copy as Markdown' }).isVisible()).toBe(false);
			await page.getByText('Show the Markdown source').click();
			expect(await page.locator('pre[data-file-name="release-gold.md"]').innerText()).toContain('tier: gold');
			await noScript.close();
		});
	});

	describe('tables and commands on any screen', () => {
		it('never covers a command with its copy button, even a long one on a phone', async () => {
			const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
			for (const on of [context, phone]) {
				const page = await open('/runbooks/web-shop/flush-cdn-cache/', on);
				const blocks = page.locator('.hb-code');
				expect(await blocks.count()).toBeGreaterThan(1);
				for (const block of await blocks.all()) {
					const button = (await block.locator('.hb-copy').boundingBox())!;
					const code = (await block.locator('pre').boundingBox())!;
					// The button sits above the code, not on it.
					expect(button.y + button.height).toBeLessThanOrEqual(code.y + 0.5);
				}
			}
			await phone.close();
		});

		it('can copy the "Start a copy" command of a template', async () => {
			const page = await open('/readiness/release-gold/');
			const details = page.getByRole('region', { name: 'Template details' });
			await details.getByRole('button', { name: 'Copy code to clipboard' }).click();
			expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('npx handbook new readiness --template release-gold --service <service> --tier gold');
			await page.close();
		});

		it("shows a practice's RACI table as one card per activity on a phone", async () => {
			const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
			const page = await open('/practices/incident-management/', phone);
			const cards = page.locator('table.hb-raci-cards');
			expect(await cards.evaluate((element) => element.scrollWidth <= element.clientWidth + 1)).toBe(true);
			// What a card shows: the activity, then each role's label (drawn by CSS) and letters.
			const text = (index: number) =>
				cards
					.locator('tbody tr')
					.nth(index)
					.evaluate((row) =>
						[...row.children]
							.filter((cell) => (cell as HTMLElement).offsetParent !== null)
							.map((cell) => {
								const label = getComputedStyle(cell, '::before').content;
								return `${label === 'none' ? '' : JSON.parse(label)}${cell.textContent}`.trim();
							})
							.join(' '),
					);
			expect(await text(0)).toBe('Define the policy Process owner A/R Process manager C Process practitioner I');
			expect(await text(1)).toBe('Restore service Process owner I Process manager A Process practitioner R');
			await phone.close();
		});
	});

	describe('RACI matrix', () => {
		const visibleHeaders = (page: Page) => page.locator('.hb-raci thead th:visible').allInnerTexts();
		const visibleActivities = (page: Page) => page.locator('.hb-raci tbody th[scope="row"]:visible').allInnerTexts();

		it('filters by practice group and by role', async () => {
			const page = await open('/raci/');
			expect(await visibleActivities(page)).toHaveLength(5);
			await page.getByLabel('Practice group').selectOption('technical');
			expect(await visibleActivities(page)).toEqual(['Set the deployment policy', 'Deploy a release']);
			await page.getByLabel('Role').selectOption('process-practitioner');
			expect(await visibleHeaders(page)).toEqual(['Practice and activity', 'Process practitioner']);
			expect(await visibleActivities(page)).toEqual(['Deploy a release']);
			expect(new URL(page.url()).search).toBe('?group=technical&role=process-practitioner');
			await page.close();
		});

		it('shows everything, and no filter form, without JavaScript', async () => {
			const noScript = await browser.newContext({ javaScriptEnabled: false });
			const page = await open('/raci/?role=process-owner', noScript);
			expect(await page.locator('form[data-raci-filters]').isVisible()).toBe(false);
			expect(await visibleActivities(page)).toHaveLength(5);
			expect(await visibleHeaders(page)).toHaveLength(4);
			await noScript.close();
		});
	});

	describe('services, alerts and releases', () => {
		it('a service page shows its objectives with their error budgets, its runbooks with their alerts, and its releases', async () => {
			const page = await open('/services/web-shop/');
			const budget = page.locator('table.hb-slos tbody tr').first();
			await expect.poll(() => budget.locator('th').textContent()).toBe('Availability');
			expect(await budget.locator('td[data-budget-minutes]').innerText()).toBe('40.3 minutes of full outage per 28 days, or 0.1% of events (1 in 1,000)');
			const runbooks = page.locator('#runbooks-and-alerts + ul li');
			expect(await runbooks.allInnerTexts()).toEqual(['Flush the shop CDN cache — alerts: ShopCdnStale (warning)', 'Restart the web shop — alerts: ShopWebDown (page)']);
			await runbooks.getByRole('link', { name: 'Restart the web shop' }).click();
			await page.waitForURL(/\/runbooks\/web-shop\/restart-web\/$/);
			await page.goBack();
			const releases = page.locator('table.hb-releases tbody tr th a');
			expect(await releases.allInnerTexts()).toEqual(['web-shop release readiness (gold)', 'Footer copy change', 'New search box', 'Wish lists']);
			await page.close();
		});

		it('an alert address lands on its runbook with JavaScript disabled', async () => {
			const noScript = await browser.newContext({ javaScriptEnabled: false });
			const page = await noScript.newPage();
			await page.goto(new URL('alerts/ShopWebDown/', server.url).href);
			await page.waitForURL(/\/runbooks\/web-shop\/restart-web\/$/);
			expect(await page.locator('h1').innerText()).toBe('Restart the web shop');
			await noScript.close();
		});

		it('the release board groups the records as upcoming, in hypercare and done', async () => {
			const page = await open('/releases/');
			const group = (name: string) => page.locator(`section[data-release-group="${name}"] tbody th a`).allInnerTexts();
			expect(await group('upcoming')).toEqual(['web-shop release readiness (gold)', 'Footer copy change']);
			expect(await group('in-hypercare')).toEqual(['New search box']);
			expect(await group('done')).toEqual(['Wish lists']);
			expect(await page.getByRole('link', { name: 'releases.ics' }).getAttribute('href')).toBe('/releases.ics');
			await page.close();
		});
	});

	describe('accessibility', () => {
		const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
		const pages = {
			practice: '/practices/incident-management/',
			role: '/roles/process-owner/',
			runbook: '/runbooks/web-shop/flush-cdn-cache/',
			readiness: '/readiness/release-gold/',
			guide: '/operations/',
			index: '/',
			raci: '/raci/',
			health: '/health/',
			service: '/services/web-shop/',
			alerts: '/alerts/',
			releases: '/releases/',
		};

		for (const [type, route] of Object.entries(pages)) {
			it(`has no serious or critical axe violation on a ${type} page (${route})`, async () => {
				const page = await open(route);
				// Overflowing code blocks and tables are made focusable by a page script: let it run.
				await page.waitForFunction(() =>
					[...document.querySelectorAll('.sl-markdown-content pre')].every((pre) => pre.scrollWidth <= pre.clientWidth || pre.hasAttribute('tabindex')),
				);
				await page.addScriptTag({ path: axeSource });
				const violations = await page.evaluate(async () => {
					const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
					const { violations } = await axe.run();
					return violations
						.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
						.map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
				});
				expect(violations).toEqual([]);
				await page.close();
			});
		}
	});
});
