import { cp, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite, fixtureBuildEnv, repoRoot } from '../helpers/build.ts';

/** Every file under a folder with its bytes, to compare a folder before and after. */
async function snapshot(dir: string): Promise<Map<string, Buffer>> {
	const entries = await readdir(dir, { recursive: true, withFileTypes: true });
	const files = new Map<string, Buffer>();
	for (const entry of entries) {
		if (entry.isFile()) files.set(relative(dir, join(entry.parentPath, entry.name)), await readFile(join(entry.parentPath, entry.name)));
	}
	return files;
}

async function failingBuild(content: string, outDir: string) {
	return buildSite(content, fixtureBuildEnv, { outDir }).then(
		() => ({ code: 0, stderr: '' }),
		(error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
	);
}

let content: string;
let outDir: string;
let published: Map<string, Buffer>;

// A good build publishes the fixture site; then each failing build must leave it byte for byte.
beforeAll(async () => {
	const parent = join(repoRoot, 'node_modules/.cache/handbook-builds');
	await mkdir(parent, { recursive: true });
	const work = await mkdtemp(join(parent, 'atomic-'));
	content = join(work, 'content');
	outDir = join(work, 'dist');
	await cp(join(repoRoot, 'test/fixtures/site/content'), content, { recursive: true });
	await buildSite(content, fixtureBuildEnv, { outDir });
	published = await snapshot(outDir);
});

describe('a build that fails', () => {
	it('leaves the published site as it was when the check finds errors', async () => {
		const page = join(content, 'guides/plain-page.md');
		const before = await readFile(page, 'utf8');
		await writeFile(page, `${before}\n[broken](missing-page.md)\n`);
		const { code, stderr } = await failingBuild(content, outDir);
		await writeFile(page, before);
		expect(code).toBe(1);
		expect(stderr).toMatch(/the check found 1 error\(s\), listed above; nothing was built and .*dist\/ is as it was\./);
		expect(await snapshot(outDir)).toEqual(published);
	});

	it('leaves the published site as it was when rendering fails', async () => {
		// Valid MDX that the check accepts (MDX allowed: the authors are trusted), but that throws when its page renders.
		await writeFile(join(content, 'handbook.yaml'), `${await readFile(join(content, 'handbook.yaml'), 'utf8')}\nrules:\n  mdx: off\n`);
		const page = join(content, 'guides/explodes.mdx');
		await writeFile(page, '---\ntitle: Explodes\n---\n\nLinked from nowhere, and fails to render: {(() => { throw new Error("render failure") })()}\n');
		const { code, stderr } = await failingBuild(content, outDir);
		expect(code).toBe(1);
		expect(stderr).toMatch(/the site could not be built: .*render failure[\s\S]*Nothing was published and .*dist\/ is as it was\./);
		expect(await snapshot(outDir)).toEqual(published);
	});
});
