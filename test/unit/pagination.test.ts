import { describe, expect, it } from 'vitest';
import { indexPageCount, indexPageRoute, laterIndexPages, laterIndexPageRoutes } from '../../src/core/routes.ts';
import { indexPage } from '../../src/site/pagination.ts';

const groups = [
	{ key: 'a', label: 'A', items: [1, 2, 3] },
	{ key: 'b', label: 'B', items: [4, 5, 6, 7, 8] },
	{ key: 'c', label: 'C', items: [9] },
];

describe('index pages', () => {
	it('are one page up to the limit, then one more page per limit', () => {
		expect([0, 1, 200, 201, 400, 401].map((items) => indexPageCount(items))).toEqual([1, 1, 1, 2, 2, 3]);
		expect(indexPageRoute('/practices/', 1)).toBe('/practices/');
		expect(indexPageRoute('/practices/', 3)).toBe('/practices/page/3/');
		expect(laterIndexPageRoutes('/alerts/', 450)).toEqual(['/alerts/page/2/', '/alerts/page/3/']);
	});

	it('cut groups across pages, a group going on over the next page', () => {
		const pages = [1, 2, 3].map((page) => indexPage('/x/', groups, page, 4));
		expect(pages.map((page) => page.pageCount)).toEqual([3, 3, 3]);
		expect(pages.map((page) => page.sections.map((section) => [section.key, section.items, section.starts]))).toEqual([
			[['a', [1, 2, 3], true], ['b', [4], true]],
			[['b', [5, 6, 7, 8], false]],
			[['c', [9], true]],
		]);
		expect(pages[0]!.outline).toEqual([
			{ key: 'a', label: 'A', count: 3, page: 1 },
			{ key: 'b', label: 'B', count: 5, page: 1 },
			{ key: 'c', label: 'C', count: 1, page: 3 },
		]);
	});

	it('give the content graph the routes of every later page, so links to them are checked', () => {
		const sizes = { practices: 401, roles: 10, services: 10, runbooks: 201, readiness: 10, alerts: 600, raciPractices: 101 };
		expect(laterIndexPages(sizes)).toEqual([
			'/practices/page/2/',
			'/practices/page/3/',
			'/runbooks/page/2/',
			'/alerts/page/2/',
			'/alerts/page/3/',
			'/raci/page/2/',
			'/raci/page/3/',
		]);
	});
});
