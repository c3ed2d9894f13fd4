/**
 * How other generators make heading ids, so that a link written for one (`page.html#step-1-do-x`)
 * can be pointed at the id the handbook's renderer gives the same heading. Each takes a heading's
 * plain text and returns the id before de-duplication.
 */
export type SlugDialect = 'mkdocs' | 'redcarpet' | 'hugo' | 'github';

/** Python-Markdown's `toc` extension (MkDocs): ASCII only, punctuation dropped, runs of spaces and hyphens one hyphen. */
function pythonMarkdownSlug(text: string): string {
	const ascii = text.normalize('NFKD').replace(/[^\x00-\x7f]/g, '');
	return ascii
		.replace(/[^\w\s-]/g, '')
		.trim()
		.toLowerCase()
		.replace(/[-\s]+/g, '-');
}

/**
 * Redcarpet's `with_toc_data` (Middleman, GOV.UK tech docs): the text HTML-escaped first (so an
 * apostrophe leaves `39`: "What we're doing" -> `what-we-39-re-doing`), in lower case, every run
 * of other characters one hyphen.
 */
function redcarpetSlug(text: string): string {
	const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
	return escaped
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, '-')
		.replace(/^-+|-+$/g, '');
}

/** Goldmark's GitHub-style ids (Hugo): lower case, spaces hyphens, other punctuation but `-` and `_` dropped. */
function hugoSlug(text: string): string {
	return text
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s_-]/gu, '')
		.replace(/\s/g, '-');
}

/** GitHub's own (and the handbook renderer's, before de-duplication). */
function githubSlug(text: string): string {
	return text
		.toLowerCase()
		.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
		.replace(/ /g, '-');
}

const dialects: Record<SlugDialect, (text: string) => string> = {
	mkdocs: pythonMarkdownSlug,
	redcarpet: redcarpetSlug,
	hugo: hugoSlug,
	github: githubSlug,
};

/**
 * The ids a generator gives a page's headings, in order, de-duplicated as it does: MkDocs appends
 * `_1`, `_2`; the others `-1`, `-2`.
 */
export function generatorSlugs(dialect: SlugDialect, headings: readonly string[]): string[] {
	return generatorSlugsWithDepth(dialect, headings.map((text) => ({ text, depth: 2 }))).map((slugs) => slugs[0]!);
}

/**
 * The ids a generator may have given each heading: its own id first, then, for GOV.UK's tech
 * docs (Redcarpet), the id prefixed with each enclosing heading's (`what-we-decided-transit-gateway`
 * for "Transit Gateway" under "What we decided"), which it uses to tell repeated headings apart.
 */
export function generatorSlugsWithDepth(dialect: SlugDialect, headings: readonly { text: string; depth: number }[]): string[][] {
	// The renderer's smart punctuation is undone: the old generator saw the quotes as written.
	const own = ownSlugs(dialect, headings.map((heading) => heading.text.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/\u2013/g, '--').replace(/\u2014/g, '---')));
	if (dialect !== 'redcarpet') return own.map((slug) => [slug]);
	const ancestors: { depth: number; slug: string }[] = [];
	return headings.map((heading, index) => {
		while (ancestors.length > 0 && ancestors.at(-1)!.depth >= heading.depth) ancestors.pop();
		const slug = own[index]!;
		const prefixed = [
			...ancestors.map((_, start) => [...ancestors.slice(start).map((ancestor) => ancestor.slug), slug].join('-')),
			...ancestors.map((ancestor) => `${ancestor.slug}-${slug}`),
		];
		ancestors.push({ depth: heading.depth, slug });
		return [slug, ...prefixed];
	});
}

function ownSlugs(dialect: SlugDialect, headings: readonly string[]): string[] {
	const seen = new Map<string, number>();
	const slug = dialects[dialect];
	const separator = dialect === 'mkdocs' ? '_' : '-';
	return headings.map((text) => {
		const base = slug(text);
		const count = seen.get(base) ?? 0;
		seen.set(base, count + 1);
		return count === 0 ? base : `${base}${separator}${count}`;
	});
}
