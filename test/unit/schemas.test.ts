import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'astro/zod';
import { pageSchemas, teamsFileSchema } from '../../src/checks/validate.ts';
import { collections, pageCollections } from '../../src/core/collections.ts';
import { idReference } from '../../src/schemas/common.ts';
import { practiceSchema } from '../../src/schemas/practices.ts';
import { readinessSchema } from '../../src/schemas/readiness.ts';
import { roleSchema } from '../../src/schemas/roles.ts';
import { runbookSchema } from '../../src/schemas/runbooks.ts';
import { teamSchema } from '../../src/schemas/teams.ts';
import { repoRoot } from '../helpers/build.ts';
import { samplePractice, sampleRunbook } from '../helpers/samples.ts';

const contentDir = join(repoRoot, 'content');

function markdownFiles(folder: string): string[] {
	return readdirSync(join(contentDir, folder), { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
		.map((entry) => join(entry.parentPath, entry.name));
}

function frontmatter(file: string): unknown {
	const match = /^---\n([\s\S]*?)\n---/.exec(readFileSync(file, 'utf8'));
	return match ? parse(match[1]!) : {};
}

// The schemas the checker validates with (the site's, with references outside Astro), by folder.
const schemas = Object.fromEntries(pageCollections.map((collection) => [collections[collection].folder, pageSchemas[collection]]));

function messages(result: { success: boolean; error?: z.ZodError }): string[] {
	return result.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? [];
}

describe('shipped content', () => {
	for (const [folder, schema] of Object.entries(schemas)) {
		const files = markdownFiles(folder);
		it(`has ${folder}`, () => {
			expect(files.length).toBeGreaterThan(0);
		});
		it.each(files.map((file) => [relative(repoRoot, file), file]))(`%s matches the ${folder} schema`, (_, file) => {
			expect(messages(schema.safeParse(frontmatter(file)))).toEqual([]);
		});
	}

	it('teams.yaml matches the team schema', () => {
		const teams = parse(readFileSync(join(contentDir, 'teams.yaml'), 'utf8')) as unknown[];
		expect(teams.length).toBeGreaterThan(0);
		expect(messages(teamsFileSchema.safeParse(teams))).toEqual([]);
	});
});

const practice = samplePractice;
const runbook = sampleRunbook;

describe('schemas reject bad frontmatter with a clear message', () => {
	it.each([
		['practice with an unknown category', practiceSchema(idReference), { ...practice, category: 'misc' }, 'category: Invalid option'],
		['practice with a typo in a key', practiceSchema(idReference), { ...practice, ownr: 'x' }, 'Unrecognized key: "ownr"'],
		['practice with a bad date', practiceSchema(idReference), { ...practice, lastReviewed: 'last week' }, 'lastReviewed: write the date as YYYY-MM-DD'],
		['practice with an id in the wrong form', practiceSchema(idReference), { ...practice, owner: 'Service Ops' }, 'owner: write the id'],
		['practice without a process manager', practiceSchema(idReference), { ...practice, processManager: undefined }, 'processManager:'],
		['runbook without escalation', runbookSchema(idReference), { ...runbook, escalation: [] }, 'escalation: add at least one escalation step'],
		['runbook without alerts or symptoms', runbookSchema(idReference), { ...runbook, alerts: [] }, 'symptoms: list the alerts or symptoms'],
		[
			'service readiness template without a tier',
			readinessSchema(idReference),
			{ title: 'T', summary: 'S', kind: 'service-readiness', owner: 'x', sections: ['A'], lastReviewed: '2026-11-01' },
			'tier: a service readiness template needs a `tier:`',
		],
		['role without responsibilities', roleSchema(idReference), { title: 'R', group: 'process', summary: 'S', owner: 'x', responsibilities: [], lastReviewed: '2026-11-01' }, 'responsibilities:'],
		['team with a bad GitHub handle', teamSchema(), { id: 'a', name: 'A', github: 'org/team' }, 'github: write a handle like'],
	])('%s', (_, schema, input, expected) => {
		const found = messages(schema.safeParse(input));
		expect(found.some((message) => message.startsWith(expected) || message.includes(expected)), found.join('\n')).toBe(true);
	});

	it('resolves references to { id, collection } like Astro does', () => {
		const parsed = practiceSchema(idReference).parse(practice);
		expect(parsed.owner).toEqual({ id: 'service-operations', collection: 'teams' });
		expect(parsed.lastReviewed).toEqual(new Date('2026-11-01'));
	});
});
