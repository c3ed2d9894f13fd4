import { readFileSync } from 'node:fs';
import type { Loader } from 'astro/loaders';
import { glob } from 'astro/loaders';
import { splitFrontmatter } from '../checks/yaml.ts';
import { deriveTitle } from './frontmatter.ts';
import { contentPath } from './project.ts';
import { collectionFolders, entryIdFromPath, type PageCollection } from './routes.ts';

/**
 * Loads one collection's Markdown files from `content/<folder>/`. Ids come from
 * {@link entryIdFromPath}, the same function the checker uses, and a page without a `title`
 * gets one from its first heading or file name, so pages written without frontmatter still build.
 */
export function contentLoader(collection: PageCollection): Loader {
	const inner = glob({
		base: contentPath(collectionFolders[collection]),
		pattern: '**/[^_]*.{md,mdx}',
		generateId: ({ entry }) => entryIdFromPath(entry),
	});
	return {
		name: `handbook-${collection}-loader`,
		load: (context) =>
			inner.load({
				...context,
				parseData: (props) => {
					if (typeof props.data.title === 'string' || !props.filePath) return context.parseData(props);
					const { body } = splitFrontmatter(readFileSync(props.filePath, 'utf8'));
					return context.parseData({ ...props, data: { ...props.data, title: deriveTitle(body, props.filePath) } });
				},
			}),
	};
}
