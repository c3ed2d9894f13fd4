import { alertRoute, safeDecode } from '../../core/routes.ts';
import type { AlertDefinition, AlertRuleFile, PlacedValue } from '../alert-rules.ts';
import type { AlertPolicy } from '../policy.ts';
import type { Entry } from '../types.ts';
import { positionOf } from '../yaml-positions.ts';

/** A runbook that says it handles an alert: by naming it in `alerts:`, or as the target of the alert's `runbook_url`. */
export interface RunbookClaim {
	runbook: Entry;
	via: 'alerts' | 'runbook_url';
	/** Where the claim is written: the runbook's `alerts:` item, or the rule file's `runbook_url`. */
	file: string;
	line: number;
	column: number;
}

/** Where a `runbook_url` annotation leads. */
export type RunbookUrlTarget =
	| { kind: 'outside' }
	/** A template this handbook cannot fill in (`{{ $value }}`, a label the rule does not set). */
	| { kind: 'template' }
	| { kind: 'page'; entry: Entry }
	/** The stable address of an alert (`/alerts/<name>/`). */
	| { kind: 'alert'; name: string }
	| { kind: 'generated'; route: string }
	| { kind: 'dead'; route: string; reason: 'no-page' | 'no-anchor' | 'no-runbook'; anchor?: string };

/** A `runbook_url` of one alert definition, and where it leads. */
export interface RunbookUrl {
	definition: AlertDefinition;
	url: PlacedValue;
	/** The address with the rule's labels filled in. */
	expanded: string;
	target: RunbookUrlTarget;
}

/** One alert (by name) as the handbook knows it: its definitions in the rule files and the runbooks that claim it. */
export interface AlertFact {
	name: string;
	/** The stable address that redirects to its runbook: only for an alert with a runbook and a name fit for a path. */
	route: string | undefined;
	/** Its rules in the rule files (an alert may have several, e.g. one per severity). */
	definitions: AlertDefinition[];
	/** Runbooks that claim it, in file order: `alerts:` claims first. */
	claims: RunbookClaim[];
	/** The runbook it leads to: the first claim's. */
	runbook: Entry | undefined;
	/** Distinct `severity` labels of its definitions. */
	severities: string[];
	/** The service it belongs to: its `service` label when that is a service, else its runbook's service. */
	service: string | undefined;
	/** The team that owns it: the service's owner, else its `team` label when that is a team, else its runbook's owner. */
	owner: string | undefined;
	/** Whether some definition matches the policy's `requireRunbook`. */
	required: boolean;
	/** Every `runbook_url` of its definitions, resolved. */
	urls: RunbookUrl[];
}

/** What the alert facts need of the content graph. */
export interface AlertContext {
	entries: readonly Entry[];
	byRoute: ReadonlyMap<string, Entry>;
	generatedRoutes: ReadonlySet<string>;
	serviceOwner(id: string): string | undefined;
	isTeam(id: string): boolean;
}

/**
 * Derives every alert's facts from the rule files and the runbooks: which runbooks claim it
 * (`alerts:` lists, `runbook_url` annotations that resolve to a runbook or to an alert's stable
 * address), where each `runbook_url` of this handbook leads, which service and team it belongs
 * to, and whether the policy requires it to have a runbook. Sorted by name.
 */
