import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detach, refreshUrl, srcsetUrls } from '../../src/checks/output/scan.ts';
import { type BrokenReference, percentDecode, routeOf, verifyBuiltSite } from '../../src/checks/output/verify.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/output/${name}/`, import.meta.url));

/** A broken reference as [line, column, attribute, value, reason, target]. */
type Row = [number, number, string, string, BrokenReference['reason'], string];
const rows = (broken: BrokenReference[]): Row[] =>
	broken.map((b) => [b.line, b.column, b.attribute, b.value, b.reason, b.target]);

/**
 * Each page of test/fixtures/output/site/ holds the links of one case, one per line: its broken
 * references, exactly, in order. A page whose links all resolve expects []; the counts of pages
 * and references below make sure that it was read at all.
 */
const siteCases: { name: string; page: string; broken: Row[] }[] = [
	{
		name: 'relative links from a nested page',
		page: '/cases/relative/deep/',
		broken: [
			[8, 10, 'href', '../sibling/', 'missing-page', '/cases/relative/sibling/'],
			[10, 11, 'src', '../../../nope.png', 'missing-file', '/nope.png'],
		],
	},
	{
		name: 'folders with and without a trailing slash',
		page: '/cases/folders/',
		broken: [
			[6, 10, 'href', '/guide', 'missing-page', '/guide'],
			[7, 10, 'href', '../../guide/setup', 'missing-page', '/guide/setup'],
			[8, 10, 'href', '/assets/empty-folder/', 'missing-page', '/assets/empty-folder/'],
			[10, 10, 'href', '/assets/notes.txt/', 'missing-page', '/assets/notes.txt/'],
		],
	},
	{
		name: 'index.html and .html files named explicitly',
		page: '/cases/index-html/',
		broken: [
			[7, 10, 'href', '/guide/missing/index.html', 'missing-page', '/guide/missing/index.html'],
			[9, 10, 'href', '/old', 'missing-page', '/old'],
			[10, 10, 'href', '/old/', 'missing-page', '/old/'],
		],
	},
	{
		name: 'missing pages, from a, area, form, formaction and a meta refresh',
		page: '/cases/missing-page/',
		broken: [
			[5, 10, 'href', '/nowhere/', 'missing-page', '/nowhere/'],
			[6, 10, 'href', '/nowhere/deeper/page.html', 'missing-page', '/nowhere/deeper/page.html'],
			[7, 13, 'href', '/nowhere-area/', 'missing-page', '/nowhere-area/'],
			[8, 15, 'action', '/search/', 'missing-page', '/search/'],
			[8, 45, 'formaction', '/search-again/', 'missing-page', '/search-again/'],
			[9, 44, 'content', '/moved/', 'missing-page', '/moved/'],
		],
	},
	{
		name: 'missing files: link, script, img src, srcset entries, poster, video src, object data',
		page: '/cases/missing-file/',
		broken: [
			[4, 30, 'href', '/assets/site.css', 'missing-file', '/assets/site.css'],
			[5, 14, 'src', '/assets/app.js', 'missing-file', '/assets/app.js'],
			[8, 11, 'src', '/assets/none.png', 'missing-file', '/assets/none.png'],
			[9, 35, 'srcset', '/assets/logo@2x.png', 'missing-file', '/assets/logo@2x.png'],
			[10, 26, 'srcset', '/assets/logo.webp', 'missing-file', '/assets/logo.webp'],
			[11, 16, 'poster', '/assets/poster.jpg', 'missing-file', '/assets/poster.jpg'],
			[11, 41, 'src', '/assets/clip.mp4', 'missing-file', '/assets/clip.mp4'],
			[12, 15, 'data', '/assets/manual.pdf', 'missing-file', '/assets/manual.pdf'],
			[13, 45, 'srcset', '/assets/gone.png', 'missing-file', '/assets/gone.png'],
		],
	},
	{
		name: 'anchors: present, missing, <a name>, on this page, inside svg',
		page: '/cases/anchors/',
		broken: [
			[7, 10, 'href', '/guide/#uninstall', 'missing-anchor', '/guide/#uninstall'],
			[9, 10, 'href', '#nope', 'missing-anchor', '/cases/anchors/#nope'],
			[11, 10, 'href', '/guide/#divname', 'missing-anchor', '/guide/#divname'],
			[13, 10, 'href', '/guide/setup/#install', 'missing-anchor', '/guide/setup/#install'],
			[14, 10, 'href', '/guide/index.html#steps', 'missing-anchor', '/guide/index.html#steps'],
		],
	},
	{
		name: 'ids in a comment, template, script, style or textarea do not count',
		page: '/cases/hidden-ids/',
		broken: [
			[5, 10, 'href', '/guide/#ghost', 'missing-anchor', '/guide/#ghost'],
			[6, 10, 'href', '/guide/#tpl', 'missing-anchor', '/guide/#tpl'],
			[7, 10, 'href', '/guide/#in-script', 'missing-anchor', '/guide/#in-script'],
			[8, 10, 'href', '/guide/#in-style', 'missing-anchor', '/guide/#in-style'],
			[9, 10, 'href', '/guide/#in-textarea', 'missing-anchor', '/guide/#in-textarea'],
		],
	},
	{
		name: '#top and # scroll to the top',
		page: '/cases/top/',
		broken: [[10, 10, 'href', '#_top', 'missing-anchor', '/cases/top/#_top']],
	},
	{
		name: 'fragments on files that are not HTML are not checked',
		page: '/cases/non-html-fragment/',
		broken: [[7, 10, 'href', '/assets/missing.txt#line-1', 'missing-file', '/assets/missing.txt']],
	},
	{
		name: 'query strings are dropped',
		page: '/cases/query/',
		broken: [
			[9, 10, 'href', '/nowhere/?x=1#install', 'missing-page', '/nowhere/'],
			[10, 10, 'href', '/guide/?a=1&b=2#nope', 'missing-anchor', '/guide/#nope'],
		],
	},
	{
		name: 'percent-encoded and non-ASCII paths and fragments',
		page: '/cases/encoding/',
		broken: [
			[12, 10, 'href', '/caf%C3%A8/', 'missing-page', '/cafè/'],
			[13, 10, 'href', '/guide/#caf%C3%A8', 'missing-anchor', '/guide/#cafè'],
			[14, 10, 'href', '/bad%E0%A4%A/', 'missing-page', '/bad%E0%A4%A/'],
			[15, 10, 'href', '/guide%2Fsetup/', 'missing-page', '/guide%2Fsetup/'],
		],
	},
	{
		name: 'paths and ids are case-sensitive',
		page: '/cases/case/',
		broken: [
			[5, 10, 'href', '/GUIDE/', 'missing-page', '/GUIDE/'],
			[7, 10, 'href', '/upper/', 'missing-page', '/upper/'],
			[8, 10, 'href', '/guide/#INSTALL', 'missing-anchor', '/guide/#INSTALL'],
			[9, 10, 'href', '/Guide/#install', 'missing-page', '/Guide/'],
		],
	},
	{ name: 'other origins, protocol-relative URLs and other schemes are skipped', page: '/cases/external/', broken: [] },
	{
		name: 'comments, scripts, styles, text and plain attributes hold no references; templates do',
		page: '/cases/not-references/',
		broken: [[11, 20, 'href', '/in-template/', 'missing-page', '/in-template/']],
	},
	{
		name: '<base href> changes what relative URLs resolve against',
		page: '/cases/base-element/',
		broken: [[6, 10, 'href', 'nope/', 'missing-page', '/guide/nope/']],
	},
	{
		name: '404.html resolves relative URLs against /404.html',
		page: '/404.html',
		broken: [[6, 10, 'href', 'missing/', 'missing-page', '/missing/']],
	},
	{ name: 'the home page', page: '/', broken: [] },
	{ name: 'a page with anchors and hidden ids', page: '/guide/', broken: [] },
	{ name: 'a nested page linking up', page: '/guide/setup/', broken: [] },
];

