import { collections, pageCollections } from '../core/collections.ts';
import type { CheckResult } from './engine.ts';
import { type ContentGraph, entriesOf } from './graph.ts';
import { type Diagnostic, listDiagnostics } from './reporters/diagnostics.ts';
import { rules } from './rules/index.ts';
import type { Entry } from './types.ts';

/** A page as the health report names it. `collection` is its folder name (`guides`, not `docs`). */
export interface PageSummary {
	file: string;
	route: string;
	title: string;
	collection: string;
}

/** A page past its review date. */
export interface OverduePage extends PageSummary {
	lastReviewed: string;
	/** The date the review was due, `YYYY-MM-DD`. */
	due: string;
	daysLate: number;
	/** Days between reviews in force for the page. */
	interval: number;
	/** `stale`: past its review date (a warning); `overdue`: past `errorFactor` intervals (an error). */
	state: 'stale' | 'overdue';
}

/** The review debt of one owner team. */
export interface TeamReviewDebt {
	/** The owner team as written on the pages; `null` for pages without an owner. */
	team: string | null;
	/** The team's name in teams.yaml; `null` when the team is not there. */
	name: string | null;
	/** Most days late first. */
	pages: OverduePage[];
}

/** A link the `links` rule reports. */
export interface BrokenLink {
	file: string;
	line: number;
	column: number;
	message: string;
	fix: string | null;
}

/** An alert without a runbook, as the coverage report lists it. */
export interface UncoveredAlert {
	alert: string;
	/** Whether the policy's `requireRunbook` asks for one (the `alerts` rule reports it). */
	required: boolean;
	service: string | null;
	severities: string[];
	/** Where its first rule is, if it is in a rule file. */
	file: string | null;
	line: number | null;
}

/** How many alerts of one owner team lead to a runbook. */
export interface TeamAlertCoverage {
	/** The owner team (`null`: no service, team label or runbook says). */
	team: string | null;
	name: string | null;
	alerts: number;
	withRunbook: number;
	without: UncoveredAlert[];
}

/** Which alerts lead to a runbook, by owner team: `handbook alerts` and the health report. */
export interface AlertCoverage {
	/** The rule files read (the policy's `alerts.rules`); without any, the alerts are those the runbooks name. */
	files: string[];
	totals: { alerts: number; withRunbook: number; required: number; requiredWithoutRunbook: number };
	/** Teams by id, alerts without a known owner last. */
	byTeam: TeamAlertCoverage[];
	/** Rules of alerts that have a runbook but no `runbook_url` annotation: what `handbook alerts --fix` adds. */
	withoutAnnotation: { alert: string; file: string; line: number }[];
}

/**
 * The alert coverage of a handbook, from the alert facts of its content graph (the facts the
 * `alerts` rule judges and the site's `/alerts/` page shows). With rule files, the alerts are
 * those the rule files define; without, those the runbooks name.
 */
export function alertCoverage(graph: ContentGraph): AlertCoverage {
	const configured = graph.policy.alerts.rules.length > 0;
	const alerts = graph.alerts.filter((alert) => !configured || alert.definitions.length > 0);
	const teams = new Map<string | null, TeamAlertCoverage>();
	for (const alert of alerts) {
		const team = alert.owner ?? null;
		let row = teams.get(team);
		if (!row) {
			const name = team === null ? undefined : graph.teamById.get(team)?.raw.name;
			row = { team, name: typeof name === 'string' ? name : null, alerts: 0, withRunbook: 0, without: [] };
			teams.set(team, row);
		}
		row.alerts++;
		if (alert.runbook) row.withRunbook++;
		else {
			const first = alert.definitions[0];
			row.without.push({
				alert: alert.name,
				required: alert.required,
				service: alert.service ?? null,
				severities: alert.severities,
				file: first?.file ?? null,
				line: first?.line ?? null,
			});
		}
	}
	return {
		files: graph.alertFiles.map((file) => file.file),
		totals: {
			alerts: alerts.length,
			withRunbook: alerts.filter((alert) => alert.runbook).length,
			required: alerts.filter((alert) => alert.required).length,
			requiredWithoutRunbook: alerts.filter((alert) => alert.required && !alert.runbook).length,
		},
		byTeam: [...teams.values()].sort((a, b) => (a.team === null ? 1 : b.team === null ? -1 : a.team.localeCompare(b.team))),
		withoutAnnotation: alerts.flatMap((alert) =>
			alert.runbook && alert.route
				? alert.definitions.filter((definition) => !definition.runbookUrl).map((definition) => ({ alert: alert.name, file: definition.file, line: definition.line }))
				: [],
		),
	};
}

