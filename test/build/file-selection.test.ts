import { cp, mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkHandbook } from '../../src/checks/index.ts';
import { selectContentFiles } from '../../src/core/files.ts';
import { generatedRoutes } from '../../src/core/routes.ts';
import { type BuiltSite, buildSite, listHtml, repoRoot } from '../helpers/build.ts';

const today = '2026-11-22';

/**
 * A handbook with every kind of file the selection rule decides on: a `.markdown` page, a nested
 * guide, drafts (`_` file and folder), hidden files and folders, an upper-case extension, a
 * Markdown file outside every collection, a page at `/404/` (the site's not-found page), and symbolic links out of the content folder, in a
 * circle and within it. The policy lowers the `files` rule to warnings so that the build runs
 * and can be compared with the check.
 */
async function writeTree(content: string) {
	await cp(join(repoRoot, 'test/fixtures/site/content'), content, { recursive: true });
	const files: Record<string, string> = {
		'guides/extra.markdown': '# Extra page\n\nWritten with the long extension.\n',
		'guides/notes/deep/page.md': '# Deep page\n\nThree folders down.\n',
		'guides/_draft.md': '# Draft\n',
		'practices/_drafts/wip.md': '---\ntitle: Work in progress\n---\n',
		'guides/.hidden.md': '# Hidden\n',
		'guides/.hidden-folder/page.md': '# Hidden folder\n',
		'guides/SHOUTING.MD': '# Upper-case extension\n',
		'notes/outside.md': '# Outside every collection\n',
		'guides/404.md': '# Page not found\n\nAnother generator\'s not-found page.\n',
	};
	for (const [path, text] of Object.entries(files)) {
		await mkdir(join(content, path, '..'), { recursive: true });
		await writeFile(join(content, path), text);
	}
	const index = join(content, 'guides/index.md');
	await writeFile(index, `${await readFile(index, 'utf8')}\n[Extra](extra.markdown) and [deep](notes/deep/page.md).\n`);
	await writeFile(join(content, 'handbook.yaml'), `${await readFile(join(content, 'handbook.yaml'), 'utf8')}\nrules:\n  files: warning\n`);
	await symlink('/etc/passwd', join(content, 'guides/passwd.md'));
	await symlink('/etc', join(content, 'guides/etc'));
	await symlink('loop-b.md', join(content, 'guides/loop-a.md'));
	await symlink('loop-a.md', join(content, 'guides/loop-b.md'));
	await symlink('plain-page.md', join(content, 'guides/same-again.md'));
}

let content: string;
let site: BuiltSite;

beforeAll(async () => {
	const parent = join(repoRoot, 'node_modules/.cache/handbook-builds');
	await mkdir(parent, { recursive: true });
	content = join(await mkdtemp(join(parent, 'selection-')), 'content');
	await writeTree(content);
	site = await buildSite(content, { HANDBOOK_TODAY: today });
});

describe('the file selection', () => {
	it('takes pages with a lower-case page extension, and nothing hidden, drafted, linked or outside a collection', async () => {
		const selection = await selectContentFiles(content);
		const guides = selection.pages.filter((page) => page.collection === 'docs').map((page) => page.contentPath);
		expect(guides).toEqual([
			'guides/extra.markdown',
			'guides/index.md',
			'guides/notes/deep/page.md',
			'guides/operations/index.md',
			'guides/plain-page.md',
			'guides/web-shop-restarts.md',
		]);
		expect(selection.drafts).toEqual(['guides/_draft.md', 'practices/_drafts/wip.md']);
		expect(selection.problems.map((problem) => `${problem.kind} ${problem.contentPath}`)).toEqual([
			'not-found-route guides/404.md',
			'extension-case guides/SHOUTING.MD',
			'symlink-outside guides/etc',
			'symlink-loop guides/loop-a.md',
			'symlink-loop guides/loop-b.md',
			'symlink-outside guides/passwd.md',
			'symlink-inside guides/same-again.md',
			'outside-collections notes/outside.md',
		]);
	});

	it('is the same for the site and the check: the build publishes exactly the pages the check judged', async () => {
		const { graph } = await checkHandbook({ root: repoRoot, contentDir: content, today, cache: false });
		const checked = graph.entries.map((entry) => entry.route).sort();
		const generated = new Set([...graph.generatedRoutes, ...generatedRoutes(), '/404.html']);
		const built = (await listHtml(site.outDir))
			.map((file) => (file === '404.html' ? '/404.html' : `/${file.replace(/index\.html$/, '')}`))
			.filter((route) => !generated.has(route))
			.sort();
		expect(built).toEqual(checked);
		expect(checked).toContain('/extra/');
		expect(checked).toContain('/notes/deep/page/');
	});

	it('never follows a symbolic link: nothing from outside the content folder is published', async () => {
		const pages = await listHtml(site.outDir);
		expect(pages.filter((page) => /passwd|etc\/|loop|same-again|shouting|hidden|draft|wip|outside/i.test(page))).toEqual([]);
		for (const page of pages) expect(await readFile(join(site.outDir, page), 'utf8'), page).not.toContain('root:x:0:0');
	});
});
