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
		expect(pretty).toMatch(/15:3-15:53\s+error\s+`\.\.\/practices\/incident-managment\.md` leads to .* links\s+handbook/);
		expect(pretty).toContain('did you mean `../practices/incident-management.md`?');
		expect(pretty.trimEnd().split('\n').at(-1)).toBe('✖ 12 errors');
		expect(formatReport(await check(handbookWith()), 'pretty')).toBe('12 files checked: no problems');
	});
});