/** A service as the health report lists it. */
export interface ServiceSummary {
	service: string;
	title: string;
	route: string;
	owner: string | null;
	tier: string | null;
	slos: number;
	runbooks: number;
	/** The owner team's on-call rotation (`null`: none). */
	oncall: string | null;
}

/** A release in hypercare, from its readiness record. */
export interface HypercareRelease extends PageSummary {
	service: string;
	releaseDate: string;
	hypercareUntil: string | null;
	/** Past its last day without a closing note (the `releases` rule warns). */
	overdue: boolean;
}

/**
 * The state of the handbook at a glance, for maintainers: plain data (no Maps, Sets or Dates),
 * so that it prints as JSON and renders as a page as it is.
 */
export interface HealthReport {
	/** The date reviews are measured against. */
	today: string;
	totals: { pages: number; teams: number; errors: number; warnings: number };
	/** Pages per collection, every collection listed, and how many have a valid owner team. */
	collections: { collection: string; pages: number; owned: number }[];
	/** Every team of teams.yaml with the number of pages it owns and of those past their review date. */
	teams: { team: string; name: string | null; pages: number; reviewsDue: number }[];
	ownership: {
		pages: number;
		/** Pages whose owner (their own, or the policy's default for guides) is a team of teams.yaml. */
		owned: number;
		/** `owned` as a percentage of `pages`, one decimal. */
		percent: number;
		/** The other pages, with the owner they name (`null`: none). */
		unowned: (PageSummary & { owner: string | null })[];
	};
	reviews: { stale: number; overdue: number; byTeam: TeamReviewDebt[] };
	/** Pages the `orphans` rule reports. */
	orphans: PageSummary[];
	brokenLinks: BrokenLink[];
	/** Every service, and those without objectives, without runbooks, without an on-call rotation. */
	services: {
		all: ServiceSummary[];
		withoutSlos: string[];
		withoutRunbooks: string[];
		withoutOncall: string[];
	};
	alerts: AlertCoverage;
	releasesInHypercare: HypercareRelease[];
	/** Errors and warnings per rule, every rule listed, in the order the rules run. */
	rules: { rule: string; errors: number; warnings: number }[];
}

/**
 * The health report of a checked handbook: pages per collection, ownership coverage, review
 * debt per owner team, orphans, broken links and problems per rule. Everything comes from the
 * check's content graph: review debt from each page's review status (the fact the site's banner
 * shows), orphans and broken links from the diagnostics, so the report and `handbook check`
 * always agree (a rule turned off in handbook.yaml reports nothing here either).
 */
