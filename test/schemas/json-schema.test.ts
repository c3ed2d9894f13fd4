import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generateJsonSchemas, generateReadmeBlocks, jsonSchemaDir, outdatedFiles } from '../../scripts/generate.ts';
import { rules } from '../../src/checks/index.ts';
import { collectionNames, collections } from '../../src/core/collections.ts';
import { repoRoot } from '../helpers/build.ts';
import { samplePractice, sampleRunbook } from '../helpers/samples.ts';

const run = promisify(execFile);
const contentDir = join(repoRoot, 'content');

/** Ajv with the formats the schemas use; strict, so a schema keyword Ajv ignores fails the test. */
function createAjv(): Ajv {
	const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
	ajv.addFormat('date', /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);
	ajv.addFormat('email', /^[^\s@]+@[^\s@]+\.[^\s@]+$/);
	ajv.addFormat('uri', { validate: (value: string) => URL.canParse(value) });
	// zod's name for `startsWith`; the schema also carries the equivalent `pattern`.
	ajv.addFormat('starts_with', true);
	return ajv;
}

async function loadValidator(ajv: Ajv, name: string): Promise<ValidateFunction> {
	const schema = JSON.parse(await readFile(join(jsonSchemaDir, `${name}.schema.json`), 'utf8')) as object;
	return ajv.compile(schema);
}

