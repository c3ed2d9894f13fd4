/**
 * Writes the JSON Schemas that editors use to check and complete handbook frontmatter, one per
 * collection, into `src/schemas/json/`. They are generated from the zod schemas in `src/schemas/`,
 * so there is still one source of truth; the files are committed so that an editor needs no build.
 *
 *   node scripts/generate-json-schemas.ts           write the files
 *   node scripts/generate-json-schemas.ts --check   exit 1 if a committed file is out of date
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'astro/zod';
import { pageSchemas, teamsFileSchema } from '../src/checks/validate.ts';

/** Where the generated schemas are committed. */
export const jsonSchemaDir = fileURLToPath(new URL('../src/schemas/json/', import.meta.url));

interface SchemaSource {
	/** What the schema describes, for editors' hover text. */
	about: string;
	/** The zod schema those files' frontmatter (or, for teams, whole content) must satisfy. */
	schema: z.ZodType;
	/** Pages get a title from their first heading or file name when frontmatter has none. */
	titleOptional: boolean;
}

function schemaSources(): Record<string, SchemaSource> {
	// The schemas the checker validates with; in them a hero image is a path, as Astro's own JSON
	// Schema generation has it too.
	return {
		practices: { about: 'Frontmatter of content/practices/*.md.', schema: pageSchemas.practices, titleOptional: true },
		roles: { about: 'Frontmatter of content/roles/*.md.', schema: pageSchemas.roles, titleOptional: true },
		runbooks: { about: 'Frontmatter of content/runbooks/<service>/*.md.', schema: pageSchemas.runbooks, titleOptional: true },
		readiness: { about: 'Frontmatter of content/readiness/*.md.', schema: pageSchemas.readiness, titleOptional: true },
		guides: {
			about: "Frontmatter of content/guides/**/*.md: Starlight's fields and the handbook's.",
			schema: pageSchemas.docs,
			titleOptional: true,
		},
		teams: { about: 'content/teams.yaml: the teams that own pages.', schema: teamsFileSchema, titleOptional: false },
	};
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
		$comment: `Generated from src/schemas/ by scripts/generate-json-schemas.ts: do not edit, run \`npm run schemas\`.`,
		title: `Practice Handbook: ${name}`,
		// Rules that span several fields or files (does the owner exist?) are the checker's alone.
		description: `${source.about} \`npx handbook check\` checks it fully.`,
		...rest,
	};
}

/** Every schema file, by file name, with the exact text to commit. */
export function generateJsonSchemas(): Map<string, string> {
	const files = new Map<string, string>();
	for (const [name, source] of Object.entries(schemaSources())) {
		files.set(`${name}.schema.json`, `${JSON.stringify(collectionJsonSchema(name, source), null, '\t')}\n`);
	}
	return files;
}

/** The names of the committed schema files that differ from freshly generated ones. */
export async function outdatedJsonSchemas(dir = jsonSchemaDir): Promise<string[]> {
	const outdated: string[] = [];
	for (const [file, text] of generateJsonSchemas()) {
		const committed = await readFile(join(dir, file), 'utf8').catch(() => undefined);
		if (committed !== text) outdated.push(file);
	}
	return outdated;
}

async function main(args: string[]) {
	if (args.includes('--check')) {
		const outdated = await outdatedJsonSchemas();
		if (outdated.length > 0) {
			console.error(`Out of date: ${outdated.map((file) => `src/schemas/json/${file}`).join(', ')}. Run \`npm run schemas\`.`);
			process.exitCode = 1;
		}
		return;
	}
	const files = generateJsonSchemas();
	await mkdir(jsonSchemaDir, { recursive: true });
	for (const [file, text] of files) await writeFile(join(jsonSchemaDir, file), text);
	console.log(`Wrote ${files.size} schemas to src/schemas/json/.`);
}

if (import.meta.main) await main(process.argv.slice(2));
