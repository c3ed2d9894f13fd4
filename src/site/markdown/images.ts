import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { imageMetadata } from 'astro/assets/utils';

/**
 * The files shown as Markdown images (`![](x.svg)`, by content path) that Astro cannot import.
 * Astro reads the size of every Markdown image it imports, with this same function, and stops
 * the build naming no page when it cannot: an SVG whose `<svg>` tag does not end in its first
 * kilobyte (drawing tools put the whole drawing in an attribute there), an SVG without a size, a
 * file that is no image. The site shows those as written instead, published under `/_content/`
 * like any other file a page links to.
 */
export async function imagesAstroCannotRead(contentDir: string, images: readonly string[]): Promise<Set<string>> {
	const unreadable = new Set<string>();
	// One file at a time: images can be large, and a handbook can have thousands.
	for (const contentPath of images) {
		try {
			await imageMetadata(await readFile(join(contentDir, contentPath)), contentPath);
		} catch {
			unreadable.add(contentPath);
		}
	}
	return unreadable;
}