export function deriveAlerts(context: AlertContext, files: readonly AlertRuleFile[], policy: AlertPolicy): AlertFact[] {
	const facts = new Map<string, AlertFact>();
	const factOf = (name: string): AlertFact => {
		let fact = facts.get(name);
		if (!fact) {
			fact = { name, route: undefined, definitions: [], claims: [], runbook: undefined, severities: [], service: undefined, owner: undefined, required: false, urls: [] };
			facts.set(name, fact);
		}
		return fact;
	};
	for (const file of files) for (const definition of file.alerts) factOf(definition.name).definitions.push(definition);
	for (const entry of context.entries) {
		if (entry.collection !== 'runbooks' || !Array.isArray(entry.raw.alerts)) continue;
		entry.raw.alerts.forEach((name, index) => {
			if (typeof name !== 'string' || name === '') return;
			factOf(name).claims.push(listClaim(entry, index));
		});
	}
	// A runbook_url to an alert's stable address leads wherever that alert's `alerts:` claim leads.
	const claimedByList = (name: string) => facts.get(name)?.claims.find((claim) => claim.via === 'alerts')?.runbook;
	for (const fact of facts.values()) {
		for (const definition of fact.definitions) {
			const url = definition.runbookUrl;
			if (!url) continue;
			const expanded = expandTemplate(url.value, definition);
			const target = expanded === undefined ? ({ kind: 'template' } as const) : resolveRunbookUrl(context, expanded, policy.handbookUrl, claimedByList);
			fact.urls.push({ definition, url, expanded: expanded ?? url.value, target });
			const runbook = target.kind === 'page' ? target.entry : target.kind === 'alert' && target.name !== fact.name ? claimedByList(target.name) : undefined;
			if (runbook?.collection === 'runbooks') fact.claims.push({ runbook, via: 'runbook_url', file: definition.file, line: url.line, column: url.column });
		}
	}
	return [...facts.values()]
		.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
		.map((fact) => {
			const runbook = fact.claims[0]?.runbook;
			const labelled = fact.definitions.map((definition) => definition.labels.service).find((id) => id !== undefined && context.serviceOwner(id) !== undefined);
			const service = labelled ?? (runbook && typeof runbook.raw.service === 'string' ? runbook.raw.service : undefined);
			const team = fact.definitions.map((definition) => definition.labels.team).find((id) => id !== undefined && context.isTeam(id));
			return {
				...fact,
				route: runbook ? alertRoute(fact.name) : undefined,
				runbook,
				severities: [...new Set(fact.definitions.flatMap((definition) => definition.labels.severity ?? []))],
				service,
				owner: (service && context.serviceOwner(service)) ?? team ?? runbook?.owner,
				required: fact.definitions.some((definition) => requiresRunbook(definition, policy)),
			};
		});
}

/**
 * The claim of a runbook's `alerts:` item. Its position is only needed for a diagnostic, and
 * finding it parses the frontmatter again with positions: it is worked out when first read.
 */
function listClaim(entry: Entry, index: number): RunbookClaim {
	let position: { line: number; column: number } | undefined;
	const place = () => (position ??= positionOf(entry.frontmatter, ['alerts', index], { line: entry.frontmatter.line, column: 1 }, 'value'));
	return {
		runbook: entry,
		via: 'alerts',
		file: entry.file,
		get line() {
			return place().line;
		},
		get column() {
			return place().column;
		},
	};
}

/** Whether the policy's `requireRunbook` selects an alert definition: every label it names has one of the listed values. */
export function requiresRunbook(definition: AlertDefinition, policy: AlertPolicy): boolean {
	const required = policy.requireRunbook;
	if (!required) return false;
	return Object.entries(required).every(([label, values]) => {
		const value = definition.labels[label];
		return value !== undefined && values.includes(value);
	});
}

/**
 * Fills in the label templates Alertmanager would (`{{ $labels.alertname }}`, `{{ .Labels.team }}`)
 * from the rule itself; `undefined` when a template is left that only Alertmanager can fill.
 */
function expandTemplate(url: string, definition: AlertDefinition): string | undefined {
	let unknown = false;
	const expanded = url.replace(/\{\{\s*(?:\$labels|\.Labels)\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_whole, label: string) => {
		const value = label === 'alertname' ? definition.name : definition.labels[label];
		if (value === undefined) unknown = true;
		return value ?? '';
	});
	return unknown || expanded.includes('{{') ? undefined : expanded;
}

/** Where an address leads, if it is under the handbook's published address. */
function resolveRunbookUrl(
	context: AlertContext,
	url: string,
	handbookUrl: string | undefined,
	claimedByList: (name: string) => Entry | undefined,
): RunbookUrlTarget {
	if (handbookUrl === undefined || !url.startsWith(handbookUrl)) return { kind: 'outside' };
	const rest = url.slice(handbookUrl.length);
	const hash = rest.indexOf('#');
	const anchor = hash === -1 ? undefined : safeDecode(rest.slice(hash + 1)) || undefined;
	const path = `/${safeDecode((hash === -1 ? rest : rest.slice(0, hash)).split('?')[0]!)}`;
	const route = path.endsWith('/') || /\.[a-z0-9]+$/i.test(path) ? path : `${path}/`;
	const alert = /^\/alerts\/([^/]+)\/$/.exec(route);
	if (alert) {
		const name = alert[1]!;
		return claimedByList(name) && alertRoute(name) ? { kind: 'alert', name } : { kind: 'dead', route, reason: 'no-runbook' };
	}
	const entry = context.byRoute.get(route);
	if (entry) return anchor === undefined || entry.anchors.has(anchor) ? { kind: 'page', entry } : { kind: 'dead', route, reason: 'no-anchor', anchor };
	if (context.generatedRoutes.has(route)) return { kind: 'generated', route };
	return { kind: 'dead', route, reason: 'no-page' };
}
