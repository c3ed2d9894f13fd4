// Editor support for content authors: the remark language server (VS Code extension
// `unifiedjs.vscode-remark`) reads this file and reports frontmatter that does not match the
// JSON Schemas generated from the zod schemas, while you type. Which schema applies to which
// files is generated from the collection registry too (`npm run generate` writes
// src/schemas/json/editor.json). `npx handbook check` stays the authority; this is the early warning.
import { readFileSync } from 'node:fs';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkLintFrontmatterSchema from 'remark-lint-frontmatter-schema';

const schemas = JSON.parse(readFileSync(new URL('./src/schemas/json/editor.json', import.meta.url), 'utf8'));

export default {
	plugins: [remarkFrontmatter, remarkGfm, [remarkLintFrontmatterSchema, { schemas }]],
};
