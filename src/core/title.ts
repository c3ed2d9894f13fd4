import { basename } from 'node:path';

/**
 * The title of a page that has none in its frontmatter: the text of its first level-1 ATX
 * heading (`# Title`) outside code fences, else its file name made readable
 * (`on-call-handover.md` -> "On call handover"). Shared by the site loader and the checker.
 */
export function deriveTitle(body: string, filePath: string): string {
	let fence: string | undefined;
	for (const line of body.split('\n')) {
		const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(line);
		if (fenceMatch) {
			const marker = fenceMatch[1] ?? '';
			if (fence === undefined) fence = marker;
			else if (marker.startsWith(fence)) fence = undefined;
			continue;
		}
		if (fence !== undefined) continue;
		const heading = /^ {0,3}#[ \t]+(.+?)[ \t]*#*[ \t]*$/.exec(line);
		if (heading?.[1]) return heading[1];
	}
	const name = basename(filePath).replace(/\.(md|mdx|markdown)$/i, '');
	const stem = name === 'index' || name.toLowerCase() === 'readme' ? basename(filePath.slice(0, -basename(filePath).length - 1)) : name;
	const words = stem.replace(/[-_]+/g, ' ').trim();
	return words.charAt(0).toUpperCase() + words.slice(1);
}