function errorsOf(validate: ValidateFunction, data: unknown): string[] {
	validate(data);
	return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`);
}

async function markdownFiles(folder: string): Promise<string[]> {
	const entries = await readdir(join(contentDir, folder), { recursive: true, withFileTypes: true });
	return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.md')).map((entry) => join(entry.parentPath, entry.name));
}

/** The frontmatter as an editor's YAML parser sees it: dates stay strings. */
async function frontmatter(file: string): Promise<unknown> {
	const match = /^---\n([\s\S]*?)\n---/.exec(await readFile(file, 'utf8'));
	return match ? (parse(match[1]!) as unknown) : {};
}

const ajv = createAjv();
const pageSchemas = { practices: 'practices', roles: 'roles', runbooks: 'runbooks', readiness: 'readiness', guides: 'guides' };

describe('the JSON Schemas accept the shipped handbook', () => {
	for (const [folder, schemaName] of Object.entries(pageSchemas)) {
		it(`accepts every page in content/${folder}/`, async () => {
			const validate = await loadValidator(ajv, schemaName);
			const files = await markdownFiles(folder);
			expect(files.length).toBeGreaterThan(0);
			const problems: Record<string, string[]> = {};
			for (const file of files) {
				const errors = errorsOf(validate, await frontmatter(file));
				if (errors.length > 0) problems[relative(repoRoot, file)] = errors;
			}
			expect(problems).toEqual({});
		});
	}

	it('accepts content/teams.yaml', async () => {
		const validate = await loadValidator(ajv, 'teams');
		const teams = parse(await readFile(join(contentDir, 'teams.yaml'), 'utf8')) as unknown[];
		expect(teams.length).toBeGreaterThan(0);
		expect(errorsOf(validate, teams)).toEqual([]);
	});

	it('accepts a page without a title, which then comes from its first heading', async () => {
		const validate = await loadValidator(ajv, 'guides');
		expect(errorsOf(validate, { owner: 'platform-sre' })).toEqual([]);
	});
});

const practice = samplePractice;
const runbook = sampleRunbook;
const team = { id: 'payments-team', name: 'Payments', github: '@example-org/payments' };

describe('the JSON Schemas reject bad frontmatter', () => {
	it.each([
		['a valid practice', 'practices', practice, []],
		['an unknown key', 'practices', { ...practice, ownr: 'x' }, ['/ must NOT have additional properties']],
		['a value outside the enum', 'practices', { ...practice, category: 'operations' }, ['/category must be equal to one of the allowed values']],
		['a reference that is not an id', 'practices', { ...practice, owner: 'Service Operations' }, ['/owner must match pattern "^[\\p{L}\\p{M}\\p{N}._~-]+(\\/[\\p{L}\\p{M}\\p{N}._~-]+)*$"']],
		['a date not written YYYY-MM-DD', 'practices', { ...practice, lastReviewed: '1 Nov 2026' }, ['/lastReviewed must match format "date"']],
		['an unknown value-chain activity', 'practices', { ...practice, valueChain: ['deliver'] }, ['/valueChain/0 must be equal to one of the allowed values']],
		['a missing owner', 'runbooks', { ...runbook, owner: undefined }, ["/ must have required property 'owner'"]],
		['an empty escalation', 'runbooks', { ...runbook, escalation: [] }, ['/escalation must NOT have fewer than 1 items']],
		['an unknown role group', 'roles', { title: 'X', group: 'itil', summary: 'S', owner: 'smo', responsibilities: ['R'], lastReviewed: '2026-11-01' }, ['/group must be equal to one of the allowed values']],
		['no sections', 'readiness', { title: 'X', summary: 'S', kind: 'hypercare', owner: 'smo', sections: [], lastReviewed: '2026-11-01' }, ['/sections must NOT have fewer than 1 items']],
		["a template Starlight doesn't have", 'guides', { title: 'Home', template: 'wide' }, ['/template must be equal to one of the allowed values']],
		['a GitHub handle without @', 'teams', [team, { ...team, github: 'payments' }], ['/1/github must match pattern "^@[\\w.-]+(\\/[\\w.-]+)?$"']],
		['a key outside its object', 'teams', [{ ...team, pager: 'x' }], ['/0 must NOT have additional properties']],
	])('%s (%s)', async (_what, schemaName, data, expected) => {
		const validate = await loadValidator(ajv, schemaName);
		expect(errorsOf(validate, JSON.parse(JSON.stringify(data)))).toEqual(expected);
	});
});

describe('the committed JSON Schemas', () => {
	it('are the ones the zod schemas generate now', async () => {
		const generated = generateJsonSchemas();
		expect([...generated.keys()].sort()).toEqual((await readdir(jsonSchemaDir)).sort());
		for (const [file, text] of generated) {
			expect(await readFile(join(jsonSchemaDir, file), 'utf8'), file).toBe(text);
		}
	});

	it('are reported out of date when a file differs or is missing', async () => {
		const dir = await mkdtemp(join(tmpdir(), 'handbook-json-schemas-'));
		for (const [file, text] of generateJsonSchemas()) await writeFile(join(dir, file), text);
		expect(await outdatedFiles(dir)).toEqual([]);
		await writeFile(join(dir, 'roles.schema.json'), '{}\n');
		expect(await outdatedFiles(dir)).toEqual(['src/schemas/json/roles.schema.json']);
	});

	it('pass `--check`', async () => {
		const { stderr } = await run(process.execPath, ['scripts/generate.ts', '--check'], { cwd: repoRoot });
		expect(stderr).toBe('');
	});

	it('map every collection of the registry to its files, for the editor', () => {
		const editor = JSON.parse(generateJsonSchemas().get('editor.json')!) as Record<string, string[]>;
		expect(Object.keys(editor)).toHaveLength(collectionNames.length);
		for (const name of collectionNames) {
			const row = collections[name];
			const schema = `./src/schemas/json/${row.kind === 'pages' ? row.folder : name}.schema.json`;
			expect(editor[schema]?.[0], name).toBe(row.kind === 'pages' ? `content/${row.folder}/**/*.{md,mdx,markdown}` : `content/${row.file}`);
		}
	});
});

describe('the README', () => {
	it('lists every collection folder and every rule, as generated', async () => {
		const readme = await readFile(join(repoRoot, 'README.md'), 'utf8');
		for (const block of generateReadmeBlocks().values()) expect(readme).toContain(block);
		for (const name of collectionNames) expect(readme).toContain(`| \`content/${collections[name].layouts[0]!.path}\` |`);
		for (const { meta } of rules) expect(readme).toContain(`<a id="rule-${meta.id}"></a>\`${meta.id}\` | ${meta.defaultSeverity} |`);
	});
});

describe('VS Code settings', () => {
	it('give content/teams.yaml its schema through the recommended YAML extension', async () => {
		const settings = JSON.parse(await readFile(join(repoRoot, '.vscode/settings.json'), 'utf8')) as { 'yaml.schemas': Record<string, string[]> };
		const extensions = JSON.parse(await readFile(join(repoRoot, '.vscode/extensions.json'), 'utf8')) as { recommendations: string[] };
		expect(settings['yaml.schemas']).toEqual({ './src/schemas/json/teams.schema.json': ['content/teams.yaml'] });
		expect(generateJsonSchemas().has('teams.schema.json')).toBe(true);
		expect(extensions.recommendations).toContain('redhat.vscode-yaml');
	});
});
