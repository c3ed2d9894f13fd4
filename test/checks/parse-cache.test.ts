import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parserVersion } from '../../src/checks/parse-cache.ts';
import { repoRoot } from '../helpers/build.ts';

// The parse cache keeps results between runs, keyed by each file's text and `parserVersion`. A
// change to the parser that is not matched by a new version would let stale results through.
const parserModules = ['src/checks/parse.ts', 'src/checks/markdown.ts', 'src/checks/output/scan.ts', 'src/checks/secrets.ts', 'src/core/frontmatter.ts', 'src/core/title.ts', 'src/core/today.ts'];

describe('the parse cache', () => {
	it('has a new parser version whenever the parser changed', () => {
		const hash = createHash('sha256');
		for (const module of parserModules) hash.update(readFileSync(join(repoRoot, module)));
		// When this fails: bump `parserVersion` in src/checks/parse-cache.ts, then write both new values here.
		expect({ parserVersion, parserSource: hash.digest('hex').slice(0, 16) }).toEqual({ parserVersion: 11, parserSource: '7580519a27661b5b' });
	});
});
