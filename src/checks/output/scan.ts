import { type TokenizerCallbacks, Tokenizer } from 'htmlparser2';

/** A URL written in one attribute of a page, before it is resolved. */
export interface ScannedReference {
	/** `href`, `src`, `srcset`, `poster`, `action`, `formaction`, `data`, `imagesrcset`, `xlink:href`, `content` (meta refresh). */
	attribute: string;
	/** The URL as the DOM holds it (character references decoded); one candidate for `srcset`. */
	value: string;
	/** 1-based line and column (UTF-16 code units) of the URL's first character in the HTML source. */
	line: number;
	column: number;
}

/** A heading element (`<h1>` to `<h6>`), with its text as the DOM's textContent has it. */
export interface ScannedHeading {
	depth: number;
	text: string;
	/** Its `id` attribute, if it has one. */
	id: string | undefined;
	line: number;
	column: number;
}

/** Markup that can run script in a reader's browser: a `<script>` or `<iframe>`, an `on*` handler, a `javascript:` or `data:` URL. */
export interface ScannedHazard {
	kind: 'script' | 'iframe' | 'event-handler' | 'javascript-url' | 'data-url';
	/** The element, or the attribute (`onclick`). */
	name: string;
	line: number;
	column: number;
}

/** What one HTML page declares and refers to. */
export interface PageScan {
	/** The targets a `#fragment` can name: every `id`, and the `name` of `<a>` elements. */
	anchors: Set<string>;
	/** The `href` of the first `<base>` that has one, if any. */
	baseHref: string | undefined;
	references: ScannedReference[];
	headings: ScannedHeading[];
	hazards: ScannedHazard[];
}

/**
 * The attributes that hold a URL, per element, as a browser fetches or navigates to them. Names
 * are lower case (the tokenizer lower-cases them). `srcset`-like attributes hold candidate lists.
 * Left out on purpose: `cite`, `ping`, `longdesc`, `itemtype`, `manifest`, `<iframe srcdoc>`,
 * `<meta content>` other than a refresh, and URLs inside CSS or scripts.
 */
export const urlAttributes: ReadonlyMap<string, ReadonlySet<string>> = new Map(
	Object.entries({
		a: ['href', 'xlink:href'],
		area: ['href'],
		link: ['href', 'imagesrcset'],
		img: ['src', 'srcset'],
		source: ['src', 'srcset'],
		script: ['src', 'xlink:href'],
		iframe: ['src'],
		embed: ['src'],
		object: ['data'],
		video: ['src', 'poster'],
		audio: ['src'],
		track: ['src'],
		input: ['src', 'formaction'],
		button: ['formaction'],
		form: ['action'],
		meta: ['content'],
		// SVG elements that refer to other resources or to fragments.
		use: ['href', 'xlink:href'],
		image: ['href', 'xlink:href'],
		feimage: ['href', 'xlink:href'],
		textpath: ['href', 'xlink:href'],
	}).map(([element, names]) => [element, new Set(names)]),
);

export const srcsetAttributes: ReadonlySet<string> = new Set(['srcset', 'imagesrcset']);

interface Attribute {
	name: string;
	value: string;
	/** Source offset of the value's first character (of the name when the value is empty). */
	start: number;
	/** Where the decoded value's pieces start in the source: pairs of [decoded index, source offset]. */
	pieces: number[] | undefined;
}

/**
 * Reads one HTML page with htmlparser2's tokenizer (the HTML tokenizer states, with raw text in
 * `<script>`, `<style>`, `<textarea>`, `<title>`, `<xmp>`, `<iframe>`, `<noembed>`, `<noframes>`),
 * so that nothing in a comment, a script or a style counts. Ids inside `<template>` are left out,
 * as they are not in the document; URLs inside it are checked, as they are once it is used.
 */
