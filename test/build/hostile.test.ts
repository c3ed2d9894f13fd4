import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkHandbook, messageIdOf } from '../../src/checks/index.ts';
import { scanPage } from '../../src/checks/output/scan.ts';
import { type BuiltSite, buildSite, fixtureBuildEnv, listHtml, repoRoot } from '../helpers/build.ts';

/**
 * Content is untrusted input: it arrives in pull requests. A page that tries to run script in
 * readers' browsers is reported, and what reaches the site is neutralised.
 */
const pages: Record<string, string> = {
	'guides/breakout.md': `---
title: "</title><script>alert('title')</script>"
description: '"><script>alert("description")</script>'
head:
  - tag: script
    content: alert('head')
  - tag: meta
    attrs: { name: robots, content: noindex }
---

Linked from the home page.
`,
	'guides/splash.md': `---
title: <img src=x onerror=alert('hero')>
template: splash
hero:
  tagline: <b>Bold</b> <img src=/favicon.svg onerror=alert('tagline')>
banner:
  content: <a href="javascript:alert('banner')">click</a> and <em>fine</em>
---

A splash page.
`,
	'guides/scripts.md': `# Scripts

<script>alert('raw script')</script>

<p onclick="alert('handler')">Click</p>

<iframe src="https://example.com/"></iframe>

<a href="data:text/html,<script>alert('data')</script>">data link</a>
`,
};

let site: BuiltSite;
let content: string;

beforeAll(async () => {
	const parent = join(repoRoot, 'node_modules/.cache/handbook-builds');
	await mkdir(parent, { recursive: true });
	content = join(await mkdtemp(join(parent, 'hostile-')), 'content');
	await cp(join(repoRoot, 'test/fixtures/site/content'), content, { recursive: true });
	for (const [path, text] of Object.entries(pages)) await writeFile(join(content, path), text);
	// All warnings, so that the site builds and its neutralising can be seen (by default a javascript: link is an error).
	await writeFile(join(content, 'handbook.yaml'), `${await readFile(join(content, 'handbook.yaml'), 'utf8')}\nrules:\n  raw-html: warning\n`);
	const index = join(content, 'guides/index.md');
	await writeFile(index, `${await readFile(index, 'utf8')}\n[a](breakout.md) [b](splash.md) [c](scripts.md)\n`);
	site = await buildSite(content, fixtureBuildEnv);
});

describe('hostile content', () => {
	it('is reported by the raw-html rule (here all warnings), which the site strips', async () => {
		const result = await checkHandbook({ root: repoRoot, contentDir: content, today: '2026-11-22', cache: false });
		const found = result.files
			.filter((file) => /breakout|splash|scripts/.test(file.path))
			.flatMap((file) => file.messages.filter((message) => message.ruleId === 'raw-html').map((message) => `${file.path.split('/').at(-1)}:${message.line} ${messageIdOf(message)} ${message.fatal ? 'error' : 'warning'}`));
		expect(found).toEqual([
			'breakout.md:5 frontmatterHtml warning', // the head script entry
			'scripts.md:3 script warning',
			'scripts.md:5 eventHandler warning',
			'scripts.md:7 iframe warning',
			'scripts.md:9 dataUrl warning',
			'splash.md:5 frontmatterHtml warning', // tagline
			'splash.md:7 frontmatterHtml warning', // banner with a javascript: link
		]);
	});

	it('runs no script of the content in the built site', async () => {
		for (const page of await listHtml(site.outDir)) {
			const html = await readFile(join(site.outDir, page), 'utf8');
			// The payloads may remain as text (in an attribute value), never as markup: read the page as a browser does.
			const document = parseDocument(html);
			const scripts = DomUtils.getElementsByTagName('script', document).map((script) => DomUtils.textContent(script));
			expect(scripts.filter((text) => text.includes('alert(')), page).toEqual([]);
			expect(DomUtils.getElementsByTagName('iframe', document), page).toEqual([]);
			// The only hazards left are the site's own scripts.
			for (const hazard of scanPage(html).hazards) expect(`${page}: ${hazard.kind}`).toMatch(/: script$/);
		}
	});

	it('escapes a title written to break out of <title>, and keeps safe head entries', async () => {
		const html = await readFile(join(site.outDir, 'breakout/index.html'), 'utf8');
		expect(html).toContain('<title>&lt;/title&gt;&lt;script&gt;');
		expect(html).toContain('<meta name="robots" content="noindex"/>');
		expect(html).not.toContain("alert('head')");
		const splash = await readFile(join(site.outDir, 'splash/index.html'), 'utf8');
		expect(splash).toContain('<b>Bold</b>');
		expect(splash).toContain('<em>fine</em>');
	});
});
