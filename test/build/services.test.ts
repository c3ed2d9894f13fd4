import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { listHtml, readPage, sharedFixtureSite } from '../helpers/build.ts';

// The fixture handbook (test/fixtures/site) built once for the run: its service catalogue, alerts and releases.
let outDir: string;

beforeAll(async () => {
	({ outDir } = await sharedFixtureSite());
});

const text = (html: string) =>
	html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');

describe('the service catalogue', () => {
	it('has an index by support tier and a page per service, linked from the navigation', async () => {
		const pages = await listHtml(outDir);
		expect(pages).toEqual(expect.arrayContaining(['services/index.html', 'services/web-shop/index.html', 'services/payments/index.html']));
		const index = await readPage(outDir, '/services/');
		expect(index).toMatch(/<h2 id="gold">Gold support<\/h2>[\s\S]*href="\/services\/web-shop\/"[\s\S]*<h2 id="silver">Silver support<\/h2>[\s\S]*href="\/services\/payments\/"/);
		const home = await readPage(outDir, '/');
		for (const route of ['/services/', '/alerts/', '/releases/']) expect(home).toContain(`href="${route}"`);
	});

	it('shows the owner, offering, objectives with their budgets, runbooks with alerts, dependencies both ways and releases', async () => {
		const html = await readPage(outDir, '/services/web-shop/');
		const page = text(html);
		expect(html).toContain('class="hb-owner not-content"');
		expect(page).toContain('On-call shop-primary');
		expect(page).toContain('What you get An order confirmation by email <b>at once</b> What you can use The shop at www.example.com What you can ask for Cancel an order before it ships');
		expect(html).toContain('data-budget-minutes="40.3"');
		expect(page).toContain('Availability Page requests answered below 500 within 5 seconds. slo:sli_good_ratio:rate5m{service="web-shop"} 99.9% 28 days, rolling 40.3 minutes of full outage per 28 days, or 0.1% of events (1 in 1,000)');
		expect(page).toContain('Restart the web shop — alerts: ShopWebDown (page)');
		expect(page).toContain('Flush the shop CDN cache — alerts: ShopCdnStale (warning)');
		expect(page).toContain('Alerts of this service without a runbook: ShopSlowCheckout');
		expect(page).toMatch(/Depends on Payments Depended on by No other service/);
		expect(page).toMatch(/Upcoming .*web-shop release readiness .*2026-12-15 .*Recent .*New search box .*Wish lists/);
		// Frontmatter is text, escaped wherever the page shows it.
		expect(html).toContain('An order confirmation by email &lt;b&gt;at once&lt;/b&gt;');
		expect(html).not.toContain('<b>at once</b>');
		const payments = text(await readPage(outDir, '/services/payments/'));
		expect(payments).toContain('Depended on by Web shop');
		expect(payments).toContain('No objectives yet');
		// The search filter `service` of a runbook names the service, whose page the runbook links to.
		const runbook = await readPage(outDir, '/runbooks/web-shop/restart-web/');
		expect(runbook).toContain('<meta data-pagefind-filter="service[content]" content="web-shop"/>');
		expect(runbook).toContain('href="/services/web-shop/"');
	});
});

describe('alerts', () => {
	it('lists every alert with its runbook, service, owner and severity', async () => {
		const page = text(await readPage(outDir, '/alerts/'));
		expect(page).toContain('2 of 3 alerts lead to a runbook.');
		expect(page).toContain('ShopCdnStale warning Flush the shop CDN cache Web shop Shop Team');
		expect(page).toContain('ShopSlowCheckout ticket none Web shop Shop Team');
	});

	it('gives each alert with a runbook a stable address that redirects without JavaScript', async () => {
		const html = await readFile(join(outDir, 'alerts/ShopWebDown/index.html'), 'utf8');
		expect(html).toContain('<meta http-equiv="refresh" content="0; url=/runbooks/web-shop/restart-web/">');
		expect(html).toMatch(/<link rel="canonical" href="[^"]*\/runbooks\/web-shop\/restart-web\/">/);
		expect(html).toContain('<a href="/runbooks/web-shop/restart-web/">Restart the web shop</a>');
		expect(await listHtml(outDir)).not.toContain('alerts/ShopSlowCheckout/index.html');
	});
});

describe('the release board', () => {
	it('groups the readiness records as upcoming, in hypercare and done, with checklist completion', async () => {
		const html = await readPage(outDir, '/releases/');
		const group = (name: string) => text(html.slice(html.indexOf(`data-release-group="${name}"`), html.indexOf('</section>', html.indexOf(`data-release-group="${name}"`))));
		expect(group('upcoming')).toContain('web-shop release readiness (gold)');
		expect(group('upcoming')).toContain('1 of 2 (50%)');
		expect(group('upcoming')).toContain('Footer copy change');
		expect(group('in-hypercare')).toContain('New search box Web shop silver 2026-11-02 Released, in hypercare 2027-06-30 1 of 1 (100%)');
		expect(group('done')).toContain('Wish lists');
		expect(group('done')).not.toContain('New search box');
		expect(html).toContain('href="/releases.ics"');
	});

	it('publishes the gold and silver releases as an iCalendar feed', async () => {
		const feed = await readFile(join(outDir, 'releases.ics'), 'utf8');
		const calendar = new ICAL.Component(ICAL.parse(feed));
		expect(calendar.name).toBe('vcalendar');
		const events = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
		expect(events.map((event) => [event.summary, event.startDate.toString(), event.startDate.isDate]).sort()).toEqual([
			['Web shop: New search box', '2026-11-02', true],
			['Web shop: Wish lists', '2026-10-01', true],
			['Web shop: web-shop release readiness (gold)', '2026-12-15', true],
		]);
		expect(events.map((event) => event.uid).sort()).toEqual([
			'readiness/web-shop/2026-10-01-wishlist@practice-handbook',
			'readiness/web-shop/2026-11-02-search@practice-handbook',
			'readiness/web-shop/2026-11-20-gold@practice-handbook',
		]);
	});
});
