import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { fatalRule, formatReport, rules } from '../../src/checks/index.ts';
import { fingerprintKey } from '../../src/checks/reporters/sarif.ts';
import packageJson from '../../package.json' with { type: 'json' };
import { check, handbookWith } from './helpers.ts';

/**
 * The SARIF 2.1.0 JSON Schema (OASIS, final "rtm.5" revision), as Microsoft's SARIF SDK ships it in
 * its npm package `@microsoft/jest-sarif`. It is a draft-04 schema.
 */
const sarifSchema = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
const validateSarif = (() => {
	// One of the schema's patterns (`language`) is not valid as a Unicode regular expression.
	const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
	addFormats(ajv);
	return ajv.compile(sarifSchema);
})();
const repository = { url: 'https://github.com/example-org/handbook', files: 'https://github.com/example-org/handbook/blob/HEAD/' };

const linksResult = () => check(handbookWith('links'));

describe('formatReport', () => {
	it('json lists every diagnostic with its position, rule, severity, message and fix', async () => {
		const result = await check(handbookWith('orphans'));
		expect(JSON.parse(formatReport(result, 'json'))).toEqual([
			{
				file: 'content/guides/lonely.md',
				line: 1,
				column: 1,
				ruleId: 'orphans',
				messageId: 'orphan',
				severity: 'warning',
				message: 'no page links to this guide',
				fix: 'link to it from the home page or a related guide',
			},
		]);
		const links = JSON.parse(formatReport(await linksResult(), 'json'));
		expect(links).toHaveLength(12);
		expect(links[1]).toMatchObject({
			file: 'content/guides/links.md',
			line: 15,
			column: 3,
			endLine: 15,
			endColumn: 53,
			severity: 'error',
			ruleId: 'links',
			messageId: 'missingPage',
		});
	});

	it('github prints one workflow annotation per diagnostic', async () => {
		const lines = formatReport(await linksResult(), 'github').split('\n');
		expect(lines).toHaveLength(12);
		expect(lines[0]).toBe(
			'::error file=content/guides/index.md,line=10,col=13,endLine=10,endColumn=24,title=links::`/practises/` is not a page of the handbook (fix: did you mean `/practices/`?)',
		);
		for (const line of lines)
			expect(line).toMatch(/^::(error|warning) file=content\/[^,]+,line=\d+,col=\d+,(endLine=\d+,endColumn=\d+,)?title=links::\S/);
	});

	it('github escapes what would end a property or the message', () => {
		const file = new VFile({ path: 'content/a,b:c.md' });
		const message = file.message('50% done,\nreally: yes', { place: { line: 2, column: 3 }, ruleId: 'schema', source: 'handbook' });
		message.fatal = true;
		expect(formatReport({ files: [file] }, 'github')).toBe(
			'::error file=content/a%2Cb%3Ac.md,line=2,col=3,title=schema::50%25 done,%0Areally: yes',
		);
	});

	it('sarif is a SARIF 2.1.0 log with the rules and located results', async () => {
		const log = JSON.parse(formatReport(await linksResult(), 'sarif'));
		expect(log.version).toBe('2.1.0');
		expect(log.$schema).toMatch(/sarif-2\.1\.0/);
		const [run] = log.runs;
		expect(run.tool.driver.name).toBe('handbook');
		expect(run.tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual([...rules, fatalRule].map((rule) => rule.meta.id));
		expect(run.tool.driver.rules[1]).toMatchObject({
			id: 'schema',
			shortDescription: { text: expect.any(String) },
			defaultConfiguration: { level: 'error' },
		});
		expect(run.results).toHaveLength(12);
		for (const result of run.results) {
			expect(result).toMatchObject({ ruleId: 'links', ruleIndex: 3, level: 'error', message: { text: expect.any(String) } });
			const { physicalLocation } = result.locations[0];
			expect(physicalLocation.artifactLocation).toEqual({
				uri: expect.stringMatching(/^content\/guides\/(index|links)\.md$/),
				uriBaseId: '%SRCROOT%',
			});
			expect(physicalLocation.region.startLine).toBeGreaterThan(0);
			expect(physicalLocation.region.startColumn).toBeGreaterThan(0);
		}
	});

	it('sarif validates against the SARIF 2.1.0 JSON Schema, with and without the repository known', async () => {
		const result = await check(handbookWith('mixed'));
		for (const options of [{}, { repository }]) {
			const log = JSON.parse(formatReport(result, 'sarif', options));
			expect(log.runs[0].results.length).toBeGreaterThan(10);
			expect(validateSarif(log), JSON.stringify(validateSarif.errors, null, 2)).toBe(true);
		}
		// The schema is strict enough to catch a broken log.
		const broken = JSON.parse(formatReport(result, 'sarif'));
		broken.runs[0].results[0].level = 'fatal';
		expect(validateSarif(broken)).toBe(false);
	});

	it('sarif names the tool version, and gives each rule help from its meta', async () => {
		const { driver } = JSON.parse(formatReport(await linksResult(), 'sarif')).runs[0].tool;
		expect(driver).toMatchObject({ name: 'handbook', version: packageJson.version, semanticVersion: packageJson.version });
		const links = driver.rules.find((rule: { id: string }) => rule.id === 'links');
		const meta = rules.find((rule) => rule.meta.id === 'links')!.meta;
		for (const { text, fix } of Object.values(meta.messages)) {
			const [plainText, plainFix] = [text, fix].map((words) => words.replace(/\{\{\s*(\w+)\s*\}\}/g, '<$1>'));
			expect(links.help.text).toContain(`- ${plainText}: ${plainFix}`);
		}
		expect(links.help.text.startsWith('Links (relative `.md`')).toBe(true);
		// A placeholder outside code is text in Markdown, not an HTML tag.
		expect(links.help.markdown).toContain('`&lt;path&gt;` leads to'.replace('`&lt;path&gt;`', '`<path>`'));
		expect(links.help.markdown).not.toMatch(/\| <\w+>/);
		// No repository known: no documentation link, since a relative one would lead nowhere.
		expect(driver.informationUri).toBeUndefined();
		expect(driver.rules.some((rule: { helpUri?: string }) => 'helpUri' in rule)).toBe(false);
	});

	it('sarif links the tool and each rule to README.md in the repository, when its address is known', async () => {
		const { driver } = JSON.parse(formatReport(await linksResult(), 'sarif', { repository })).runs[0].tool;
		expect(driver.informationUri).toBe('https://github.com/example-org/handbook/blob/HEAD/README.md#checking-the-handbook');
		for (const rule of driver.rules) expect(rule.helpUri).toBe(`https://github.com/example-org/handbook/blob/HEAD/README.md#rule-${rule.id}`);
	});

	it('sarif fingerprints each result by file, rule and message, not by line', async () => {
		const fingerprints = (result: Awaited<ReturnType<typeof check>>) =>
			JSON.parse(formatReport(result, 'sarif')).runs[0].results.map(
				(entry: { partialFingerprints: Record<string, string> }) => entry.partialFingerprints[fingerprintKey],
			);
		const file = (offset: number, messages: string[]) => {
			const vfile = new VFile({ path: 'content/a.md' });
			messages.forEach((text, index) => {
				vfile.message(text, { place: { line: offset + index, column: 1 }, ruleId: 'links' }).fatal = true;
			});
			return vfile;
		};
		const before = fingerprints({ files: [file(1, ['one', 'two', 'one'])] } as never);
		const moved = fingerprints({ files: [file(40, ['one', 'two', 'one'])] } as never);
		expect(before.every((print: string) => /^[0-9a-f]{32}$/.test(print))).toBe(true);
		expect(new Set(before).size).toBe(3);
		expect(moved).toEqual(before);
		expect(fingerprints({ files: [file(1, ['one', 'three'])] } as never)[1]).not.toBe(before[1]);
	});

	it('pretty groups the diagnostics by file, with the fix hints and a summary', async () => {
		const pretty = formatReport(await linksResult(), 'pretty');
		expect(pretty).toContain('content/guides/links.md\n');
		expect(pretty).toMatch(/\n {2}15:3-15:53 +error {4}`\.\.\/practices\/incident-managment\.md` leads to .* {2}links\n/);
		// The hint lines up under the message it belongs to.
		const lines = pretty.split('\n');
		const start = lines.findIndex((line) => line.includes('15:3-15:53'));
		const column = lines[start]!.indexOf('`../practices');
		expect(lines.slice(start + 1).find((line) => line.includes('fix:'))).toBe(`${' '.repeat(column)}fix: did you mean \`../practices/incident-management.md\`?`);
		// No column repeats what every line would say: the tool's name.
		expect(pretty).not.toMatch(/ links[ \t]+handbook$/m);
		expect(pretty.trimEnd().split('\n').at(-1)).toBe('✖ 12 errors');
		expect(formatReport(await check(handbookWith()), 'pretty')).toBe('12 files checked: no problems');
		expect(formatReport(await check(handbookWith('orphans')), 'pretty').split('\n').at(-1)).toBe('⚠ 1 warning');
		const file = new VFile({ path: 'content/a.md' });
		file.message('one', { place: { line: 1, column: 1 }, ruleId: 'schema' }).fatal = true;
		file.message('two', { place: { line: 2, column: 1 }, ruleId: 'orphans' }).fatal = false;
		expect(formatReport({ files: [file] }, 'pretty').split('\n').at(-1)).toBe('✖ 1 error, ⚠ 1 warning');
	});

	it('pretty fits the width it is given, wrapping messages and hints inside their column', async () => {
		const result = await linksResult();
		for (const width of [60, 80, 120]) {
			const lines = formatReport(result, 'pretty', { width }).split('\n');
			expect(lines.filter((line) => [...line].length > width)).toEqual([]);
		}
		const narrow = formatReport(result, 'pretty', { width: 60 }).split('\n');
		// A wrapped message goes on under its own column, never under the position or severity.
		const start = narrow.findIndex((line) => line.includes('15:3-15:53'));
		const column = narrow[start]!.indexOf('`../practices');
		expect(narrow[start + 1]!.slice(0, column).trim()).toBe('');
		expect(narrow[start + 1]!.slice(column)).toMatch(/^\S/);
		// Without a width, lines are padded no further than the longest message of their file needs.
		const wide = formatReport(result, 'pretty').split('\n');
		expect(Math.max(...wide.map((line) => line.length))).toBeLessThanOrEqual(100);
	});

	it('pretty colours severities only when asked', async () => {
		const result = await linksResult();
		expect(formatReport(result, 'pretty')).not.toContain('\u001b[');
		expect(formatReport(result, 'pretty', { color: true })).toContain('\u001b[31merror');
	});
});
