import sanitizeHtml from 'sanitize-html';

/** Escapes text for use where Starlight writes HTML as it is (`set:html`). */
export function escapeHtml(text: string): string {
	return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** Inline formatting, links and images: what a hero tagline or a banner needs, and nothing that runs. */
function cleanHtml(html: string): string {
	return sanitizeHtml(html, {
		allowedTags: ['a', 'b', 'strong', 'em', 'i', 'code', 'kbd', 'br', 'span', 'small', 'sub', 'sup', 'img', 'picture', 'source', 'abbr', 'mark'],
		allowedAttributes: { a: ['href', 'title', 'rel', 'target'], img: ['src', 'alt', 'width', 'height'], source: ['srcset', 'media', 'type'], '*': ['class', 'lang', 'dir'] },
		allowedSchemes: ['http', 'https', 'mailto', 'tel'],
		allowedSchemesAppliedToAttributes: ['href', 'src', 'srcset'],
	});
}

interface HeadEntry {
	tag: string;
	attrs?: Record<string, string | boolean | undefined>;
	content?: string;
}

interface PageData {
	title: string;
	hero?: { title?: string; tagline?: string; image?: { html?: string } } | undefined;
	banner?: { content: string } | undefined;
}

/**
 * Makes a page's frontmatter safe where Starlight renders it as HTML (`set:html`). The page title
 * is always text: it is escaped in `<title>` and in a splash page's hero. Unless the authors are
 * trusted (`raw-html: off`), `<head>` keeps only `meta`, `link` and `title` entries without event
 * handlers or script URLs, and the hero tagline, hero image markup and banner keep only inline
 * formatting, links and images. The `raw-html` rule reports what is removed.
 */
export function neutraliseFrontmatter(route: { head: HeadEntry[]; entry: { data: PageData } }, strip: boolean): void {
	for (const entry of route.head) if (entry.tag === 'title' && entry.content !== undefined) entry.content = escapeHtml(entry.content);
	const { data } = route.entry;
	if (data.hero) data.hero.title = data.hero.title === undefined ? escapeHtml(data.title) : strip ? cleanHtml(data.hero.title) : data.hero.title;
	if (!strip) return;
	route.head = route.head.filter(
		(entry) =>
			['meta', 'link', 'title'].includes(entry.tag) &&
			Object.entries(entry.attrs ?? {}).every(([name, value]) => !/^on/i.test(name) && !(typeof value === 'string' && /^\s*(javascript|vbscript|data):/i.test(value))),
	);
	if (data.hero?.tagline !== undefined) data.hero.tagline = cleanHtml(data.hero.tagline);
	if (data.hero?.image?.html !== undefined) data.hero.image.html = cleanHtml(data.hero.image.html);
	if (data.banner) data.banner.content = cleanHtml(data.banner.content);
}
