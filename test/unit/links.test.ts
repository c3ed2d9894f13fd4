import { describe, expect, it } from 'vitest';
import { assetRoute, type LinkTarget, renderedHref, resolveLink, siteFilesOf } from '../../src/core/links.ts';
import { pageFileOf } from '../../src/core/routes.ts';

// A small content folder: what the file selection would find in it.
const pages = [
	'guides/index.md',
	'guides/a.md',
	'guides/My Page.md',
	'guides/ops/index.md',
	'guides/ops/deep/b.md',
	'practices/incident-management.md',
	'runbooks/svc/x.md',
].map((path) => pageFileOf(path)!);
const files = siteFilesOf({ pages, assets: ['guides/diagram.png', 'guides/ops/data.csv'], drafts: ['guides/_draft.md'] });

/** The target as a short string: kind and what it leads to. */
function describe_(target: LinkTarget): string {
	switch (target.kind) {
		case 'page':
			return `page ${target.page.route}${target.anchor === undefined ? '' : `#${target.anchor}`}${target.samePage ? ' (same page)' : ''}`;
		case 'route':
			return `route ${target.route}${target.anchor === undefined ? '' : `#${target.anchor}`}`;
		case 'public':
			return `public ${target.path}`;
		case 'asset':
		case 'draft':
			return `${target.kind} ${target.contentPath}`;
		case 'missing':
			return `missing ${target.contentPath}${target.trailingSlash ? ' (trailing slash)' : ''}`;
		default:
			return target.kind;
	}
}

describe('resolveLink', () => {
	it.each([
		// Pages by their file, relative to the linking file, as on GitHub.
		['guides/a.md', 'index.md', 'page /'],
		['guides/a.md', './ops/index.md#on-call', 'page /ops/#on-call'],
		['guides/ops/deep/b.md', '../../../practices/incident-management.md#raci', 'page /practices/incident-management/#raci'],
		['guides/a.md', 'My%20Page.md', 'page /My-Page/'],
		['guides/a.md', 'a.MD', 'page /a/ (same page)'],
		['guides/a.md', 'a.md#x', 'page /a/#x (same page)'],
		// Folders lead to their index page, with or without the slash.
		['guides/a.md', 'ops/', 'page /ops/'],
		['guides/a.md', './ops#x', 'page /ops/#x'],
		['guides/ops/deep/b.md', '../#top', 'page /ops/#top'],
		['guides/ops/deep/b.md', '../../', 'page /'],
		// The same page.
		['guides/a.md', '#x', 'page /a/#x (same page)'],
		['guides/a.md', '?tab=2#x', 'page /a/#x (same page)'],
		// Site-absolute routes, with or without the slash, or as .html.
		['guides/a.md', '/practices/incident-management/#raci', 'page /practices/incident-management/#raci'],
		['guides/a.md', '/practices/incident-management', 'page /practices/incident-management/'],
		['guides/a.md', '/practices/incident-management.html', 'page /practices/incident-management/'],
		['guides/a.md', '/ops/index.html', 'page /ops/'],
		['guides/a.md', '/raci/', 'route /raci/'],
		['guides/a.md', '/nowhere', 'route /nowhere/'],
		['guides/a.md', '/images/x.png', 'public /images/x.png'],
		// Files next to pages, drafts, and nothing.
		['guides/a.md', 'diagram.png', 'asset guides/diagram.png'],
		['guides/ops/deep/b.md', '../data.csv?download=1', 'asset guides/ops/data.csv'],
		['guides/a.md', '_draft.md', 'draft guides/_draft.md'],
		['guides/a.md', 'missing.md', 'missing guides/missing.md'],
		['guides/a.md', 'a.md/', 'missing guides/a.md (trailing slash)'],
		['guides/a.md', '../../README.md', 'outside'],
		// Other sites.
		['guides/a.md', 'https://example.com/x.md', 'external'],
		['guides/a.md', '//example.com/', 'external'],
		['guides/a.md', 'mailto:ops@example.com', 'external'],
	])('from %s: %s -> %s', (from, url, expected) => {
		expect(describe_(resolveLink(from, url, files))).toBe(expected);
	});
});

describe('renderedHref', () => {
	it.each([
		['guides/a.md', 'ops/index.md#on-call', '/hb/ops/#on-call'],
		['guides/a.md', './ops', '/hb/ops/'],
		['guides/a.md', '/practices/incident-management.html#raci', '/hb/practices/incident-management/#raci'],
		['guides/a.md', '/images/x.png?v=2', '/hb/images/x.png?v=2'],
		['guides/ops/deep/b.md', '../data.csv', `/hb${assetRoute('guides/ops/data.csv')}`],
		['guides/a.md', 'a.md#x', '/hb/a/#x'],
		// Left as written: this page's anchors, other sites, and what leads nowhere.
		['guides/a.md', '#x', undefined],
		['guides/a.md', '?tab=2#x', undefined],
		['guides/a.md', 'https://example.com/', undefined],
		['guides/a.md', 'missing.md', undefined],
		['guides/a.md', '_draft.md', undefined],
	])('from %s: %s -> %s', (from, url, expected) => {
		expect(renderedHref(resolveLink(from, url, files), url, '/hb/')).toBe(expected);
	});

	it('publishes files next to pages under /_content/, each part of the path encoded', () => {
		expect(assetRoute('guides/a b/c#d.png')).toBe('/_content/guides/a%20b/c%23d.png');
	});
});
