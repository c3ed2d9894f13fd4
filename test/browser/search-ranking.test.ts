import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedShippedSite } from '../helpers/build.ts';
import { findChromium, launchChromium, serveSite, type StaticServer } from './harness.ts';
import { openSearch, searchResults } from './search-ui.ts';

/*
 * Search as an engineer in an incident uses it, on the handbook this repository ships: the words
 * they type (a symptom, an alert name, a verb, a service) and the page that must come first. The
 * queries run through the site's own search box, so the ranking under test is the one readers
 * get: Pagefind's index of the built site with the weights the site gives it (src/site/search.ts).
 */
const incidentQueries: [query: string, first: string][] = [
	// Verbs
	['rollback', '/runbooks/payments-api/rollback-failed-deployment/'],
	['roll back deployment', '/runbooks/payments-api/rollback-failed-deployment/'],
	['failover', '/runbooks/payments-api/database-failover/'],
	['database failover', '/runbooks/payments-api/database-failover/'],
	['handover', '/runbooks/incident-response/on-call-handover/'],
	['on call handover', '/runbooks/incident-response/on-call-handover/'],
	['restore backup', '/runbooks/payments-api/restore-from-backup/'],
	['cordon node', '/runbooks/edge-gateway/node-or-cluster-failure/'],
	['declare major incident', '/runbooks/incident-response/declare-major-incident/'],
	['triage support case', '/runbooks/incident-response/support-case-triage/'],
	['emergency change', '/runbooks/incident-response/emergency-change/'],
	// Alert names, pasted from the page
	['PaymentsDbPrimaryDown', '/runbooks/payments-api/database-failover/'],
	['EdgeCertificateExpiringSoon', '/runbooks/edge-gateway/certificate-expiry/'],
	['KubeNodeNotReady', '/runbooks/edge-gateway/node-or-cluster-failure/'],
	// Symptoms: what people see and what the logs say
	['certificate has expired', '/runbooks/edge-gateway/certificate-expiry/'],
	['TLS handshake', '/runbooks/edge-gateway/certificate-expiry/'],
	['could not resolve host', '/runbooks/edge-gateway/dns-failure/'],
	['no such host', '/runbooks/edge-gateway/dns-failure/'],
	['CrashLoopBackOff', '/runbooks/payments-api/rollback-failed-deployment/'],
	['read-only transaction', '/runbooks/payments-api/database-failover/'],
	['password authentication failed', '/runbooks/payments-api/secret-rotation-failed/'],
	['card authorisations fail', '/runbooks/payments-api/payment-provider-degraded/'],
	['alerts firing nobody paged', '/runbooks/incident-response/status-page-or-paging-down/'],
	['5xx errors', '/runbooks/edge-gateway/elevated-5xx-errors/'],
	// Topics
	['major incident', '/runbooks/incident-response/declare-major-incident/'],
	['data breach', '/runbooks/incident-response/suspected-data-breach/'],
	['secret rotation', '/runbooks/payments-api/secret-rotation-failed/'],
	['status page down', '/runbooks/incident-response/status-page-or-paging-down/'],
	['paging', '/runbooks/incident-response/status-page-or-paging-down/'],
	['payment provider', '/runbooks/payments-api/payment-provider-degraded/'],
	['dns', '/runbooks/edge-gateway/dns-failure/'],
	['incident communications', '/runbooks/incident-response/incident-communications/'],
];

/** Queries that name another kind of page: the runbooks' weight must not push it down. */
const otherQueries: [query: string, first: string][] = [
	['incident management', '/practices/incident-management/'],
	['process owner', '/roles/process-owner/'],
	['on-call engineer', '/roles/on-call-engineer/'],
	['hypercare plan', '/readiness/hypercare-plan/'],
	['severity', '/severity-and-priority/'],
];

/** A query that names a service: one of that service's runbooks comes first. */
const serviceQueries: [query: string, service: string][] = [
	['payments api', 'payments-api'],
	['edge gateway', 'edge-gateway'],
];

const chromiumPath = findChromium();