export function scanPage(html: string): PageScan {
	const anchors = new Set<string>();
	const references: ScannedReference[] = [];
	const headings: ScannedHeading[] = [];
	const hazards: ScannedHazard[] = [];
	let baseHref: string | undefined;
	let heading: ScannedHeading | undefined;
	let tagStart = 0;

	let tagName = '';
	let attributes: Attribute[] = [];
	let current: Attribute | undefined;
	let decodedEntity = false;
	let cursor = 0;
	let templateDepth = 0;
	let foreignDepth = 0;

	// Positions: offsets arrive in increasing order, so lines are counted once, moving forward.
	let line = 1;
	let lineStart = 0;
	let nextNewline = html.indexOf('\n');
	const position = (offset: number): { line: number; column: number } => {
		if (offset < lineStart) {
			// Not expected; count from the start rather than give a wrong position.
			line = 1;
			lineStart = 0;
			nextNewline = html.indexOf('\n');
		}
		while (nextNewline !== -1 && nextNewline < offset) {
			line++;
			lineStart = nextNewline + 1;
			nextNewline = html.indexOf('\n', lineStart);
		}
		return { line, column: offset - lineStart + 1 };
	};

	const addReference = (attribute: Attribute, value: string, index: number) => {
		references.push({ attribute: attribute.name, value, ...position(sourceOffset(attribute, index)) });
	};

	const endTag = (selfClosing: boolean) => {
		const name = tagName;
		const wanted = urlAttributes.get(name);
		if (templateDepth === 0) {
			if (name === 'script' || name === 'iframe') hazards.push({ kind: name, name, ...position(tagStart) });
			const depth = /^h([1-6])$/.exec(name)?.[1];
			if (depth && !selfClosing && heading === undefined) {
				heading = { depth: Number(depth), text: '', id: attributes.find((attribute) => attribute.name === 'id')?.value, ...position(tagStart) };
			}
		}
		for (const attribute of attributes) {
			if (templateDepth === 0) {
				if (/^on[a-z]+$/.test(attribute.name)) hazards.push({ kind: 'event-handler', name: attribute.name, ...position(attribute.start) });
				else if (wanted?.has(attribute.name) || attribute.name === 'href' || attribute.name === 'src') {
					const url = attribute.value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
					if (url.startsWith('javascript:')) hazards.push({ kind: 'javascript-url', name: attribute.name, ...position(attribute.start) });
					else if (url.startsWith('data:') && !url.startsWith('data:image/') ) hazards.push({ kind: 'data-url', name: attribute.name, ...position(attribute.start) });
				}
			}
			if (attribute.name === 'id') {
				if (attribute.value !== '' && templateDepth === 0) anchors.add(detach(attribute.value));
			} else if (attribute.name === 'name') {
				if (name === 'a' && attribute.value !== '' && templateDepth === 0) anchors.add(detach(attribute.value));
			}
			if (wanted === undefined || !wanted.has(attribute.name)) continue;
			if (srcsetAttributes.has(attribute.name)) {
				for (const candidate of srcsetUrls(attribute.value)) addReference(attribute, candidate.url, candidate.index);
			} else if (name === 'meta') {
				const refresh = attributes.find((other) => other.name === 'http-equiv')?.value.trim().toLowerCase() === 'refresh';
				const target = refresh ? refreshUrl(attribute.value) : undefined;
				if (target) addReference(attribute, target.url, target.index);
			} else {
				addReference(attribute, attribute.value, 0);
			}
		}
		if (name === 'base' && baseHref === undefined && templateDepth === 0) {
			baseHref = attributes.find((attribute) => attribute.name === 'href')?.value;
		}
		if (name === 'template') templateDepth++;
		// `<svg/>` and `<math/>` close themselves; HTML elements ignore the slash.
		else if ((name === 'svg' || name === 'math') && !selfClosing) foreignDepth++;
		attributes = [];
	};

	const callbacks: TokenizerCallbacks = {
		onopentagname(start, end) {
			tagName = html.slice(start, end).toLowerCase();
			tagStart = start - 1;
			attributes = [];
		},
		onattribname(start, end) {
			const name = html.slice(start, end).toLowerCase();
			current = { name, value: '', start, pieces: undefined };
			decodedEntity = false;
			cursor = end;
		},
		onattribdata(start, end) {
			if (current === undefined) return;
			if (current.value === '' && !decodedEntity) current.start = start;
			else (current.pieces ??= [0, current.start]).push(current.value.length, start);
			current.value += html.slice(start, end);
			cursor = end;
		},
		onattribentity(codepoint) {
			if (current === undefined) return;
			if (current.value === '' && !decodedEntity) current.start = cursor;
			else (current.pieces ??= [0, current.start]).push(current.value.length, cursor);
			decodedEntity = true;
			current.value += String.fromCodePoint(codepoint);
		},
		onattribend() {
			// The first of two attributes with one name wins, as in the DOM.
			if (current !== undefined && !attributes.some((attribute) => attribute.name === current?.name)) attributes.push(current);
			current = undefined;
		},
		onopentagend() {
			endTag(false);
		},
		onselfclosingtag() {
			endTag(true);
		},
		onclosetag(start, end) {
			const name = html.slice(start, end).toLowerCase();
			if (heading && name === `h${heading.depth}`) {
				headings.push(heading);
				heading = undefined;
			}
			if (name === 'template' && templateDepth > 0) templateDepth--;
			else if ((name === 'svg' || name === 'math') && foreignDepth > 0) foreignDepth--;
		},
		oncdata() {},
		oncomment() {},
		ondeclaration() {},
		onend() {},
		onprocessinginstruction() {},
		ontext(start, end) {
			if (heading) heading.text += html.slice(start, end);
		},
		ontextentity(codepoint) {
			if (heading) heading.text += String.fromCodePoint(codepoint);
		},
		isInForeignContext: () => foreignDepth > 0,
	};
	const tokenizer = new Tokenizer({ decodeEntities: true }, callbacks);
	tokenizer.write(html);
	tokenizer.end();
	return { anchors, baseHref, references, headings, hazards };
}

