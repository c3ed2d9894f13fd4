import { isPlainObject } from './validate.ts';

/**
 * The frontmatter fields a page shows as HTML (Starlight renders them with `set:html`): the
 * splash page's hero title, tagline and image markup, the banner, and `<head>` entries.
 */
export function frontmatterHtml(raw: Record<string, unknown>): { path: (string | number)[]; html: string }[] {
	const found: { path: (string | number)[]; html: string }[] = [];
	const add = (path: (string | number)[], value: unknown) => {
		if (typeof value === 'string') found.push({ path, html: value });
	};
	if (isPlainObject(raw.hero)) {
		add(['hero', 'title'], raw.hero.title);
		add(['hero', 'tagline'], raw.hero.tagline);
		if (isPlainObject(raw.hero.image)) add(['hero', 'image', 'html'], raw.hero.image.html);
	}
	if (isPlainObject(raw.banner)) add(['banner', 'content'], raw.banner.content);
	if (Array.isArray(raw.head)) {
		raw.head.forEach((entry, index) => {
			if (!isPlainObject(entry) || typeof entry.tag !== 'string') return;
			const attrs = isPlainObject(entry.attrs) ? Object.entries(entry.attrs).map(([name, value]) => ` ${name}="${String(value).replaceAll('"', '&quot;')}"`).join('') : '';
			add(['head', index], `<${entry.tag}${attrs}>${typeof entry.content === 'string' ? entry.content : ''}</${entry.tag}>`);
		});
	}
	return found;
}