export function buildHealthReport(result: CheckResult): HealthReport {
	const { graph } = result;
	const diagnostics = listDiagnostics(result.files);
	const entryByFile = new Map<string, Entry>();
	for (const entry of graph.entries) if (!entryByFile.has(entry.file)) entryByFile.set(entry.file, entry);
	const entriesWith = (ruleId: string) =>
		[...new Set(diagnostics.filter((diagnostic) => diagnostic.ruleId === ruleId).map((diagnostic) => diagnostic.file))].flatMap(
			(file) => entryByFile.get(file) ?? [],
		);

	const hasTeam = (entry: Entry) => entry.owner !== undefined && graph.teamById.has(entry.owner);
	const unowned = graph.entries.filter((entry) => !hasTeam(entry));
	const owned = graph.entries.length - unowned.length;
	// Review debt is a fact of each page, the same the site's banner shows, whether or not the rule reports it.
	const overdue = graph.entries.flatMap((entry) => overduePage(entry) ?? []);

	return {
		today: result.today,
		totals: { pages: graph.entries.length, teams: graph.teams.length, errors: result.errorCount, warnings: result.warningCount },
		collections: pageCollections.map((collection) => {
			const entries = entriesOf(graph, collection);
			return { collection: collections[collection].folder, pages: entries.length, owned: entries.filter(hasTeam).length };
		}),
		teams: [...graph.teamById.values()].map((team) => ({
			team: team.id,
			name: teamName(result, team.id),
			pages: graph.entries.filter((entry) => entry.owner === team.id).length,
			reviewsDue: overdue.filter(({ owner }) => owner === team.id).length,
		})),
		ownership: {
			pages: graph.entries.length,
			owned,
			percent: graph.entries.length === 0 ? 100 : Math.round((owned / graph.entries.length) * 1000) / 10,
			unowned: unowned.map((entry) => ({ ...pageSummary(entry), owner: entry.owner ?? null })),
		},
		reviews: {
			stale: overdue.filter(({ page }) => page.state === 'stale').length,
			overdue: overdue.filter(({ page }) => page.state === 'overdue').length,
			byTeam: groupByTeam(overdue, result),
		},
		orphans: entriesWith('orphans').map(pageSummary),
		brokenLinks: diagnostics.filter((diagnostic) => diagnostic.ruleId === 'links').map(brokenLink),
		services: serviceHealth(graph),
		alerts: alertCoverage(graph),
		releasesInHypercare: graph.entries.flatMap((entry) =>
			entry.release?.phase === 'hypercare'
				? [
						{
							...pageSummary(entry),
							service: entry.release.service,
							releaseDate: entry.release.releaseDate,
							hypercareUntil: entry.release.hypercareUntil ?? null,
							overdue: entry.release.hypercareOverdue,
						},
					]
				: [],
		),
		rules: rules.map((rule) => {
			const reported = diagnostics.filter((diagnostic) => diagnostic.ruleId === rule.meta.id);
			return {
				rule: rule.meta.id,
				errors: reported.filter((diagnostic) => diagnostic.severity === 'error').length,
				warnings: reported.filter((diagnostic) => diagnostic.severity === 'warning').length,
			};
		}),
	};
}

function serviceHealth(graph: ContentGraph): HealthReport['services'] {
	const all = entriesOf(graph, 'services').map(
		(entry): ServiceSummary => ({
			service: entry.id,
			title: entry.title,
			route: entry.route,
			owner: entry.owner ?? null,
			tier: typeof entry.raw.tier === 'string' ? entry.raw.tier : null,
			slos: entry.serviceFacts?.slos.length ?? 0,
			runbooks: entry.serviceFacts?.runbooks.length ?? 0,
			oncall: entry.serviceFacts?.oncall ?? null,
		}),
	);
	return {
		all,
		withoutSlos: all.filter((service) => service.slos === 0).map((service) => service.service),
		withoutRunbooks: all.filter((service) => service.runbooks === 0).map((service) => service.service),
		withoutOncall: all.filter((service) => service.oncall === null).map((service) => service.service),
	};
}

function pageSummary(entry: Entry): PageSummary {
	return { file: entry.file, route: entry.route, title: entry.title, collection: collections[entry.collection].folder };
}

/** A page past its review date, with its owner team, from the page's review fact. */
function overduePage(entry: Entry): { owner: string | null; page: OverduePage } | undefined {
	const review = entry.review;
	if (!review || review.state === 'current') return undefined;
	const { lastReviewed, due, daysLate, interval, state } = review;
	return { owner: entry.owner ?? null, page: { ...pageSummary(entry), lastReviewed, due, daysLate, interval, state } };
}

