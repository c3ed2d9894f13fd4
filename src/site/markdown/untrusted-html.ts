import type { Element } from 'hast';

interface SatteriContext {
	removeNode(node: Element): void;
	setProperty(node: Element, name: string, value: unknown): void;
}

/** Properties that hold a URL a reader's browser follows or loads. */
const urlProperties = new Set(['href', 'src', 'action', 'formAction', 'poster', 'data', 'xLinkHref', 'cite', 'background']);

/** Whether a URL would run script (`javascript:`, `vbscript:`) or carry a document (`data:` other than an image). */
export function isScriptUrl(url: string): boolean {
	const plain = url.replace(/[\u0000-\u0020]/g, '').toLowerCase();
	return plain.startsWith('javascript:') || plain.startsWith('vbscript:') || (plain.startsWith('data:') && !plain.startsWith('data:image/'));
}

/**
 * Strips from a page's Markdown what would run script in a reader's browser: `<script>` and
 * `<iframe>` elements, `on…` event handlers, and `javascript:`, `vbscript:` and non-image
 * `data:` URLs, whether written as Markdown or raw HTML (the integration has raw HTML parsed into
 * elements). The `raw-html` rule reports each of them; with the rule off (trusted authors),
 * `strip()` is false and nothing is touched. A Sätteri hast plugin.
 */
export function satteriUntrustedHtml(strip: () => boolean) {
	return () => {
		if (!strip()) return undefined;
		return {
			name: 'handbook-untrusted-html',
			element: {
				// Every element: handlers and URLs can sit on any of them.
				filter: [],
				visit(node: Element, ctx: SatteriContext) {
					if (node.tagName === 'script' || node.tagName === 'iframe') {
						ctx.removeNode(node);
						return;
					}
					for (const [name, value] of Object.entries(node.properties ?? {})) {
						if (/^on[A-Za-z]/.test(name) || (urlProperties.has(name) && typeof value === 'string' && isScriptUrl(value))) {
							ctx.setProperty(node, name, null);
						}
					}
				},
			},
		};
	};
}
