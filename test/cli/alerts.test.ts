import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { addRunbookUrls } from '../../src/checks/index.ts';
import { handbookWith, today } from '../checks/helpers.ts';
import { runCommand } from '../helpers/cli.ts';

const handbookAlerts = (root: string, args: string[] = []) => runCommand(['alerts', '--today', today, '--no-cache', ...args], root);
const base = 'https://handbook.example.com/';

/** A rule file written in every way YAML allows: comments, odd indentation, flow style, block scalars. */
const awkward = [
	'# Shop alerts. Keep this comment.',
	'groups:',
	'   - name: odd   # three-space indent',
	'     rules:',
	'        - alert: NoAnnotations',
	'          expr: up == 0',
	'          labels:',
	'              severity: page   # a four-space step',
	'        - alert: BlockAnnotations',
	'          expr: |',
	'            up == 0',
	'          annotations:',
	'            summary: "quoted" # keep me',
	'            description: |',
	'              two',
	'              lines',
	'        # a comment between rules',
	'        - {alert: FlowRule, expr: up, labels: {severity: page}}',
	'        - alert: FlowAnnotations',
	"          annotations: {summary: 'single quoted'}",
	'        - alert: EmptyFlow',
	'          annotations: {}',
	'        - alert: EmptyValue',
	'          annotations:',
	'        - alert: HasOne',
	'          annotations:',
	'            runbook_url: https://elsewhere.example.com/',
	'        - alert: NoRunbook',
	'          expr: up',
	'        - record: not:an:alert',
	'          expr: sum(up)',
	'        - alert: LastLine',
	'          expr: "1"',
].join('\n');

/** The text with every inserted part removed: what `--fix` must leave as it was. */
function withoutInsertions(fixed: string, original: string): string {
	// Walk both texts: whatever is in `fixed` and not at the same place in `original` was inserted.
	let rebuilt = '';
	let index = 0;
	for (const char of fixed) {
		if (original[index] === char) {
			rebuilt += char;
			index++;
		}
	}
	return rebuilt;
}

describe('addRunbookUrls', () => {
	const urlFor = ({ name }: { name: string }) => (name === 'NoRunbook' ? undefined : `${base}alerts/${name}/`);

	it('adds runbook_url to every rule without one and leaves every other byte as it was', () => {
		const { text, added, skipped } = addRunbookUrls(awkward, urlFor);
		expect(added.map((item) => item.alert)).toEqual(['NoAnnotations', 'BlockAnnotations', 'FlowRule', 'FlowAnnotations', 'EmptyFlow', 'EmptyValue', 'LastLine']);
		expect(skipped).toEqual([]);
		// Only insertions: the original is the fixed text less what was added, in order.
		expect(withoutInsertions(text, awkward)).toBe(awkward);
		expect(text.startsWith(awkward.split('\n').slice(0, 8).join('\n'))).toBe(true);
		for (const line of ['# Shop alerts. Keep this comment.', '            summary: "quoted" # keep me', '        # a comment between rules']) expect(text).toContain(line);
		// Indented as the file indents, in the style of the mapping it goes into.
		expect(text).toContain('              severity: page   # a four-space step\n          annotations:\n              runbook_url: https://handbook.example.com/alerts/NoAnnotations/\n');
		expect(text).toContain('              lines\n            runbook_url: https://handbook.example.com/alerts/BlockAnnotations/\n        # a comment');
		expect(text).toContain('- {alert: FlowRule, expr: up, labels: {severity: page}, annotations: {runbook_url: https://handbook.example.com/alerts/FlowRule/}}');
		expect(text).toContain("annotations: {summary: 'single quoted', runbook_url: https://handbook.example.com/alerts/FlowAnnotations/}");
		expect(text).toContain('annotations: {runbook_url: https://handbook.example.com/alerts/EmptyFlow/}');
		expect(text).toContain('          annotations:\n            runbook_url: https://handbook.example.com/alerts/EmptyValue/\n        - alert: HasOne');
		expect(text.endsWith('          expr: "1"\n          annotations:\n            runbook_url: https://handbook.example.com/alerts/LastLine/\n')).toBe(true);
		// And it reads back as YAML with the annotations where Prometheus looks for them.
		const rules = (parseAllDocuments(text)[0]!.toJS() as { groups: { rules: { alert?: string; annotations?: { runbook_url?: string } }[] }[] }).groups[0]!.rules;
		expect(Object.fromEntries(rules.filter((rule) => rule.alert).map((rule) => [rule.alert, rule.annotations?.runbook_url ?? null]))).toEqual({
			NoAnnotations: `${base}alerts/NoAnnotations/`,
			BlockAnnotations: `${base}alerts/BlockAnnotations/`,
			FlowRule: `${base}alerts/FlowRule/`,
			FlowAnnotations: `${base}alerts/FlowAnnotations/`,
			EmptyFlow: `${base}alerts/EmptyFlow/`,
			EmptyValue: `${base}alerts/EmptyValue/`,
			HasOne: 'https://elsewhere.example.com/',
			NoRunbook: null,
			LastLine: `${base}alerts/LastLine/`,
		});
		// A second run has nothing left to add.
		expect(addRunbookUrls(text, urlFor)).toEqual({ text, added: [], skipped: [] });
	});

	it('keeps Windows line endings, and PrometheusRule resources, as written', () => {
		const resource = 'kind: PrometheusRule\r\nspec:\r\n  groups:\r\n  - name: g\r\n    rules:\r\n    - alert: A\r\n      labels:\r\n        severity: page\r\n';
		const { text } = addRunbookUrls(resource, urlFor);
		expect(text).toBe(`${resource}      annotations:\r\n        runbook_url: ${base}alerts/A/\r\n`);
	});

	it('leaves a rule whose annotations are null alone, and a file that is not YAML', () => {
		const nulled = 'groups:\n- name: g\n  rules:\n  - alert: A\n    annotations: null\n';
		expect(addRunbookUrls(nulled, urlFor)).toEqual({ text: nulled, added: [], skipped: [{ alert: 'A', line: 4, reason: '`annotations` is not a mapping' }] });
		expect(addRunbookUrls('groups: [\n', urlFor).text).toBe('groups: [\n');
	});
});