function groupByTeam(overdue: { owner: string | null; page: OverduePage }[], result: CheckResult): TeamReviewDebt[] {
	const groups = new Map<string | null, OverduePage[]>();
	for (const { owner, page } of overdue) groups.set(owner, [...(groups.get(owner) ?? []), page]);
	return [...groups]
		.sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
		.map(([team, pages]) => ({
			team,
			name: team === null ? null : teamName(result, team),
			pages: pages.sort((a, b) => b.daysLate - a.daysLate || a.file.localeCompare(b.file)),
		}));
}

function teamName(result: CheckResult, id: string): string | null {
	const name = result.graph.teamById.get(id)?.raw.name;
	return typeof name === 'string' ? name : null;
}

function brokenLink(diagnostic: Diagnostic): BrokenLink {
	const { file, line, column, message, fix } = diagnostic;
	return { file, line, column, message, fix: fix ?? null };
}

/** The output formats of {@link formatHealthReport}. */
export const healthFormats = ['md', 'json'] as const;
export type HealthFormat = (typeof healthFormats)[number];

/** Prints a health report: `md` for people (a pull request comment, a wiki page), `json` for programs. */
export function formatHealthReport(report: HealthReport, format: HealthFormat): string {
	return format === 'json' ? JSON.stringify(report, null, 2) : markdown(report);
}

function markdown(report: HealthReport): string {
	const { totals, ownership, reviews } = report;
	const out = [
		`# Handbook health on ${report.today}`,
		`${count(totals.pages, 'page')} and ${count(totals.teams, 'team')}; \`handbook check\` finds ${count(totals.errors, 'error')} and ${count(totals.warnings, 'warning')}.`,
		table(
			['Collection', 'Pages', 'With a valid owner'],
			report.collections.map((row) => [row.collection, String(row.pages), String(row.owned)]),
		),
		'## Ownership',
		`${ownership.percent}% of pages (${ownership.owned} of ${ownership.pages}) have an owner team that exists in teams.yaml.`,
	];
	if (ownership.unowned.length > 0) {
		out.push(
			table(
				['Page without a valid owner', 'Owner written'],
				ownership.unowned.map((page) => [pageCell(page), page.owner === null ? 'none' : code(page.owner)]),
			),
		);
	}
	out.push(
		table(
			['Team', 'Pages owned', 'Past their review date'],
			report.teams.map((row) => [
				row.name === null ? code(row.team) : `${row.name} (${code(row.team)})`,
				String(row.pages),
				String(row.reviewsDue),
			]),
		),
		'## Review debt',
		reviews.byTeam.length === 0
			? 'Every page is within its review interval.'
			: `${count(reviews.stale + reviews.overdue, 'page')} past the review date, ${reviews.overdue} of them long overdue (an error).`,
	);
	for (const group of reviews.byTeam) {
		out.push(
			`### ${group.team === null ? 'Pages without an owner' : group.name === null ? code(group.team) : `${group.name} (${code(group.team)})`}`,
			table(
				['Page', 'Last reviewed', 'Due', 'Days late', 'State'],
				group.pages.map((page) => [
					pageCell(page),
					page.lastReviewed,
					page.due,
					String(page.daysLate),
					page.state === 'overdue' ? 'long overdue' : 'stale',
				]),
			),
		);
	}
	out.push('## Orphans');
	out.push(
		report.orphans.length === 0
			? 'Every page can be reached from another.'
			: table(
					['Page no other page links to'],
					report.orphans.map((page) => [pageCell(page)]),
				),
	);
	out.push('## Broken links');
	out.push(
		report.brokenLinks.length === 0
			? 'No broken links.'
			: table(
					['File', 'Line', 'Problem'],
					report.brokenLinks.map((link) => [code(link.file), String(link.line), link.message]),
				),
	);
	out.push('## Services', servicesMarkdown(report.services));
	out.push('## Alert coverage', alertCoverageMarkdown(report.alerts));
	out.push(
		'## Releases in hypercare',
		report.releasesInHypercare.length === 0
			? 'No release is in hypercare.'
			: table(
					['Release', 'Service', 'Released', 'Hypercare until'],
					report.releasesInHypercare.map((release) => [
						pageCell(release),
						release.service,
						release.releaseDate,
						`${release.hypercareUntil ?? 'not set'}${release.overdue ? ' (ended, no closing note)' : ''}`,
					]),
				),
	);
	out.push(
		'## Problems by rule',
		table(
			['Rule', 'Errors', 'Warnings'],
			report.rules.map((row) => [row.rule, String(row.errors), String(row.warnings)]),
		),
	);
	return `${out.join('\n\n')}\n`;
}

