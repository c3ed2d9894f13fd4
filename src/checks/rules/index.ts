import type { Rule } from '../rule.ts';
import { codeownersRule } from './codeowners.ts';
import { freshnessRule } from './freshness.ts';
import { linksRule } from './links.ts';
import { orphansRule } from './orphans.ts';
import { ownershipRule } from './ownership.ts';
import { referencesRule } from './references.ts';
import { schemaRule } from './schema.ts';
import { structureRule } from './structure.ts';

/** Every rule, in the order they run and are listed. */
export const rules: Rule[] = [schemaRule, referencesRule, linksRule, ownershipRule, freshnessRule, structureRule, orphansRule, codeownersRule];

/** The ids of {@link rules}. */
export const ruleIds: string[] = rules.map((rule) => rule.id);
