import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { fatalRule, formatReport, rules } from '../../src/checks/index.ts';
import { check, handbookWith } from './helpers.ts';

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

	it('pretty groups the diagnostics by file, with the fix hints and a summary', async () => {
		const pretty = formatReport(await linksResult(), 'pretty');
		expect(pretty).toContain('content/guides/links.md\n');
		expect(pretty).toMatch(/\n {2}15:3-15:53 {2}error {4}`\.\.\/practices\/incident-managment\.md` leads to .* {2}links\n/);
		expect(pretty).toMatch(/\n {23}fix: did you mean `\.\.\/practices\/incident-management\.md`\?/);
		// No column repeats what every line would say: the tool's name.
		expect(pretty).not.toMatch(/ links[ \t]+handbook$/m);
		expect(pretty.trimEnd().split('\n').at(-1)).toBe('✖ 12 errors');
		expect(formatReport(await check(handbookWith()), 'pretty')).toBe('11 files checked: no problems');
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