function servicesMarkdown(services: HealthReport['services']): string {
	if (services.all.length === 0) return 'No services in the catalogue.';
	const gaps = [
		services.withoutSlos.length > 0 ? `Without objectives: ${services.withoutSlos.map(code).join(', ')}.` : '',
		services.withoutRunbooks.length > 0 ? `Without runbooks: ${services.withoutRunbooks.map(code).join(', ')}.` : '',
		services.withoutOncall.length > 0 ? `Without an on-call rotation: ${services.withoutOncall.map(code).join(', ')}.` : '',
	].filter(Boolean);
	return [
		table(
			['Service', 'Owner', 'Tier', 'Objectives', 'Runbooks', 'On-call'],
			services.all.map((service) => [
				`${service.title} (${code(service.service)})`,
				service.owner === null ? 'none' : code(service.owner),
				service.tier ?? '',
				String(service.slos),
				String(service.runbooks),
				service.oncall === null ? 'none' : code(service.oncall),
			]),
		),
		gaps.length > 0 ? gaps.join(' ') : 'Every service has objectives, runbooks and an on-call rotation.',
	].join('\n\n');
}

/** The alert coverage as Markdown: `handbook alerts` prints it, and the health report includes it. */
export function alertCoverageMarkdown(coverage: AlertCoverage): string {
	const { totals } = coverage;
	const out = [
		`${count(totals.alerts, 'alert')}${coverage.files.length > 0 ? ` in ${count(coverage.files.length, 'rule file')}` : ' named by runbooks (no rule files configured)'}; ${totals.withRunbook} lead to a runbook. ${totals.requiredWithoutRunbook} of the ${count(totals.required, 'alert')} that must have a runbook ${totals.requiredWithoutRunbook === 1 ? 'has' : 'have'} none.`,
	];
	if (coverage.byTeam.length > 0) {
		out.push(
			table(
				['Owner team', 'Alerts', 'With a runbook', 'Without a runbook'],
				coverage.byTeam.map((row) => [
					row.team === null ? 'unknown' : row.name === null ? code(row.team) : `${row.name} (${code(row.team)})`,
					String(row.alerts),
					String(row.withRunbook),
					row.without.length === 0 ? '0' : row.without.map((alert) => `${code(alert.alert)}${alert.required ? ' (required)' : ''}`).join(', '),
				]),
			),
		);
	}
	return out.join('\n\n');
}

function table(header: string[], rows: string[][]): string {
	const line = (cells: string[]) => `| ${cells.map((cell) => cell.replaceAll('|', '\\|').replace(/\s*\n\s*/g, ' ')).join(' | ')} |`;
	return [line(header), `| ${header.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n');
}

function pageCell(page: PageSummary): string {
	return `${page.title} (${code(page.file)})`;
}

function code(text: string): string {
	return `\`${text}\``;
}

function count(value: number, noun: string): string {
	return `${value} ${noun}${value === 1 ? '' : 's'}`;
}