describe('handbook alerts', () => {
	it('prints the coverage by owner team, with the alerts that have no runbook', async () => {
		const { status, stdout } = await handbookAlerts(handbookWith('alerts'));
		expect(status).toBe(0);
		expect(stdout).toContain('7 alerts in 2 rule files; 2 lead to a runbook. 4 of the 6 alerts that must have a runbook have none.');
		expect(stdout).toContain('| Shop Team (`shop-team`) | 7 | 2 | `ShopCheckoutErrors` (required), `ShopDiskFull` (required), `ShopLatencyHigh`, `ShopQueueBacklog` (required), `ShopSearchDown` (required) |');
		expect(stdout).toContain('| `ShopCheckoutErrors` (required) | Shop Team | web-shop | critical | `monitoring/shop.rules.yaml:7` |');
	});

	it('prints the same as JSON', async () => {
		const { stdout } = await handbookAlerts(handbookWith('alerts'), ['--format', 'json']);
		const coverage = JSON.parse(stdout);
		expect(coverage.totals).toEqual({ alerts: 7, withRunbook: 2, required: 6, requiredWithoutRunbook: 4 });
		expect(coverage.files).toEqual(['monitoring/broken.yaml', 'monitoring/shop.rules.yaml']);
		expect(coverage.withoutAnnotation).toEqual([{ alert: 'ShopWebDown', file: 'monitoring/shop.rules.yaml', line: 4 }]);
	});

	it('--fix writes the stable address of each alert with a runbook into its rule, and nothing else', async () => {
		const root = handbookWith('alerts');
		const path = join(root, 'monitoring/shop.rules.yaml');
		const before = readFileSync(path, 'utf8');
		const broken = readFileSync(join(root, 'monitoring/broken.yaml'), 'utf8');
		const { status, stdout, stderr } = await handbookAlerts(root, ['--fix']);
		expect(status).toBe(0);
		expect(stderr).toContain('monitoring/shop.rules.yaml: added runbook_url to ShopWebDown');
		expect(stderr).toContain('monitoring/broken.yaml left as it is');
		const after = readFileSync(path, 'utf8');
		expect(after).toBe(before.replace('labels: { severity: page, service: web-shop }\n', `labels: { severity: page, service: web-shop }\n        annotations:\n          runbook_url: ${base}alerts/ShopWebDown/\n`));
		expect(readFileSync(join(root, 'monitoring/broken.yaml'), 'utf8')).toBe(broken);
		expect(stdout).not.toContain('Rules without a runbook_url');
	});

	it('--fix needs the handbook address', async () => {
		const root = handbookWith('alerts');
		const policy = join(root, 'content/handbook.yaml');
		writeFileSync(policy, readFileSync(policy, 'utf8').replace(/^ {2}handbookUrl: .*\n/m, ''));
		const { status, stderr } = await handbookAlerts(root, ['--fix']);
		expect(status).toBe(2);
		expect(stderr).toContain('set `alerts: { handbookUrl: "https://..." }` in content/handbook.yaml');
	});

	it('explains itself', async () => {
		const { status, stdout } = await handbookAlerts(handbookWith(), ['--help']);
		expect(status).toBe(0);
		for (const word of ['--format', '--fix', 'alerts.rules', 'requireRunbook', 'handbookUrl', 'every other byte']) expect(stdout).toContain(word);
		expect((await runCommand(['--help'], process.cwd())).stdout).toMatch(/alerts {7}Print which alerts lead to a runbook/);
	});
});
