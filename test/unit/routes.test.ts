import { describe, expect, it } from 'vitest';
import { contentPathToRoute, entryIdFromPath, resolveContentLink, rewriteContentHref } from '../../src/core/routes.ts';

describe('entryIdFromPath', () => {
	it.each([
		['incident-management.md', 'incident-management'],
		['payments-api/database-failover.md', 'payments-api/database-failover'],
		['Runbook With Spaces.md', 'runbook-with-spaces'],
		['index.md', 'index'],
		['README.md', 'index'],
		['operations/index.md', 'operations'],
		['operations/README.md', 'operations'],
		['guide.mdx', 'guide'],
	])('%s -> %s', (path, id) => {
		expect(entryIdFromPath(path)).toBe(id);
	});
});

describe('contentPathToRoute', () => {
	it.each([
		['practices/incident-management.md', '/practices/incident-management/'],
		['runbooks/payments-api/database-failover.md', '/runbooks/payments-api/database-failover/'],
		['roles/process-owner.md', '/roles/process-owner/'],
		['readiness/service-readiness-gold.md', '/readiness/service-readiness-gold/'],
		['guides/index.md', '/'],
		['guides/getting-started.md', '/getting-started/'],
		['guides/operations/index.md', '/operations/'],
		['teams.yaml', undefined],
		['practices/_draft.md', undefined],
		['elsewhere/page.md', undefined],
	])('%s -> %s', (path, route) => {
		expect(contentPathToRoute(path)).toBe(route);
	});
});

describe('resolveContentLink', () => {
	it.each([
		['practices/a.md', 'b.md', { route: '/practices/b/', contentPath: 'practices/b.md' }],
		['practices/a.md', './b.md#raci', { route: '/practices/b/', anchor: 'raci', contentPath: 'practices/b.md' }],
		['practices/a.md', '../roles/process-owner.md', { route: '/roles/process-owner/', contentPath: 'roles/process-owner.md' }],
		[
			'runbooks/svc/x.md',
			'../../practices/incident-management.md#roles',
			{ route: '/practices/incident-management/', anchor: 'roles', contentPath: 'practices/incident-management.md' },
		],
		['guides/index.md', 'operations/index.md#on-call', { route: '/operations/', anchor: 'on-call', contentPath: 'guides/operations/index.md' }],
		['guides/a.md', 'My%20Page.md', { route: '/my-page/', contentPath: 'guides/My Page.md' }],
		['guides/a.md', '/practices/incident-management/#raci', { route: '/practices/incident-management/', anchor: 'raci' }],
		['guides/a.md', '/practices/incident-management', { route: '/practices/incident-management/' }],
		['guides/a.md', '/files/diagram.png', { route: '/files/diagram.png' }],
	])('from %s: %s', (from, href, expected) => {
		expect(resolveContentLink(from, href)).toEqual({ anchor: undefined, contentPath: undefined, ...expected });
	});

	it.each(['https://example.com/x.md', 'mailto:a@example.com', '#local', '', 'diagram.png', '../../../../outside.md'])(
		'leaves %j alone',
		(href) => {
			expect(resolveContentLink('practices/a.md', href)).toBeUndefined();
		},
	);
});

describe('rewriteContentHref', () => {
	it('prefixes the base path', () => {
		expect(rewriteContentHref('practices/a.md', 'b.md#x', '/my-handbook/')).toBe('/my-handbook/practices/b/#x');
		expect(rewriteContentHref('practices/a.md', '/roles/', '/my-handbook')).toBe('/my-handbook/roles/');
		expect(rewriteContentHref('practices/a.md', 'b.md', '/')).toBe('/practices/b/');
	});
});