describe('verifyBuiltSite on a site served at /', async () => {
	const result = await verifyBuiltSite(fixture('site'), { base: '/' });

	it.each(siteCases)('$name ($page)', ({ page, broken }) => {
		expect(rows(result.broken.filter((b) => b.page === page))).toEqual(broken);
	});

	it('reports no page outside the cases', () => {
		const pages = new Set(siteCases.map((c) => c.page));
		expect(result.broken.filter((b) => !pages.has(b.page))).toEqual([]);
	});

	it('reads every HTML file and counts every same-origin reference it checks', () => {
		// 23 HTML files. The same-origin URLs, counted by hand: 5 on the home and guide pages, 96 on
		// the case pages and 404.html (none on /cases/external/, 1 on /cases/not-references/). A page
		// left unread or an external link checked changes it.
		expect(result.pages).toBe(23);
		expect(result.references).toBe(101);
	});

	it('takes outDir as a relative path, with or without a trailing slash', async () => {
		const relativeDir = relative(process.cwd(), fixture('site'));
		expect(await verifyBuiltSite(relativeDir, { base: '/' })).toEqual(result);
		expect(await verifyBuiltSite(`./${relativeDir}/`, { base: '/' })).toEqual(result);
	});

	it('gives the position of the URL in the file', () => {
		for (const b of result.broken) {
			const file = b.page.endsWith('/') ? `${b.page.slice(1)}index.html` : b.page.slice(1);
			const line = readFileSync(join(fixture('site'), file), 'utf8').split('\n')[b.line - 1] ?? '';
			// Values with character references are written otherwise in the source.
			const written = b.value.replaceAll('&', '&amp;');
			expect(line.slice(b.column - 1), `${b.page} ${b.value}`).toMatch(new RegExp(`^${written.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
		}
	});
});

describe('verifyBuiltSite on a site served at /hb/', async () => {
	const result = await verifyBuiltSite(fixture('site-hb'), { base: '/hb/' });

	it('checks paths under the base, reports the rest as outside it', () => {
		expect(result.broken.map((b) => [b.page, ...rows([b])[0]!])).toEqual([
			['/', 9, 10, 'href', '/guide/', 'outside-base', '/guide/'],
			['/', 10, 10, 'href', '/hb', 'outside-base', '/hb'],
			['/', 11, 10, 'href', '../elsewhere/', 'outside-base', '/elsewhere/'],
			['/', 12, 10, 'href', '/hbx/', 'outside-base', '/hbx/'],
			['/', 13, 10, 'href', '/hb/nope/', 'missing-page', '/hb/nope/'],
			['/', 14, 10, 'href', '/hb/guide/#nope', 'missing-anchor', '/hb/guide/#nope'],
			['/', 15, 11, 'src', '/favicon.svg', 'outside-base', '/favicon.svg'],
			['/guide/', 7, 10, 'href', '../../', 'outside-base', '/'],
			['/guide/', 10, 10, 'href', '#outro', 'missing-anchor', '/hb/guide/#outro'],
		]);
		expect(result).toMatchObject({ pages: 2, references: 17 });
	});

	it('takes the base with or without slashes', async () => {
		expect((await verifyBuiltSite(fixture('site-hb'), { base: 'hb' })).broken).toEqual(result.broken);
	});

	it('finds every link broken when the base is wrong', async () => {
		const wrong = await verifyBuiltSite(fixture('site-hb'), { base: '/' });
		expect(wrong.broken.filter((b) => b.value === '/hb/guide/')).toMatchObject([{ reason: 'missing-page', target: '/hb/guide/' }]);
	});
});

describe('positions', () => {
	it('are the line and column of the URL itself, across lines, quotes, character references and wide characters', async () => {
		const result = await verifyBuiltSite(fixture('positions'), { base: '/' });
		expect(rows(result.broken)).toEqual([
			[7, 9, 'href', '/p1/', 'missing-page', '/p1/'],
			[8, 21, 'srcset', '/assets/a.png?x=1&y=2', 'missing-file', '/assets/a.png'],
			[9, 6, 'srcset', '/p2.png', 'missing-file', '/p2.png'],
			// é is one UTF-16 code unit, 😀 two.
			[10, 17, 'href', '/p3/', 'missing-page', '/p3/'],
			[10, 41, 'href', '/p4/', 'missing-page', '/p4/'],
			[11, 18, 'href', '/guide/?a=&b#p5', 'missing-page', '/guide/'],
			[12, 21, 'srcset', '/p6.png', 'missing-file', '/p6.png'],
			// After `&#x20;`, six characters in the source for one in the value.
			[12, 38, 'srcset', '/p7.png', 'missing-file', '/p7.png'],
			[13, 44, 'content', '/p8/', 'missing-page', '/p8/'],
		]);
	});

	describe('with CRLF line ends', () => {
		let dir: string;
		beforeAll(() => {
			dir = mkdtempSync(join(tmpdir(), 'verify-site-'));
			writeFileSync(join(dir, 'index.html'), '<!doctype html>\r\n<title>x</title>\r\n<p>\r\n  <a href="/gone/">gone</a>\r\n');
		});
		afterAll(() => rmSync(dir, { recursive: true, force: true }));

		it('count lines by their line feeds', async () => {
			const result = await verifyBuiltSite(dir, { base: '/' });
			expect(rows(result.broken)).toEqual([[4, 12, 'href', '/gone/', 'missing-page', '/gone/']]);
		});
	});
});

describe('after a verification that found nothing broken', () => {
	let dir: string;
	const page = (links: string, ids = '<h2 id="intro">Intro</h2><h2 id="setup">Setup</h2>') => `<!doctype html>\n<title>x</title>\n${ids}\n${links}\n`;
	const write = (file: string, html: string) => writeFileSync(join(dir, file), html);
	beforeAll(() => {
		dir = mkdtempSync(join(tmpdir(), 'verify-again-'));
		for (const name of ['a', 'b', 'c']) mkdirSync(join(dir, name));
		write('index.html', page('<a href="/a/#intro">a</a> <a href="/b/">b</a>'));
		write('a/index.html', page('<a href="/b/#setup">b</a>'));
		write('b/index.html', page('<a href="/#intro">home</a> <a href="/c/">c</a>'));
		write('c/index.html', page('<a href="/a/">a</a>'));
	});
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('verifies only the pages that changed, when no file went away and no anchor was lost', async () => {
		const first = await verifyBuiltSite(dir, { base: '/' });
		expect(first.broken).toEqual([]);
		expect(first.verifiedPages).toBe(4);
		write('c/index.html', page('<a href="/a/#setup">a</a> <a href="/a/#nowhere">a</a>'));
		const again = await verifyBuiltSite(dir, { base: '/', previous: first.state });
		expect(again.verifiedPages).toBe(1);
		expect(rows(again.broken)).toEqual([[4, 36, 'href', '/a/#nowhere', 'missing-anchor', '/a/#nowhere']]);
		// The same as verifying everything.
		expect(again.broken).toEqual((await verifyBuiltSite(dir, { base: '/' })).broken);
	});

	it('verifies every page again when a changed page lost an anchor another page may use', async () => {
		write('c/index.html', page('<a href="/a/">a</a>'));
		const first = await verifyBuiltSite(dir, { base: '/' });
		write('b/index.html', page('<a href="/#intro">home</a> <a href="/c/">c</a>', '<h2 id="intro">Intro</h2>'));
		const again = await verifyBuiltSite(dir, { base: '/', previous: first.state });
		expect(again.verifiedPages).toBe(4);
		expect(rows(again.broken)).toEqual([[4, 10, 'href', '/b/#setup', 'missing-anchor', '/b/#setup']]);
	});

	it('verifies every page again when a file some page refers to went away', async () => {
		write('b/index.html', page('<a href="/#intro">home</a> <a href="/c/">c</a>'));
		const first = await verifyBuiltSite(dir, { base: '/' });
		rmSync(join(dir, 'c'), { recursive: true });
		const again = await verifyBuiltSite(dir, { base: '/', previous: first.state });
		expect(again.verifiedPages).toBe(3);
		expect(rows(again.broken)).toEqual([[4, 37, 'href', '/c/', 'missing-page', '/c/']]);
	});

	it('verifies every page when the last verification was of another base path', async () => {
		const first = await verifyBuiltSite(dir, { base: '/hb/' });
		const again = await verifyBuiltSite(dir, { base: '/', previous: first.state });
		expect(again.verifiedPages).toBe(3);
	});
});

describe('ignore', () => {
	it('skips the URLs it returns true for, and they are not counted', async () => {
		const all = await verifyBuiltSite(fixture('site-hb'), { base: '/hb/' });
		const seen: string[] = [];
		const result = await verifyBuiltSite(fixture('site-hb'), {
			base: '/hb/',
			ignore: (url) => {
				seen.push(url.href);
				return url.pathname.startsWith('/hb/nope/') || url.hash === '#outro';
			},
		});
		expect(all.broken.map((b) => b.value)).toEqual(expect.arrayContaining(['/hb/nope/', '#outro']));
		expect(result.broken.map((b) => b.value)).not.toEqual(expect.arrayContaining(['/hb/nope/']));
		expect(result.broken).toHaveLength(all.broken.length - 2);
		expect(result.references).toBe(all.references - 2);
		expect(seen).toContain('https://site.invalid/hb/guide/#intro');
	});
});

describe('helpers', () => {
	it('routeOf gives the URL path of an HTML file', () => {
		expect(['index.html', 'a/b/index.html', '404.html', 'a/page.html'].map(routeOf)).toEqual(['/', '/a/b/', '/404.html', '/a/page.html']);
	});

	it('srcsetUrls splits candidates as the HTML standard does', () => {
		expect(srcsetUrls(' a.png 1x,b.png  2x , c.png,, d,e.png (1,2) 3w,f.png')).toEqual([
			{ url: 'a.png', index: 1 },
			{ url: 'b.png', index: 10 },
			{ url: 'c.png', index: 22 },
			{ url: 'd,e.png', index: 30 },
			{ url: 'f.png', index: 47 },
		]);
	});

	it('refreshUrl finds the URL of a meta refresh', () => {
		expect(refreshUrl('0; url=/moved/')).toEqual({ url: '/moved/', index: 7 });
		expect(refreshUrl('5;URL="/q/"')).toEqual({ url: '/q/', index: 7 });
		expect(refreshUrl('1.5, /r/')).toEqual({ url: '/r/', index: 5 });
		expect(refreshUrl('30')).toBeUndefined();
		expect(refreshUrl('soon; url=/x/')).toBeUndefined();
	});

	it('detach copies strings unchanged', () => {
		const page = '<a id="a-long-heading-id-with-café">x</a>';
		for (const text of ['', 'short', page.slice(7, 35), page]) expect(detach(text)).toBe(text);
	});

	it('percentDecode decodes UTF-8 and leaves bad escapes', () => {
		expect(percentDecode('caf%C3%A9')).toBe('café');
		expect(percentDecode('100%')).toBe('100%');
		expect(percentDecode('%zz%41')).toBe('%zzA');
		expect(percentDecode('%FF')).toBe('\uFFFD');
	});
});
