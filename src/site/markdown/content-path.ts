import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The path of a file relative to the content folder, with `/`, or `undefined` for a file outside it. */
export function contentPathOf(fileURL: URL, contentDir: string): string | undefined {
	const path = relative(contentDir, fileURLToPath(fileURL));
	if (path.startsWith('..') || path === '') return undefined;
	return path.split(sep).join('/');
}
