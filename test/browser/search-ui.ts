import type { Page } from 'playwright-core';

/** A search result as the site's search box lists it. */
export interface SearchResult {
	/** The page's path, e.g. `/runbooks/payments-api/database-failover/`. */
	url: string;
	title: string;
	excerpt: string;
	/** The metadata tags shown under the result, e.g. `Service: payments-api`. */
	tags: string[];
}

/** Opens the search dialog with its button, once Starlight has set it up. */
export async function openSearch(page: Page): Promise<void> {
	await page.locator('button[data-open-modal]:enabled').click();
	await page.locator('.pagefind-ui__search-input').waitFor();
}

/**
 * Types a query into the open search dialog and returns the page results in rank order, once the
 * results for this query have loaded (Pagefind says "N results for <query>"): the first ones the
 * dialog shows, or with `all` every result, loading more until there are none.
 */
export async function searchResults(page: Page, query: string, { all = false }: { all?: boolean } = {}): Promise<SearchResult[]> {
	const input = page.locator('.pagefind-ui__search-input');
	await input.fill(query);
	// Each result shows a placeholder until its data has loaded: wait for the message about this
	// query and for every result's link.
	const loaded = (shown: number) =>
		page.waitForFunction(
			([term, before]) => {
				const message = document.querySelector('.pagefind-ui__message')?.textContent ?? '';
				if (!message.includes(term)) return false;
				const results = [...document.querySelectorAll('.pagefind-ui__result')];
				// The message can change before the list does; no result at all is said in words.
				if (results.length === 0) return message.startsWith('Nothing matches');
				return results.length > before && results.every((result) => result.querySelector(':scope > .pagefind-ui__result-inner > .pagefind-ui__result-title > a[href]'));
			},
			[query, shown] as const,
		);
	await loaded(0);
	// The list shows the first results; "Load more results" shows the next ones, in rank order.
	const more = page.locator('.pagefind-ui__button');
	while (all && (await more.isVisible())) {
		const shown = await page.locator('.pagefind-ui__result').count();
		await more.click();
		await loaded(shown);
	}
	return page.locator('.pagefind-ui__result').evaluateAll((items) =>
		items.map((item) => {
			const link = item.querySelector<HTMLAnchorElement>(':scope > .pagefind-ui__result-inner > .pagefind-ui__result-title > a.pagefind-ui__result-link');
			return {
				url: new URL(link?.href ?? '', location.href).pathname,
				title: link?.textContent?.trim() ?? '',
				tags: [...item.querySelectorAll<HTMLElement>('.pagefind-ui__result-tag')].filter((tag) => tag.checkVisibility()).map((tag) => tag.textContent!.trim()),
				// The page's excerpt, or those of its sections when the matches are under headings.
				excerpt: [...item.querySelectorAll('.pagefind-ui__result-excerpt')].map((excerpt) => excerpt.textContent).join(' … '),
			};
		}),
	);
}