/**
 * A copy of a string cut from a page that does not keep the whole page alive: V8 keeps the
 * string a slice was cut from. Prepending a character makes a rope, which slice() flattens
 * into a new string. Without this, the ids kept for anchor checks hold on to every page's HTML.
 */
export function detach(text: string): string {
	return text.length < 13 ? text : ` ${text}`.slice(1);
}

/** The source offset of the character at `index` in an attribute's decoded value. */
function sourceOffset(attribute: Attribute, index: number): number {
	const pieces = attribute.pieces;
	if (pieces === undefined) return attribute.start + index;
	let offset = attribute.start + index;
	for (let i = 0; i < pieces.length; i += 2) {
		const decodedStart = pieces[i] as number;
		if (decodedStart > index) break;
		offset = (pieces[i + 1] as number) + (index - decodedStart);
	}
	return offset;
}

const isSpace = (char: string | undefined) => char === ' ' || char === '\t' || char === '\n' || char === '\f' || char === '\r';

/**
 * The URLs of a `srcset` and where each starts in the attribute, as the HTML standard's
 * "parse a srcset attribute" splits candidates (descriptors may hold commas inside parentheses).
 */
export function srcsetUrls(value: string): { url: string; index: number }[] {
	const urls: { url: string; index: number }[] = [];
	let pos = 0;
	while (pos < value.length) {
		while (pos < value.length && (isSpace(value[pos]) || value[pos] === ',')) pos++;
		if (pos >= value.length) break;
		const index = pos;
		while (pos < value.length && !isSpace(value[pos])) pos++;
		let url = value.slice(index, pos);
		if (url.endsWith(',')) {
			url = url.replace(/,+$/, '');
		} else {
			// Skip the descriptors, up to a comma that is not inside parentheses.
			let inParens = false;
			for (; pos < value.length; pos++) {
				const char = value[pos];
				if (inParens) {
					if (char === ')') inParens = false;
				} else if (char === '(') {
					inParens = true;
				} else if (char === ',') {
					pos++;
					break;
				}
			}
		}
		if (url !== '') urls.push({ url, index });
	}
	return urls;
}

/**
 * The URL of a `<meta http-equiv="refresh" content="5; url=...">`, following the HTML standard's
 * shared declarative refresh steps; undefined when it refreshes the page itself.
 */
export function refreshUrl(content: string): { url: string; index: number } | undefined {
	const match = /^[\t\n\f\r ]*[0-9]*(?:\.[0-9.]*)?[\t\n\f\r ]*[;,]?[\t\n\f\r ]*(?:url[\t\n\f\r ]*=[\t\n\f\r ]*)?/i.exec(content);
	if (match === null || !/[0-9.]/.test(match[0])) return undefined;
	let index = match[0].length;
	let end = content.length;
	const quote = content[index];
	if (quote === '"' || quote === "'") {
		index++;
		const close = content.indexOf(quote, index);
		if (close !== -1) end = close;
	}
	const url = content.slice(index, end).replace(/[\t\n\f\r ]+$/, '');
	return url === '' ? undefined : { url, index };
}
