import { i18nSchema } from '@astrojs/starlight/schema';
import { defineCollection, reference } from 'astro:content';
import type { Loader } from 'astro/loaders';
import type { z } from 'astro/zod';
import {
	type CollectionName,
	type Collections,
	collections as registry,
	dataCollections,
	type PageCollection,
	pageCollections,
} from './core/collections.ts';
import { contentRoot } from './core/project.ts';
import { contentLoader, dataLoader } from './site/content-loader.ts';
import { uiStrings } from './site/ui-strings.ts';

type SiteSchema<K extends CollectionName> = Collections[K] extends { kind: 'pages'; schema: (reference: never) => infer S }
	? S
	: Collections[K] extends { kind: 'data'; schema: () => infer S }
		? S
		: never;

/**
 * The handbook's collections, one per row of the collection registry (`src/core/collections.ts`):
 * each with the registry's schema (references made with Astro's `reference()`) and a loader that
 * selects files with the checker's rule. Starlight's `i18n` collection holds the handbook's wording of
 * interface strings (src/site/ui-strings.ts), under the language of the site.
 */
export const collections = Object.fromEntries([
	...pageCollections.map((name: PageCollection) => [
		name,
		defineCollection({ loader: contentLoader(name, contentRoot), schema: registry[name].schema(reference) as z.ZodType }),
	]),
	...dataCollections.map((name) => [name, defineCollection({ loader: dataLoader(name, contentRoot), schema: registry[name].schema() })]),
	['i18n', defineCollection({ loader: () => [{ id: 'en', ...uiStrings }], schema: i18nSchema() })],
]) as { [K in CollectionName]: { loader: Loader; schema: SiteSchema<K> } } & { i18n: ReturnType<typeof defineCollection> };
