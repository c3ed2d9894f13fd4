// Editor support for content authors: the remark language server (VS Code extension
// `unifiedjs.vscode-remark`) reads this file and reports frontmatter that does not match the
// JSON Schemas generated from the zod schemas (`npm run schemas`), while you type.
// `npx handbook check` stays the authority; this is the early warning.
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkLintFrontmatterSchema from 'remark-lint-frontmatter-schema';

const schema = (collection) => `./src/schemas/json/${collection}.schema.json`;

export default {
	plugins: [
		remarkFrontmatter,
		remarkGfm,
		[
			remarkLintFrontmatterSchema,
			{
				schemas: {
					[schema('practices')]: ['content/practices/**/*.md'],
					[schema('roles')]: ['content/roles/**/*.md'],
					[schema('runbooks')]: ['content/runbooks/**/*.md'],
					[schema('readiness')]: ['content/readiness/**/*.md'],
					[schema('guides')]: ['content/guides/**/*.md'],
				},
			},
		],
	],
};
