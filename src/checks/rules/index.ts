import type { AnyRule } from '../rule.ts';
import { alertsRule } from './alerts.ts';
import { codeownersRule } from './codeowners.ts';
import { filesRule } from './files.ts';
import { freshnessRule } from './freshness.ts';
import { linksRule } from './links.ts';
import { mdxRule } from './mdx.ts';
import { orphansRule } from './orphans.ts';
import { ownershipRule } from './ownership.ts';
import { rawHtmlRule } from './raw-html.ts';
import { referencesRule } from './references.ts';
import { releasesRule } from './releases.ts';
import { schemaRule } from './schema.ts';
import { secretsRule } from './secrets.ts';
import { structureRule } from './structure.ts';

export { requiredSectionsOf, type StructureOptions, structureRule } from './structure.ts';

/** Every rule, in the order they run and are listed. */
export const rules: readonly AnyRule[] = [
	filesRule,
	schemaRule,
	referencesRule,
	linksRule,
	ownershipRule,
	freshnessRule,
	structureRule,
	orphansRule,
	codeownersRule,
	rawHtmlRule,
	mdxRule,
	secretsRule,
	alertsRule,
	releasesRule,
];
