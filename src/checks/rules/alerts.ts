import { requiresRunbook } from '../facts/alerts.ts';
import { defineRule } from '../rule.ts';
import { closestMatch } from '../suggest.ts';
import { positionOf } from '../yaml-positions.ts';

export const alertsRule = defineRule({
	meta: {
		id: 'alerts',
		description:
			"alert rule files (the policy's `alerts.rules`) that cannot be read, an alert the policy's `requireRunbook` selects without a runbook (at its line, naming the owner team), a `runbook_url` into the handbook that leads nowhere, an alert claimed by two runbooks; as warnings, a runbook naming an alert no rule file has, a glob that matches no file",
		defaultSeverity: 'error',
		url: 'README.md#rule-alerts',
		messages: {
			invalidRuleFile: {
				text: 'cannot read the alert rules here: {{reason}}',
				fix: 'a Prometheus rule file is `groups: [{ name, rules: [{ alert, expr, labels, annotations }] }]`; a PrometheusRule resource has the same under `spec:`',
			},
			noFiles: {
				text: 'the glob "{{pattern}}" matches no file',
				fix: 'write the glob relative to the repository root, or remove it',
			},
			noRunbook: {
				text: 'alert "{{alert}}" ({{matched}}) has no runbook{{owner}}',
				fix: "name it in the `alerts:` of the runbook that handles it{{ownerFix}}, or set its `runbook_url` to that runbook's address",
			},
			unknownAlert: {
				text: 'no alert rule is named "{{alert}}"',
				fix: 'correct the name, or remove it if the alert no longer exists',
			},
			deadRunbookUrl: {
				text: '`runbook_url` leads to {{route}}, which {{reason}}',
				fix: "use the runbook's address, or the alert's stable address {{stable}}",
			},
			claimedTwice: {
				text: 'alert "{{alert}}" is also claimed by {{other}}; its address leads to that runbook only',
				fix: 'let one runbook claim the alert, and link to the other runbook from it',
			},
		},
	},
	create({ graph, report }) {
		return {
			handbook() {
				const policyFile = graph.policyFile;
				graph.alertPatterns.forEach(({ pattern, matches }, index) => {
					if (matches > 0) return;
					report({
						file: policyFile.file,
						...positionOf(policyFile.yaml, ['alerts', 'rules', index], { line: 1, column: 1 }, 'value'),
						messageId: 'noFiles',
						severity: 'warning',
						data: { pattern },
					});
				});
				for (const file of graph.alertFiles) {
					for (const problem of file.problems) {
						report({ file: file.file, line: problem.line, column: problem.column, messageId: 'invalidRuleFile', data: { reason: problem.message } });
					}
				}
				const defined = graph.alerts.filter((alert) => alert.definitions.length > 0).map((alert) => alert.name);
				const requirement = Object.entries(graph.policy.alerts.requireRunbook ?? {})
					.map(([label, values]) => `${label} ${values.join(' or ')}`)
					.join(', ');
				for (const alert of graph.alerts) {
					if (alert.runbook === undefined) {
						const team = alert.owner && graph.teamById.get(alert.owner);
						const teamName = team && typeof team.raw.name === 'string' ? team.raw.name : alert.owner;
						for (const definition of alert.definitions) {
							if (!requiresRunbook(definition, graph.policy.alerts)) continue;
							const owner = alert.owner === undefined ? '' : `; ${teamName} owns it${alert.service ? ` (service ${alert.service})` : ''}`;
							report({
								file: definition.file,
								line: definition.line,
								column: definition.column,
								messageId: 'noRunbook',
								data: { alert: alert.name, matched: requirement, owner, ownerFix: alert.owner === undefined ? '' : ` (ask ${teamName})` },
							});
						}
					}
					if (alert.definitions.length === 0 && graph.policy.alerts.rules.length > 0) {
						for (const claim of alert.claims) {
							report({
								file: claim.file,
								line: claim.line,
								column: claim.column,
								messageId: 'unknownAlert',
								severity: 'warning',
								data: { alert: alert.name },
								suggestion: closestMatch(alert.name, defined),
								actual: alert.name,
							});
						}
					}
					for (const { url, target, definition } of alert.urls) {
						if (target.kind !== 'dead') continue;
						const reason =
							target.reason === 'no-anchor'
								? `has no section "#${target.anchor}"`
								: target.reason === 'no-runbook'
									? 'is the address of an alert that no runbook claims'
									: 'is no page of this handbook';
						report({
							file: definition.file,
							line: url.line,
							column: url.column,
							messageId: 'deadRunbookUrl',
							data: { route: target.route, reason, stable: `${graph.policy.alerts.handbookUrl ?? '/'}alerts/{{ $labels.alertname }}/` },
							actual: url.value,
						});
					}
					const first = alert.claims[0];
					for (const claim of alert.claims.slice(1)) {
						if (claim.runbook === first!.runbook) continue;
						report({
							file: claim.file,
							line: claim.line,
							column: claim.column,
							messageId: 'claimedTwice',
							data: { alert: alert.name, other: first!.runbook.file },
						});
					}
				}
			},
		};
	},
});
