import { describe, expect, it } from 'vitest';
import { parseAlertRules } from '../../src/checks/alert-rules.ts';

describe('reading alert rule files', () => {
	it('reads a Prometheus rule file with the position of each name and runbook_url', () => {
		const text = [
			'# rules',
			'groups:',
			'  - name: shop',
			'    rules:',
			'      - record: job:up:sum',
			'        expr: sum(up)',
			'      - alert: ShopDown',
			'        expr: up == 0',
			'        labels: { severity: page, service: web-shop, priority: 1 }',
			'        annotations:',
			'          runbook_url: "https://handbook.example.com/alerts/{{ $labels.alertname }}/"',
		].join('\n');
		expect(parseAlertRules('rules.yaml', text)).toEqual({
			file: 'rules.yaml',
			problems: [],
			alerts: [
				{
					name: 'ShopDown',
					file: 'rules.yaml',
					line: 7,
					column: 16,
					group: 'shop',
					labels: { severity: 'page', service: 'web-shop', priority: '1' },
					runbookUrl: { value: 'https://handbook.example.com/alerts/{{ $labels.alertname }}/', line: 11, column: 24 },
				},
			],
		});
	});

	it('reads PrometheusRule resources among other manifests', () => {
		const text = [
			'apiVersion: v1',
			'kind: ConfigMap',
			'data: {}',
			'---',
			'apiVersion: monitoring.coreos.com/v1',
			'kind: PrometheusRule',
			'spec:',
			'  groups:',
			'  - name: edge',
			'    rules:',
			'    - alert: EdgeDown',
			'      labels:',
			'        severity: critical',
		].join('\n');
		const { alerts, problems } = parseAlertRules('edge.yaml', text);
		expect(problems).toEqual([]);
		expect(alerts.map((alert) => [alert.name, alert.line, alert.column, alert.labels])).toEqual([['EdgeDown', 11, 14, { severity: 'critical' }]]);
	});

	it.each([
		['invalid YAML', 'groups: [\n  - alert: X\n', [2, 3]],
		['a list at the top', '- alert: X\n', [1, 1]],
		['a mapping without groups', 'rules: []\n', [1, 1]],
		['groups that are no list', 'groups: { name: x }\n', [1, 9]],
		['a group that is no mapping', 'groups:\n  - just a string\n', [2, 5]],
		['rules that are no list', 'groups:\n  - name: g\n    rules: nope\n', [3, 12]],
		['a rule that is no mapping', 'groups:\n  - name: g\n    rules:\n      - 42\n', [4, 9]],
		['an alert without a name', 'groups:\n  - name: g\n    rules:\n      - alert:\n        expr: up\n', [4, 15]],
		['a PrometheusRule without spec.groups', 'kind: PrometheusRule\nspec: {}\n', [2, 7]],
	])('reports %s at its position and never throws', (_, text, [line, column]) => {
		const { alerts, problems } = parseAlertRules('bad.yaml', text);
		expect(alerts).toEqual([]);
		expect(problems).toHaveLength(1);
		expect([problems[0]!.line, problems[0]!.column]).toEqual([line, column]);
	});

	it('keeps reading the rest of a file after a bad rule', () => {
		const { alerts, problems } = parseAlertRules('mixed.yaml', 'groups:\n  - name: g\n    rules:\n      - 42\n      - alert: Fine\n');
		expect(alerts.map((alert) => alert.name)).toEqual(['Fine']);
		expect(problems).toHaveLength(1);
	});

	it('reads an empty file as no alerts', () => {
		expect(parseAlertRules('empty.yaml', '')).toEqual({ file: 'empty.yaml', alerts: [], problems: [] });
		expect(parseAlertRules('comment.yaml', '# nothing yet\n')).toEqual({ file: 'comment.yaml', alerts: [], problems: [] });
	});
});
