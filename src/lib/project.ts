import { isAbsolute, join } from 'node:path';

/**
 * The folder holding the handbook content: `content` in the project root, unless the environment
 * names another one (`HANDBOOK_CONTENT=path/to/handbook`, relative to the project root or
 * absolute). The build tests and the benchmark build fixture and generated handbooks this way
 * with the same site code.
 */
export const contentRoot = (process.env.HANDBOOK_CONTENT || 'content').replace(/\/+$/, '');

/** A path inside the content folder, in the form Astro's loaders accept (relative to the root or absolute). */
export function contentPath(...parts: string[]): string {
	return isAbsolute(contentRoot) ? join(contentRoot, ...parts) : `./${join(contentRoot, ...parts)}`;
}