describe.skipIf(!chromiumPath)('search on the shipped handbook, in Chromium', () => {
	let server: StaticServer;
	let browser: Browser;
	let page: Page;

	beforeAll(async () => {
		const { outDir } = await sharedShippedSite();
		server = await serveSite(outDir);
		browser = await launchChromium(chromiumPath!);
		page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
		await page.goto(server.url);
		await openSearch(page);
	});

	afterAll(async () => {
		await browser?.close();
		await server?.close();
	});

	it(`ranks the runbook first for each of ${incidentQueries.length} incident queries`, async () => {
		const misses: string[] = [];
		for (const [query, first] of incidentQueries) {
			const results = await searchResults(page, query);
			if (results[0]?.url !== first) misses.push(`"${query}": expected ${first}, got ${results.slice(0, 3).map((result) => result.url).join(', ')}`);
		}
		expect(misses).toEqual([]);
	});

	it('ranks a runbook of the service first for a service name, without showing the ranking fields', async () => {
		for (const [query, service] of serviceQueries) {
			const [first] = await searchResults(page, query);
			expect(first?.url, query).toMatch(new RegExp(`^/runbooks/${service}/[^/]+/$`));
			expect(first?.tags, query).toEqual([]);
		}
	});

	it('still ranks the practice, role or template first when the query names it', async () => {
		const misses: string[] = [];
		for (const [query, first] of otherQueries) {
			const results = await searchResults(page, query);
			if (results[0]?.url !== first) misses.push(`"${query}": expected ${first}, got ${results.slice(0, 3).map((result) => result.url).join(', ')}`);
		}
		expect(misses).toEqual([]);
	});

	it('keeps the templates, practices and roles that mention the words, after the runbook', async () => {
		const rollback = (await searchResults(page, 'rollback', { all: true })).map((result) => result.url);
		expect(rollback[0]).toMatch(/^\/runbooks\//);
		expect(rollback).toEqual(expect.arrayContaining(['/readiness/service-readiness-gold/', '/readiness/service-readiness-silver/']));
		const failover = (await searchResults(page, 'failover', { all: true })).map((result) => result.url);
		expect(failover[0]).toMatch(/^\/runbooks\//);
		expect(failover).toEqual(expect.arrayContaining(['/practices/availability-management/', '/practices/service-continuity-management/']));
	});

	it('indexes words apart as the page shows them: no two words run together', async () => {
		for (const route of ['/runbooks/payments-api/database-failover/', '/runbooks/edge-gateway/dns-failure/', '/practices/incident-management/', '/roles/incident-commander/']) {
			const reader = await browser.newPage();
			await reader.goto(new URL(route.slice(1), server.url).href);
			const glued = await reader.evaluate(async (path) => {
				const words = (text: string) =>
					text
						.split(/\s+/)
						.map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
						.filter(Boolean);
				// What the page shows, less what search leaves out.
				for (const ignored of document.querySelectorAll<HTMLElement>('[data-pagefind-ignore]')) ignored.style.display = 'none';
				const shown = new Set(words(document.querySelector('main')!.innerText));
				// What Pagefind indexed for the page.
				// A dynamic import written as a string: vitest would rewrite an import() in this file.
				const pagefind = await (new Function('return import("/pagefind/pagefind.js")')() as Promise<{
					search(term: string): Promise<{ results: { data(): Promise<{ url: string; content: string }> }[] }>;
				}>);
				const { results } = await pagefind.search(document.querySelector('h1')!.textContent);
				for (const result of results) {
					const data = await result.data();
					if (data.url === path) return words(data.content).filter((word) => !shown.has(word));
				}
				return ['(the page is not in the index)'];
			}, route);
			expect(glued, route).toEqual([]);
			await reader.close();
		}
	});

	it('shows excerpts from the page body, without the owner card or the metadata list', async () => {
		for (const query of ['rollback', 'PaymentsDbPrimaryDown', 'handover', 'incident management', 'TLS handshake']) {
			for (const { url, excerpt } of (await searchResults(page, query)).slice(0, 3)) {
				// The owner card's words, and the metadata list's labels run into their values.
				expect(excerpt, `${query}: ${url}`).not.toMatch(/Page on-call|next review due|Last reviewed|@example\.com|Service[a-z]|Alerts[A-Z]/);
			}
		}
	});
});
