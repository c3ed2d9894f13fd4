import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Agreement, measureAgreement } from '../../scripts/agreement.ts';
import { buildEnvironment, repoRoot } from '../helpers/build.ts';

/**
 * The source check and the built site agree on every link. The zoo (test/fixtures/zoo, over the
 * fixture handbook) holds links of every kind, broken and not, in Markdown, raw HTML, reference
 * definitions, frontmatter and MDX's JSX. Its policy turns the `links` rule off so the site
 * builds (under a base path); then the check's verdict on each link is compared with the built
 * site's: every broken href, src and fragment in dist/, mapped back to its source line.
 */
let agreement: Agreement;
let built: string;

beforeAll(async () => {
	const parent = join(repoRoot, 'node_modules/.cache/handbook-builds');
	await mkdir(parent, { recursive: true });
	const work = await mkdtemp(join(parent, 'zoo-'));
	const content = join(work, 'content');
	await cp(join(repoRoot, 'test/fixtures/site/content'), content, { recursive: true });
	await cp(join(repoRoot, 'test/fixtures/zoo/content'), content, { recursive: true });
	agreement = await measureAgreement(content, {
		base: '/hb/',
		outDir: join(work, 'dist'),
		env: { ...buildEnvironment(), HANDBOOK_TODAY: '2026-11-22', HANDBOOK_CACHE_DIR: join(work, 'cache') },
		today: '2026-11-22',
	});
	// With broken links the build leaves the site unpublished, next to where it would go.
	built = existsSync(join(work, 'dist.staging')) ? join(work, 'dist.staging') : join(work, 'dist');
});

describe('the check and the built site', () => {
	it('agree on every link of the zoo', () => {
		expect(agreement.site).toEqual(agreement.check);
		// Not vacuous: the zoo has many links, and many of them are broken.
		expect(agreement.links).toBeGreaterThanOrEqual(80);
		expect(agreement.check.length).toBeGreaterThanOrEqual(20);
		expect(agreement.references).toBeGreaterThan(200);
	});

	it('show a Markdown image Astro cannot read the size of as the file it is, published next to the others', async () => {
		const html = await readFile(join(built, 'zoo/index.html'), 'utf8');
		for (const image of ['drawing.svg', 'no-size.svg', 'by-reference.svg']) {
			const src = `/hb/_content/guides/zoo/diagrams/${image}`;
			expect(html).toContain(`src="${src}"`);
			expect(existsSync(join(built, src.slice('/hb/'.length)))).toBe(true);
		}
	});
});
