import { defineCollection, reference } from 'astro:content';
import { file } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { contentLoader } from './lib/loader.ts';
import { contentPath } from './lib/project.ts';
import {
	guideFields,
	practiceSchema,
	readinessSchema,
	roleSchema,
	runbookSchema,
	teamSchema,
} from './schemas/index.ts';

/**
 * The handbook's collections. Each schema lives in `src/schemas/` and is shared with the check
 * engine, which validates the same files with the same rules (and reports every problem at once).
 */
export const collections = {
	docs: defineCollection({ loader: contentLoader('docs'), schema: docsSchema({ extend: guideFields(reference) }) }),
	practices: defineCollection({ loader: contentLoader('practices'), schema: practiceSchema(reference) }),
	roles: defineCollection({ loader: contentLoader('roles'), schema: roleSchema(reference) }),
	runbooks: defineCollection({ loader: contentLoader('runbooks'), schema: runbookSchema(reference) }),
	readiness: defineCollection({ loader: contentLoader('readiness'), schema: readinessSchema(reference) }),
	teams: defineCollection({ loader: file(contentPath('teams.yaml')), schema: teamSchema() }),
};
