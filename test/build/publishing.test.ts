import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite, fixtureBase as base, fixtureBuildEnv, fixtureContent, listHtml, sharedFixtureSite, sharedFixtureSiteUnderBase } from '../helpers/build.ts';

/** Every href and src of a page that points into the site (not external, not mailto:). */
function internalLinks(html: string): string[] {
	const links: string[] = [];
	for (const match of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
		const url = match[1]!.replaceAll('&amp;', '&');
		if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//') || url.startsWith('#') || url === '') continue;
		links.push(url);
	}
	return links;
}

/** The ids a page's elements have, i.e. the anchors a link to it may name. */
function ids(html: string): Set<string> {
	return new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]!));
}

describe('a build under a sub-path', () => {
	let outDir: string;
	beforeAll(async () => {
		({ outDir } = await sharedFixtureSiteUnderBase());
	});

	it('has every internal link of every page lead to a file and anchor of the site', async () => {
		const pages = await listHtml(outDir);
		expect(pages.length).toBeGreaterThan(10);
		const problems: string[] = [];
		let checked = 0;
		for (const page of pages) {
			const html = await readFile(join(outDir, page), 'utf8');
			for (const link of internalLinks(html)) {
				checked++;
				const [path = '', anchor] = link.split('#');
				const absolute = path.startsWith('/') ? path : new URL(path, `http://site${base}${page}`).pathname;
				if (!absolute.startsWith(base)) {
					problems.push(`${page}: ${link} is outside ${base}`);
					continue;
				}
				const file = join(outDir, decodeURIComponent(absolute.slice(base.length).split('?')[0]!));
				const target = absolute.endsWith('/') ? join(file, 'index.html') : file;
				if (!existsSync(target)) {
					problems.push(`${page}: ${link} leads to no file`);
					continue;
				}
				if (anchor && target.endsWith('.html') && !ids(await readFile(target, 'utf8')).has(decodeURIComponent(anchor))) {
					problems.push(`${page}: ${link} names no element of its page`);
				}
			}
		}
		expect(problems).toEqual([]);
		expect(checked).toBeGreaterThan(100);
	});
});

describe('two builds of the same commit', () => {
	it('produce identical HTML', async () => {
		const [first, second] = await Promise.all([sharedFixtureSite(), buildSite(fixtureContent, fixtureBuildEnv)]);
		const pages = await listHtml(first.outDir);
		expect(await listHtml(second.outDir)).toEqual(pages);
		const different: string[] = [];
		for (const page of pages) {
			const [a, b] = await Promise.all([readFile(join(first.outDir, page)), readFile(join(second.outDir, page))]);
			if (!a.equals(b)) different.push(page);
		}
		expect(different).toEqual([]);
	});
});
