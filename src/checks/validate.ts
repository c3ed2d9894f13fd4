import { z } from 'astro/zod';
import { type CollectionName, collections, type PageCollection, pageCollections } from '../core/collections.ts';
import { idReference } from '../schemas/common.ts';
import type { Reference, SchemaIssue, UnknownKey } from './types.ts';

const referenceTargets = new WeakMap<z.ZodType, CollectionName>();

/**
 * {@link idReference}, remembering which collection each reference schema points at, so that
 * {@link walkSchema} can find every reference in any schema without a list of fields to keep.
 */
function trackedReference(collection: CollectionName) {
	const schema = idReference(collection);
	referenceTargets.set(schema, collection);
	return schema;
}

// Starlight checks hero images with Astro's image() helper; a path is all the checker needs.
const schemaContext = { image: () => z.string() };

/** The frontmatter schema of each page collection: the registry's schemas, with references outside Astro. */
export const pageSchemas = Object.fromEntries(
	pageCollections.map((name) => {
		const schema = collections[name].schema(trackedReference);
		return [name, typeof schema === 'function' ? (schema as unknown as (context: typeof schemaContext) => z.ZodType)(schemaContext) : schema];
	}),
) as Record<PageCollection, z.ZodType>;

/** The schema of `teams.yaml`: a list of teams. */
export const teamsFileSchema = z.array(collections.teams.schema());

/**
 * What one walk of data along its schema finds: every reference to an entry of a collection
 * (even in data that does not validate, so that all of them are checked at once), and every key
 * the schema does not allow. Strict objects make zod report unknown keys too, but Starlight's
 * frontmatter object silently drops them; the walk finds a typo like `ownr:` in every
 * collection, with the allowed keys at hand for a suggestion.
 */
export function inspect(schema: z.ZodType, value: unknown): { references: Reference[]; unknownKeys: UnknownKey[] } {
	const references: Reference[] = [];
	const unknownKeys: UnknownKey[] = [];
	walkSchema(schema, value, {
		reference: (collection, id, path) => references.push({ collection, id, path }),
		unknownKey: (key, knownKeys, path) => unknownKeys.push({ key, knownKeys, path }),
	});
	return { references, unknownKeys };
}

/**
 * Validates data, keeping zod's issues in a plain form. The unknown keys found by
 * {@link inspect} are left out first (the `schema` rule reports them on their own), so a typo in
 * one key does not cost the page its validated data.
 */
export function validate(schema: z.ZodType, value: unknown, unknownKeys: UnknownKey[]): { data: unknown; issues: SchemaIssue[] } {
	const result = schema.safeParse(withoutKeys(value, unknownKeys));
	if (result.success) return { data: result.data, issues: [] };
	const issues = result.error.issues.map((issue) => ({
		code: issue.code,
		path: issue.path.map((segment) => (typeof segment === 'number' ? segment : String(segment))),
		message: issue.message,
		values: 'values' in issue ? (issue.values as unknown[]) : undefined,
	}));
	return { data: undefined, issues };
}

function withoutKeys(value: unknown, keys: UnknownKey[]): unknown {
	if (keys.length === 0) return value;
	const copy = structuredClone(value);
	for (const { path } of keys) {
		let parent: unknown = copy;
		for (const segment of path.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[segment];
		delete (parent as Record<string | number, unknown>)[path.at(-1)!];
	}
	return copy;
}

interface SchemaVisitor {
	reference(collection: CollectionName, id: string, path: (string | number)[]): void;
	unknownKey(key: string, knownKeys: string[], path: (string | number)[]): void;
}

interface SchemaDef {
	type: string;
	innerType?: z.ZodType;
	in?: z.ZodType;
	shape?: Record<string, z.ZodType>;
	catchall?: z.ZodType;
	element?: z.ZodType;
	options?: z.ZodType[];
	valueType?: z.ZodType;
	getter?: () => z.ZodType;
}

const defOf = (schema: z.ZodType) => (schema as unknown as { def: SchemaDef }).def;
const wrapperTypes = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

/** Walks data along its schema (see {@link inspect}). */
function walkSchema(schema: z.ZodType, value: unknown, visitor: SchemaVisitor, path: (string | number)[] = []): void {
	const def = defOf(schema);
	if (wrapperTypes.has(def.type)) {
		if (value !== undefined && value !== null) walkSchema(def.innerType!, value, visitor, path);
		return;
	}
	switch (def.type) {
		case 'pipe': {
			const collection = referenceTargets.get(schema);
			if (!collection) walkSchema(def.in!, value, visitor, path);
			else if (typeof value === 'string') visitor.reference(collection, value, path);
			return;
		}
		case 'lazy':
			walkSchema(def.getter!(), value, visitor, path);
			return;
		case 'object': {
			if (!isPlainObject(value)) return;
			const shape = def.shape!;
			const closed = !def.catchall || defOf(def.catchall).type === 'never';
			for (const [key, child] of Object.entries(value)) {
				if (Object.hasOwn(shape, key)) walkSchema(shape[key]!, child, visitor, [...path, key]);
				else if (closed) visitor.unknownKey(key, Object.keys(shape), [...path, key]);
			}
			return;
		}
		case 'array':
			if (Array.isArray(value)) value.forEach((item, index) => walkSchema(def.element!, item, visitor, [...path, index]));
			return;
		case 'record':
			if (isPlainObject(value))
				for (const [key, child] of Object.entries(value)) walkSchema(def.valueType!, child, visitor, [...path, key]);
			return;
		case 'union': {
			const option = bestOption(def.options!, value);
			if (option) walkSchema(option, value, visitor, path);
			return;
		}
	}
}

/** The union member the value was most likely written for: same kind, most keys in common. */
function bestOption(options: z.ZodType[], value: unknown): z.ZodType | undefined {
	let best: z.ZodType | undefined;
	let bestScore = -1;
	for (const option of options) {
		const base = unwrap(option);
		const kind = defOf(base).type;
		let score = -1;
		if (kind === 'object' && isPlainObject(value)) {
			const shape = defOf(base).shape!;
			score = Object.keys(value).filter((key) => Object.hasOwn(shape, key)).length;
		} else if (kind === 'array' && Array.isArray(value)) score = 0;
		else if (kind !== 'object' && kind !== 'array' && !isPlainObject(value) && !Array.isArray(value)) score = 0;
		if (score > bestScore) [best, bestScore] = [option, score];
	}
	return best;
}

function unwrap(schema: z.ZodType): z.ZodType {
	const def = defOf(schema);
	if (wrapperTypes.has(def.type)) return unwrap(def.innerType!);
	if (def.type === 'pipe' && !referenceTargets.has(schema)) return unwrap(def.in!);
	return schema;
}

/** Whether a value is a plain `{ ... }` object (as YAML mappings are). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
