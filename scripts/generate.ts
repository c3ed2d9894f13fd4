/**
 * Writes what is generated from the collection registry and the rules' metadata, so that there
 * is one source of truth and the copies an editor or a reader needs are committed:
 *
 * - `src/schemas/json/<collection>.schema.json`: JSON Schemas of each collection's frontmatter (or,
 *   for teams, the whole file), which editors use to check and complete it;
 * - `src/schemas/json/editor.json`: which schema applies to which files, read by `.remarkrc.mjs`;
 * - the README's table of content folders and its table of rules, between `generated` markers.
 *
 *   node scripts/generate.ts           write the files
 *   node scripts/generate.ts --check   exit 1 if a committed file is out of date
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'astro/zod';
import { fatalRule } from '../src/checks/engine.ts';
import { outputRule } from '../src/checks/output/diagnostics.ts';
import { rules } from '../src/checks/rules/index.ts';
import { pageSchemas, teamsFileSchema } from '../src/checks/validate.ts';
import { collections, collectionNames, pageCollections, policyFileName } from '../src/core/collections.ts';
import { pageExtensions } from '../src/core/routes.ts';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));

/** Where the generated schemas are committed. */
export const jsonSchemaDir = join(repoRoot, 'src/schemas/json/');

interface SchemaSource {
	/** What the schema describes, for editors' hover text. */
	about: string;
	/** The zod schema those files' frontmatter (or, for data files, whole content) must satisfy. */
	schema: z.ZodType;
	/** Pages get a title from their first heading or file name when frontmatter has none. */
	titleOptional: boolean;
	/** The files it applies to, relative to the repository root. */
	files: string[];
}

/**
 * One schema per collection, named by its folder (pages) or file (data): the schemas the checker
 * validates with, in which a hero image is a path, as Astro's own JSON Schema generation has it too.
 */
function schemaSources(): Record<string, SchemaSource> {
	const extensions = pageExtensions.map((extension) => extension.slice(1)).join(',');
	return Object.fromEntries(
		collectionNames.map((name) => {
			const row = collections[name];
			if (row.kind === 'data') {
				return [name, { about: row.about, schema: teamsFileSchema, titleOptional: false, files: [`content/${row.file}`] }];
			}
			const source: SchemaSource = {
				about: row.about,
				schema: pageSchemas[name as (typeof pageCollections)[number]],
				titleOptional: true,
				files: [`content/${row.folder}/**/*.{${extensions}}`],
			};
			return [row.folder, source];
		}),
	);
}

/** The JSON Schema of one collection, as a plain object. */
function collectionJsonSchema(name: string, source: SchemaSource): Record<string, unknown> {
	const generated = z.toJSONSchema(source.schema, {
		// Draft 7: the version the YAML extension and most editor tooling fully support.
		target: 'draft-07',
		// Editors check what is written, before defaults and transforms: a reference is its id string.
		io: 'input',
		unrepresentable: ({ zodSchema }) => {
			const type = zodSchema._zod.def.type;
			// YAML `2026-11-01` reaches the editor as a string; zod parses it to a Date later.
			if (type === 'date') return { type: 'string', format: 'date' };
			// Starlight allows `undefined` as an HTML attribute value; leaving it open is exact.
			if (type === 'undefined') return 'any';
			return 'throw';
		},
	}) as Record<string, unknown>;
	if (source.titleOptional && Array.isArray(generated.required)) {
		generated.required = generated.required.filter((key) => key !== 'title');
	}
	const { $schema, ...rest } = generated;
	return {
		$schema,
		$comment: `Generated from src/schemas/ by scripts/generate.ts: do not edit, run \`npm run generate\`.`,
		title: `Practice Handbook: ${name}`,
		// Rules that span several fields or files (does the owner exist?) are the checker's alone.
		description: `${source.about} \`npx handbook check\` checks it fully.`,
		...rest,
	};
}

/** Every schema file, by file name, with the exact text to commit. */
export function generateJsonSchemas(): Map<string, string> {
	const files = new Map<string, string>();
	const editor: Record<string, string[]> = {};
	for (const [name, source] of Object.entries(schemaSources())) {
		files.set(`${name}.schema.json`, json(collectionJsonSchema(name, source)));
		editor[`./src/schemas/json/${name}.schema.json`] = source.files;
	}
	files.set('editor.json', json(editor));
	return files;
}

function json(value: unknown): string {
	return `${JSON.stringify(value, null, '\t')}\n`;
}

/** The README's generated blocks, by marker name: the table of content folders and the table of rules. */
export function generateReadmeBlocks(): Map<string, string> {
	const escape = (text: string) => text.replaceAll('|', '\\|');
	const layouts = collectionNames.flatMap((name) =>
		collections[name].layouts.map((layout) => `| \`content/${layout.path}\` | ${escape(layout.what)} | ${layout.route ? `\`${layout.route}\`` : ''} |`),
	);
	const folders = [
		'| file or folder | what it holds | page |',
		'| --- | --- | --- |',
		...layouts,
		`| \`content/${policyFileName}\` | optional: the check policy (below) | |`,
	];
	const ruleRows = [...rules, outputRule, fatalRule].map(
		({ meta }) => `| <a id="rule-${meta.id}"></a>\`${meta.id}\` | ${meta.defaultSeverity} | ${escape(meta.description)} |`,
	);
	return new Map([
		['collections', folders.join('\n')],
		['rules', ['| rule | default | what it finds |', '| --- | --- | --- |', ...ruleRows].join('\n')],
	]);
}

/** The README with its generated blocks replaced; throws when a marker is missing. */
export function withReadmeBlocks(readme: string): string {
	let text = readme;
	for (const [name, block] of generateReadmeBlocks()) {
		const pattern = new RegExp(`(<!-- generated: ${name} [^>]*-->\\n)[\\s\\S]*?(<!-- end: ${name} -->)`);
		if (!pattern.test(text)) throw new Error(`README.md has no "<!-- generated: ${name} ... -->" ... "<!-- end: ${name} -->" block`);
		text = text.replace(pattern, (_whole, start: string, end: string) => `${start}${block}\n${end}`);
	}
	return text;
}

/** The committed generated files that differ from freshly generated ones, relative to the repository root. */
export async function outdatedFiles(dir = jsonSchemaDir): Promise<string[]> {
	const outdated: string[] = [];
	for (const [file, text] of generateJsonSchemas()) {
		const committed = await readFile(join(dir, file), 'utf8').catch(() => undefined);
		if (committed !== text) outdated.push(`src/schemas/json/${file}`);
	}
	const readme = await readFile(join(repoRoot, 'README.md'), 'utf8');
	if (withReadmeBlocks(readme) !== readme) outdated.push('README.md');
	return outdated;
}

async function main(args: string[]) {
	if (args.includes('--check')) {
		const outdated = await outdatedFiles();
		if (outdated.length > 0) {
			console.error(`Out of date: ${outdated.join(', ')}. Run \`npm run generate\`.`);
			process.exitCode = 1;
		}
		return;
	}
	const files = generateJsonSchemas();
	await mkdir(jsonSchemaDir, { recursive: true });
	for (const [file, text] of files) await writeFile(join(jsonSchemaDir, file), text);
	const readmePath = join(repoRoot, 'README.md');
	await writeFile(readmePath, withReadmeBlocks(await readFile(readmePath, 'utf8')));
	console.log(`Wrote ${files.size} files to src/schemas/json/ and the generated tables of README.md.`);
}

if (import.meta.main) await main(process.argv.slice(2));
