/**
 * Writes a synthetic handbook of N pages in this project's content format, for benchmarks and
 * scale tests:
 *
 *   node scripts/generate-handbook.ts --pages 3000 --out .bench/3000/content [--seed 7]
 *
 * The mix follows a grown-up handbook: about 60% runbooks (in one folder per service), 20%
 * practices, 10% guides (with the home page), 5% roles and 5% readiness templates, plus a
 * teams.yaml. Pages average about 5 KB, with headings, code blocks, GFM tables and links between
 * pages (relative `.md` links with anchors, and site-absolute routes). Every page is valid:
 * the check engine finds no errors when run with `--today` set to {@link generatorToday}.
 *
 * The output depends only on the page count and the seed: there is no clock and no
 * `Math.random`, so two runs produce the same bytes.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { slug } from 'github-slugger';
import { contentPathToRoute } from '../src/core/routes.ts';

/** The date the generated review dates are fresh for: pass it as `--today` / `HANDBOOK_TODAY`. */
export const generatorToday = '2026-11-01';

/** File a generated folder carries, so the generator may replace that folder and nothing else. */
export const markerFile = '.generated-handbook';

/** The smallest handbook that still has every kind of page. */
const minimumPages = 10;

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

type Random = () => number;

/** mulberry32: a tiny, fast 32-bit PRNG; good enough to vary text, and fully reproducible. */
function mulberry32(seed: number): Random {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** FNV-1a, to turn seeds and file paths into PRNG seeds. */
function hash(text: string): number {
	let value = 0x811c9dc5;
	for (let index = 0; index < text.length; index++) {
		value ^= text.charCodeAt(index);
		value = Math.imul(value, 0x01000193);
	}
	return value >>> 0;
}

const between = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

function shuffled<T>(random: Random, items: readonly T[]): T[] {
	const copy = [...items];
	for (let index = copy.length - 1; index > 0; index--) {
		const other = Math.floor(random() * (index + 1));
		[copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
	}
	return copy;
}

const sample = <T>(random: Random, items: readonly T[], count: number): T[] => shuffled(random, items).slice(0, count);

// ---------------------------------------------------------------------------------------------
// The plan: every page's path, title and headings, decided before any body is written, so that
// links can point at pages and anchors that exist.

interface Team {
	id: string;
	name: string;
	description: string;
	members: string[];
	oncall: boolean;
	guide?: Guide;
}

interface Page {
	/** Path relative to the content folder. */
	path: string;
	title: string;
	/** H2 and H3 texts in document order; each is unique on its page, so its slug is its anchor. */
	headings: string[];
	lastReviewed: string;
}

interface Activity {
	name: string;
	text: string;
}

interface Practice extends Page {
	id: string;
	category: 'general' | 'service' | 'technical';
	owner: Team;
	activities: Activity[];
	related: Practice[];
	devopsTopics: string[];
}

interface Role extends Page {
	group: 'process' | 'devops';
	raciColumn?: string;
	owner: Team;
}

interface Service {
	name: string;
	team: Team;
	runbooks: Runbook[];
	guide?: Guide;
}

interface Step {
	title: string;
	text: string;
	code: (service: Service) => string;
}

interface Runbook extends Page {
	service: Service;
	scenario: Scenario;
	practice: Practice;
	diagnosis: Step[];
	mitigation: Step[];
}

interface Readiness extends Page {
	template: ReadinessTemplate;
	owner: Team;
	service?: Service;
}

interface Guide extends Page {
	kind: 'index' | 'getting-started' | 'glossary' | 'service' | 'team';
	owner: Team;
	service?: Service;
	team?: Team;
}

interface Plan {
	teams: Team[];
	practices: Practice[];
	roles: Role[];
	services: Service[];
	runbooks: Runbook[];
	readiness: Readiness[];
	guides: Guide[];
}

/** How many pages of each collection a handbook of `pages` pages gets. */
export function pageMix(pages: number) {
	if (!Number.isInteger(pages) || pages < minimumPages) throw new Error(`--pages must be a whole number of at least ${minimumPages}`);
	const readiness = Math.max(1, Math.round(pages * 0.05));
	const roles = Math.max(3, Math.round(pages * 0.05));
	const guides = Math.max(1, Math.round(pages * 0.1));
	const practices = Math.max(1, Math.round(pages * 0.2));
	// One service entry per runbook folder: about eight runbooks each.
	const services = Math.max(1, Math.round(pages * 0.075));
	return { practices, roles, guides, readiness, services, runbooks: pages - readiness - roles - guides - practices - services };
}

/** Turns a seed given on the command line (a number or any text) into a PRNG seed. */
export function seedFrom(value: string | number): number {
	const text = String(value);
	return /^\d+$/.test(text) ? Number(text) >>> 0 : hash(text);
}

function planHandbook(pages: number, seed: number): Plan {
	const random = mulberry32(seed);
	const mix = pageMix(pages);
	const domains = planDomains(random, mix.services);
	const teams = [...baseTeams.map((team) => withMembers(random, team)), ...domains.map((domain) => domainTeam(random, domain))];
	const services = planServices(random, domains, teams).slice(0, mix.services);
	const practices = planPractices(random, mix.practices, teams);
	const roles = planRoles(random, mix.roles, teams);
	const runbooks = planRunbooks(random, mix.runbooks, services, practices);
	const readiness = planReadiness(random, mix.readiness, teams, services);
	const guides = planGuides(random, mix.guides, teams, services);
	return { teams, practices, roles, services, runbooks, readiness, guides };
}

/** A release date within three months after the fixed date. */
function releaseDate(random: Random): string {
	const today = Date.parse(`${generatorToday}T00:00:00Z`);
	return new Date(today + between(random, 7, 90) * 86_400_000).toISOString().slice(0, 10);
}

function reviewDate(random: Random): string {
	// Up to 50 days before the fixed date: fresh for every collection (runbooks: 90 days), and
	// still fresh three weeks later, so a check run against the real clock passes too.
	const today = Date.parse(`${generatorToday}T00:00:00Z`);
	return new Date(today - between(random, 1, 50) * 86_400_000).toISOString().slice(0, 10);
}

function uniqueId(taken: Set<string>, id: string): string {
	let candidate = id;
	for (let count = 2; taken.has(candidate); count++) candidate = `${id}-${count}`;
	taken.add(candidate);
	return candidate;
}

/** A sentence-case title for use inside a sentence: "Incident management" -> "incident management", "IT asset ..." stays. */
const inSentence = (title: string) => (/^[A-Z]{2}/.test(title) ? title : title.charAt(0).toLowerCase() + title.slice(1));

const titleCase = (words: string) => words.replace(/(^|[\s-])([a-z])/g, (_, gap: string, letter: string) => gap + letter.toUpperCase());

// --- teams ------------------------------------------------------------------------------------

const baseTeams: Omit<Team, 'members'>[] = [
	{ id: 'service-management-office', name: 'Service Management Office', description: 'Owns the handbook, the practice definitions and the process roles.', oncall: false },
	{ id: 'service-operations', name: 'Service Operations', description: 'Runs the service desk, incident, problem and request handling.', oncall: true },
	{ id: 'platform-sre', name: 'Platform SRE', description: 'Runs the shared platform, monitoring, capacity and continuity.', oncall: true },
	{ id: 'release-engineering', name: 'Release Engineering', description: 'Owns change enablement, release, deployment and validation tooling.', oncall: true },
	{ id: 'security-office', name: 'Security Office', description: 'Information security, risk and compliance.', oncall: true },
	{ id: 'architecture-office', name: 'Architecture Office', description: 'Architecture, service design and portfolio decisions.', oncall: false },
	{ id: 'people-and-finance', name: 'People and Finance Partners', description: 'Workforce, supplier and financial management for technology.', oncall: false },
];

const firstNames = ['Amara', 'Tomasz', 'Kofi', 'Lena', 'Rui', 'Ines', 'Mikael', 'Sunita', 'Odile', 'Yusuf', 'Hana', 'Ciaran', 'Beatriz', 'Felix', 'Greta', 'Manoj', 'Zeynep', 'Daniel', 'Marta', 'Aiko', 'Pedro', 'Nadia', 'Oskar', 'Priya', 'Emeka', 'Sofia', 'Jonas', 'Leila', 'Mateo', 'Freya'];
const lastNames = ['Lindqvist', 'Wren', 'Mensah', 'Hartmann', 'Tavares', 'Duarte', 'Berg', 'Rao', 'Marchand', 'Demir', 'Kobayashi', 'Doyle', 'Nunes', 'Adeyemi', 'Solberg', 'Pillai', 'Aksoy', 'Osei', 'Kowalska', 'Tanaka', 'Alves', 'Haddad', 'Novak', 'Iyer', 'Okafor', 'Ruiz', 'Virtanen', 'Farouk', 'Costa', 'Byrne'];

function withMembers(random: Random, team: Omit<Team, 'members'>): Team {
	const count = between(random, 2, 4);
	const members = new Set<string>();
	while (members.size < count) members.add(`${pick(random, firstNames)} ${pick(random, lastNames)}`);
	return { ...team, members: [...members] };
}

// A domain is a product area: one team, two or so services (`payments-api`, `payments-worker`).
const domainWords = ['payments', 'identity', 'search', 'catalogue', 'checkout', 'billing', 'ledger', 'notifications', 'inventory', 'shipping', 'pricing', 'reporting', 'media', 'analytics', 'messaging', 'accounts', 'orders', 'fraud', 'loyalty', 'partners', 'returns', 'reviews', 'subscriptions', 'documents'];
const regions = ['eu', 'us', 'apac', 'uk'];
const serviceKinds = ['api', 'worker', 'gateway', 'db', 'cache', 'scheduler', 'portal', 'indexer'];

/**
 * As many domains as `serviceCount` services need: the plain words, then each word per region
 * (`payments-eu`), then per numbered site of each region (`payments-eu2`, `payments-eu3`, ...),
 * as far as the handbook's size asks. The order never depends on the size, so a larger handbook
 * has the domains of a smaller one first.
 */
function planDomains(random: Random, serviceCount: number): string[] {
	const plain = shuffled(random, domainWords);
	const wanted = Math.ceil(serviceCount / 2);
	const domains = [...plain];
	for (let site = 1; domains.length < wanted; site++) {
		for (const region of regions) domains.push(...plain.map((word) => `${word}-${region}${site === 1 ? '' : site}`));
	}
	return domains.slice(0, wanted);
}

function domainTeam(random: Random, domain: string): Team {
	const name = `${titleCase(domain.replace('-', ' ')).replace(/ (Eu|Us|Apac|Uk)(\d*)$/, (region) => region.toUpperCase())} Team`;
	return withMembers(random, { id: `${domain}-team`, name, description: `Builds and runs the ${domain} services.`, oncall: true });
}

function planServices(random: Random, domains: string[], teams: Team[]): Service[] {
	return domains.flatMap((domain) => {
		const team = teams.find((candidate) => candidate.id === `${domain}-team`) as Team;
		return sample(random, serviceKinds, 2).map((kind) => ({ name: `${domain}-${kind}`, team, runbooks: [] }));
	});
}

// --- practices ----------------------------------------------------------------------------------

// The 34 practices, most referenced first, so that small handbooks still have the practices
// their runbooks point to.
const basePractices: [string, Practice['category']][] = [
	['Incident management', 'service'],
	['Deployment management', 'technical'],
	['Service continuity management', 'service'],
	['Monitoring and event management', 'service'],
	['Capacity and performance management', 'service'],
	['Change enablement', 'service'],
	['Problem management', 'service'],
	['Release management', 'service'],
	['Information security management', 'general'],
	['Supplier management', 'general'],
	['Availability management', 'service'],
	['Service configuration management', 'service'],
	['Infrastructure and platform management', 'technical'],
	['Service desk', 'service'],
	['Service level management', 'service'],
	['Knowledge management', 'general'],
	['Continual improvement', 'general'],
	['Software development and management', 'technical'],
	['Service request management', 'service'],
	['Service validation and testing', 'service'],
	['IT asset management', 'service'],
	['Service catalogue management', 'service'],
	['Service design', 'service'],
	['Business analysis', 'service'],
	['Architecture management', 'general'],
	['Measurement and reporting', 'general'],
	['Organizational change management', 'general'],
	['Portfolio management', 'general'],
	['Project management', 'general'],
	['Relationship management', 'general'],
	['Risk management', 'general'],
	['Service financial management', 'general'],
	['Strategy management', 'general'],
	['Workforce and talent management', 'general'],
];

// Large handbooks hold variants of a practice for parts of the organisation.
const practiceScopes = ['customer-facing services', 'internal platforms', 'data services', 'mobile apps', 'partner integrations', 'batch workloads', 'edge services', 'payment flows', 'identity services', 'shared tooling', 'regulated workloads', 'new products'];
const scopeRegions = ['EMEA', 'the Americas', 'APAC', 'the UK'];

const ownersByCategory: Record<Practice['category'], string[]> = {
	general: ['service-management-office', 'architecture-office', 'security-office', 'people-and-finance'],
	service: ['service-operations', 'platform-sre', 'release-engineering'],
	technical: ['platform-sre', 'release-engineering'],
};

const activityPool: [string, string][] = [
	['Set the policy and scope', 'Write down what the practice covers, where it stops and which rules apply, and agree them with the service owners who depend on it.'],
	['Keep records complete', 'Every piece of work gets a record with an owner, a start time and the service affected, so that reports and reviews start from facts.'],
	['Prioritise the work', 'Rank incoming work by impact and urgency, and publish the rule so that nobody has to guess why one item waits behind another.'],
	['Coordinate across teams', 'Bring in the teams a piece of work touches early, name one person who keeps the overall picture and hand over explicitly.'],
	['Report against targets', 'Publish a short monthly report against the agreed targets, with the trend and the two or three items that explain it.'],
	['Review outcomes regularly', 'Look back at finished work each quarter, keep what worked and turn what did not into improvement items with owners.'],
	['Maintain the runbooks', 'Keep the linked runbooks and templates correct; a step that failed during an incident is fixed within a week.'],
	['Train new practitioners', 'Pair new joiners with an experienced practitioner and let them shadow before they act alone.'],
	['Manage exceptions', 'Record every exception to the policy with a reason, an owner and an end date, and review the list monthly.'],
	['Plan for peak demand', 'Forecast the busy periods from last year and the product plan, and check that people and systems have headroom.'],
	['Automate routine steps', 'Turn steps that are repeated every week into scripts or pipeline jobs, and keep them in version control.'],
	['Engage suppliers early', 'Tell suppliers about changes that affect them in time, and hold them to the support terms in their contracts.'],
	['Assess risk before acting', 'Judge the blast radius and the way back before a risky action, and write both down where others can see them.'],
	['Verify the result', 'Check that the work achieved what it was for, using the same signals that showed the need in the first place.'],
	['Communicate changes', 'Announce changes to the practice itself in the team channels and in this handbook, with the date they take effect.'],
	['Retire what is no longer used', 'Remove records, tools and pages nobody uses any more, so that what remains can be trusted.'],
	['Capture lessons learned', 'Write down what surprised people and share it beyond the team that learned it.'],
	['Keep tooling healthy', 'Own the tools the practice depends on, keep them patched and know who to call when they fail.'],
	['Audit compliance', 'Sample records each quarter against the policy and fix the gaps in the process rather than in the records alone.'],
	['Forecast demand', 'Estimate next quarter from trends and planned launches, and share the forecast with the teams that must prepare.'],
];

const devopsTopicPool = ['Automation first', 'Error budgets', 'Working in small batches', 'Blameless reviews', 'Shared ownership', 'Observability', 'Paved roads', 'Toil reduction'];

function planPractices(random: Random, count: number, teams: Team[]): Practice[] {
	const taken = new Set<string>();
	const practices: Practice[] = [];
	for (let index = 0; index < count; index++) {
		const [baseTitle, category] = basePractices[index % basePractices.length] as [string, Practice['category']];
		const title = practiceTitle(baseTitle, Math.floor(index / basePractices.length));
		const id = uniqueId(taken, slug(title));
		const activities = sample(random, activityPool, between(random, 5, 8)).map(([name, text]) => ({ name, text }));
		const devopsTopics = sample(random, devopsTopicPool, 2);
		const ownerId = pick(random, ownersByCategory[category]);
		practices.push({
			id,
			path: `practices/${id}.md`,
			title,
			category,
			owner: teams.find((team) => team.id === ownerId) as Team,
			activities,
			related: [],
			devopsTopics,
			headings: ['Purpose', 'Key activities', 'RACI', 'Inputs and outputs', 'Metrics', 'In DevOps and SRE teams', ...devopsTopics, 'Related practices', 'Related runbooks and templates'],
			lastReviewed: reviewDate(random),
		});
	}
	for (const practice of practices) {
		const others = practices.filter((other) => other !== practice);
		practice.related = sample(random, others, Math.min(others.length, between(random, 3, 6)));
	}
	return practices;
}

function practiceTitle(base: string, round: number): string {
	if (round === 0) return base;
	const scope = practiceScopes[(round - 1) % practiceScopes.length] as string;
	const region = Math.floor((round - 1) / practiceScopes.length);
	return region === 0 ? `${base} for ${scope}` : `${base} for ${scope} in ${scopeRegions[(region - 1) % scopeRegions.length]}`;
}

// --- roles --------------------------------------------------------------------------------------

// The eight roles RACI tables use, the three process roles first; then roles teams add.
const raciRoles: [string, Role['group'], string][] = [
	['Process owner', 'process', 'Accountable for a practice: defines it, sets its policies and keeps its documentation true.'],
	['Process manager', 'process', 'Runs a practice day to day, makes sure its activities happen and watches its measures.'],
	['Process practitioner', 'process', 'Carries out the work a practice describes and says when the page no longer matches reality.'],
	['On-call engineer', 'devops', 'First to respond to a service alert, first to mitigate, and the person who knows when to call for help.'],
	['Incident commander', 'devops', 'Leads the response to a major incident: keeps the picture, hands out work and makes the risky calls.'],
	['Communications lead', 'devops', 'Keeps everyone outside the incident channel informed, on a schedule, in plain words.'],
	['Service owner', 'process', 'Accountable for one service end to end: its value, its risks and its roadmap.'],
	['Service delivery manager', 'process', 'Looks after the relationship with the consumers of a service and its service levels.'],
];

const extraRoles = ['Release captain', 'Change approver', 'Capacity planner', 'Security champion', 'Problem coordinator', 'Supplier liaison', 'Knowledge curator', 'Service desk analyst', 'Platform engineer', 'Observability lead', 'Continuity coordinator', 'Database reliability lead'];

function planRoles(random: Random, count: number, teams: Team[]): Role[] {
	const taken = new Set<string>();
	const office = teams[0] as Team;
	return Array.from({ length: count }, (_, index): Role => {
		const raci = raciRoles[index];
		const extra = index - raciRoles.length;
		const title = raci ? raci[0] : extraRoleTitle(extra);
		const id = uniqueId(taken, slug(title));
		return {
			path: `roles/${id}.md`,
			title,
			group: raci ? raci[1] : 'devops',
			raciColumn: raci?.[0],
			owner: raci ? office : pick(random, teams),
			headings: ['What the role is', 'Responsibilities', 'A typical week', 'In an incident', 'Working with other roles', 'Skills and time commitment', 'Handing over the role', 'Related pages'],
			lastReviewed: reviewDate(random),
		};
	});
}

function extraRoleTitle(index: number): string {
	const base = extraRoles[index % extraRoles.length] as string;
	const round = Math.floor(index / extraRoles.length);
	return round === 0 ? base : `${base} for ${practiceScopes[(round - 1) % practiceScopes.length]}`;
}

// --- runbooks -----------------------------------------------------------------------------------

interface Scenario {
	id: string;
	title: (service: string) => string;
	summary: string;
	alert: string;
	symptoms: string[];
	practice: string;
}

const scenarios: Scenario[] = [
	{ id: 'elevated-5xx-errors', title: (s) => `Elevated 5xx errors on ${s}`, summary: 'Find and stop the cause when the share of failed requests rises above the error budget burn rate.', alert: 'High5xxRate', symptoms: ['Users see error pages or failed requests', 'The 5xx share on the dashboard is above 2%'], practice: 'incident-management' },
	{ id: 'latency-above-target', title: (s) => `${s} latency above target`, summary: 'Bring response times back under the service level target.', alert: 'LatencySloBurn', symptoms: ['Pages and API calls are slow but succeed', 'The p99 latency panel is red'], practice: 'monitoring-and-event-management' },
	{ id: 'rollback-failed-deployment', title: (s) => `Roll back a failed ${s} deployment`, summary: 'Return to the last good version when a release breaks the service.', alert: 'DeploymentDegraded', symptoms: ['Errors start within minutes of a deployment', 'New pods crash-loop or fail readiness checks'], practice: 'deployment-management' },
	{ id: 'database-failover', title: (s) => `Fail over the ${s} database`, summary: 'Promote the replica when the primary is down or cannot be recovered quickly.', alert: 'DbPrimaryDown', symptoms: ['Writes fail while reads still work', 'Logs show connection refused or read-only transaction errors'], practice: 'service-continuity-management' },
	{ id: 'certificate-expiry', title: (s) => `Renew an expiring ${s} certificate`, summary: 'Replace a TLS certificate before it expires, or quickly after it has.', alert: 'CertificateExpiresSoon', symptoms: ['Clients report TLS handshake failures', 'The certificate expiry alert fires with less than 14 days left'], practice: 'monitoring-and-event-management' },
	{ id: 'queue-backlog', title: (s) => `Drain the ${s} queue backlog`, summary: 'Catch up when messages arrive faster than the consumers process them.', alert: 'QueueBacklogGrowing', symptoms: ['Work is accepted but finishes late', 'Queue depth keeps rising for more than 10 minutes'], practice: 'capacity-and-performance-management' },
	{ id: 'disk-nearly-full', title: (s) => `Free disk space on ${s} nodes`, summary: 'Recover disk space before writes start failing.', alert: 'DiskNearlyFull', symptoms: ['Disk usage above 90% on one or more nodes', 'Writes fail with no space left on device'], practice: 'infrastructure-and-platform-management' },
	{ id: 'memory-leak', title: (s) => `Restart ${s} pods that leak memory`, summary: 'Keep the service up while a memory leak is investigated.', alert: 'MemoryGrowthAbnormal', symptoms: ['Pods are killed with OOMKilled', 'Memory grows steadily between deployments'], practice: 'problem-management' },
	{ id: 'rotate-credentials', title: (s) => `Rotate ${s} credentials`, summary: 'Replace a secret that may have leaked, without downtime.', alert: 'CredentialExposureSuspected', symptoms: ['A secret scanner reports a credential in a repository', 'Unexpected logins with a service account'], practice: 'information-security-management' },
	{ id: 'scale-for-peak', title: (s) => `Scale ${s} for peak traffic`, summary: 'Add capacity ahead of, or during, a traffic peak.', alert: 'SaturationHigh', symptoms: ['CPU or connection pools near their limits', 'Autoscaler at its maximum replica count'], practice: 'capacity-and-performance-management' },
	{ id: 'upstream-degraded', title: (s) => `${s} upstream dependency degraded`, summary: 'Limit the damage when a supplier or internal dependency misbehaves.', alert: 'UpstreamErrorRateHigh', symptoms: ['Timeouts to one dependency only', 'The supplier status page reports an incident'], practice: 'supplier-management' },
	{ id: 'cache-recovery', title: (s) => `Recover the ${s} cache`, summary: 'Bring the cache back without overloading the database behind it.', alert: 'CacheHitRateLow', symptoms: ['Cache hit rate drops below 60%', 'Database load rises sharply'], practice: 'availability-management' },
	{ id: 'configuration-drift', title: (s) => `Correct ${s} configuration drift`, summary: 'Bring running configuration back in line with what is in version control.', alert: 'ConfigDriftDetected', symptoms: ['Nodes behave differently from each other', 'The drift report lists changed settings'], practice: 'service-configuration-management' },
	{ id: 'stuck-batch-jobs', title: (s) => `Clear stuck ${s} batch jobs`, summary: 'Unblock scheduled jobs that stopped making progress.', alert: 'BatchJobStalled', symptoms: ['Nightly jobs have not finished by 06:00 UTC', 'Reports or exports are missing'], practice: 'incident-management' },
	{ id: 'restore-from-backup', title: (s) => `Restore ${s} data from backup`, summary: 'Recover data lost to a bad migration, a bug or an operator error.', alert: 'DataIntegrityCheckFailed', symptoms: ['Records are missing or corrupted', 'Integrity checks fail after a migration'], practice: 'service-continuity-management' },
	{ id: 'disable-feature-flag', title: (s) => `Switch off a misbehaving ${s} feature flag`, summary: 'Turn a feature off quickly when it hurts users, without a deployment.', alert: 'FeatureErrorSpike', symptoms: ['Errors are limited to users in a rollout cohort', 'A flag changed shortly before the errors began'], practice: 'release-management' },
];

const ns = (service: Service) => service.name.split('-').slice(0, -1).join('-');
const host = (service: Service) => `${service.name}.example.internal`;
const database = (service: Service) => (service.name.endsWith('-db') ? service.name : `${ns(service)}-db`);

const diagnosisSteps: Step[] = [
	{ title: 'Check pod health', text: 'Look for pods that restart, are not ready, or all sit on one node.', code: (s) => `kubectl -n ${ns(s)} get pods -l app=${s.name} -o wide\nkubectl -n ${ns(s)} describe pod -l app=${s.name} | grep -A5 'Last State'` },
	{ title: 'Read recent errors', text: 'Count errors in the last 15 minutes and read the most frequent message.', code: (s) => `kubectl -n ${ns(s)} logs deploy/${s.name} --since=15m | grep -c ERROR\nkubectl -n ${ns(s)} logs deploy/${s.name} --since=15m | grep ERROR | sort | uniq -c | sort -rn | head` },
	{ title: 'Look at recent changes', text: 'Most incidents follow a change. List the deployments and configuration changes of the last few hours.', code: (s) => `kubectl -n ${ns(s)} rollout history deployment/${s.name}\ngh run list --repo example-org/${s.name} --workflow deploy --limit 5` },
	{ title: 'Probe the health endpoint', text: 'Call the service the way a client does, from outside the cluster.', code: (s) => `curl -sS -o /dev/null -w '%{http_code} %{time_total}s\\n' https://${s.name}.example.com/healthz\ncurl -sS https://${s.name}.example.com/healthz | jq '.checks'` },
	{ title: 'Check database connections', text: 'A full connection pool looks like a slow or failing service.', code: (s) => `psql -h ${database(s)}.example.internal -U ops -d ${ns(s).replace(/-/g, '_')} -c \\\n  "SELECT state, count(*) FROM pg_stat_activity GROUP BY state;"` },
	{ title: 'Inspect the certificate', text: 'Read the expiry date and issuer of the certificate clients actually receive.', code: (s) => `openssl s_client -connect ${s.name}.example.com:443 -servername ${s.name}.example.com </dev/null 2>/dev/null \\\n  | openssl x509 -noout -enddate -issuer` },
	{ title: 'Measure queue depth', text: 'Compare the arrival rate with the processing rate over the last hour.', code: (s) => `kubectl -n ${ns(s)} exec deploy/${s.name} -- ./bin/queue-stats --queue ${s.name}-jobs --window 1h` },
	{ title: 'Check disk usage', text: 'Find which volume is filling and what is writing to it.', code: (s) => `ssh ${host(s)} 'df -h /var/lib/${s.name} && sudo du -sh /var/lib/${s.name}/* | sort -h | tail -5'` },
	{ title: 'Compare resource usage', text: 'Check CPU and memory against the requests and limits the pods were given.', code: (s) => `kubectl -n ${ns(s)} top pods -l app=${s.name}\nkubectl -n ${ns(s)} get deploy ${s.name} -o jsonpath='{.spec.template.spec.containers[0].resources}'` },
	{ title: 'Test the dependency', text: 'Call the upstream dependency directly to see whether the fault is ours or theirs.', code: (s) => `kubectl -n ${ns(s)} exec deploy/${s.name} -- curl -sS -m 5 -w '%{http_code}\\n' https://upstream.example.com/status` },
];

const mitigationSteps: Step[] = [
	{ title: 'Restart the deployment', text: 'A rolling restart clears stuck connections and bad in-memory state. Watch the rollout finish.', code: (s) => `kubectl -n ${ns(s)} rollout restart deployment/${s.name}\nkubectl -n ${ns(s)} rollout status deployment/${s.name} --timeout=5m` },
	{ title: 'Roll back the release', text: 'Go back to the previous revision if the problem started with a deployment.', code: (s) => `kubectl -n ${ns(s)} rollout undo deployment/${s.name}\nkubectl -n ${ns(s)} rollout status deployment/${s.name} --timeout=5m` },
	{ title: 'Add replicas', text: 'Scale out to absorb load while the cause is found. Tell the incident channel what you changed.', code: (s) => `kubectl -n ${ns(s)} scale deployment/${s.name} --replicas=12\nkubectl -n ${ns(s)} get hpa ${s.name}` },
	{ title: 'Pause the workers', text: 'Stop background workers so they do not retry into a failing dependency.', code: (s) => `kubectl -n ${ns(s)} scale deployment/${s.name}-worker --replicas=0` },
	{ title: 'Switch the feature flag off', text: 'Turning the flag off takes effect within a minute and needs no deployment.', code: (s) => `curl -sS -X PATCH https://flags.example.internal/api/flags/${s.name}-new-flow \\\n  -H 'Content-Type: application/json' -d '{"enabled": false}'` },
	{ title: 'Shed non-critical traffic', text: 'Rate-limit batch clients first; interactive users keep priority.', code: (s) => `kubectl -n ${ns(s)} annotate ingress ${s.name} --overwrite \\\n  nginx.ingress.kubernetes.io/limit-rps=50` },
	{ title: 'Clear old files', text: 'Remove rotated logs and temporary files older than two days. Never delete data files.', code: (s) => `ssh ${host(s)} 'sudo find /var/lib/${s.name}/tmp /var/log/${s.name} -type f -mtime +2 -delete'` },
	{ title: 'Install the new certificate', text: 'Store the renewed certificate in the secret and let the pods reload it.', code: (s) => `kubectl -n ${ns(s)} create secret tls ${s.name}-tls --cert=tls.crt --key=tls.key \\\n  --dry-run=client -o yaml | kubectl apply -f -` },
	{ title: 'Rotate the secret', text: 'Create the new credential, roll it out, then revoke the old one.', code: (s) => `vault kv put secret/${s.name}/db password="$(openssl rand -base64 32)"\nkubectl -n ${ns(s)} rollout restart deployment/${s.name}` },
	{ title: 'Fail over to the replica', text: 'Promote the replica only after the old primary is fenced, so that two primaries never accept writes.', code: (s) => `psql -h ${database(s)}-2.example.internal -U ops -d postgres -c \\\n  "SELECT pg_promote(wait => true, wait_seconds => 60);"` },
];

function planRunbooks(random: Random, count: number, services: Service[], practices: Practice[]): Runbook[] {
	const scenarioOrder = new Map(services.map((service) => [service, shuffled(random, scenarios)]));
	const taken = new Set<string>();
	return Array.from({ length: count }, (_, index): Runbook => {
		const service = services[index % services.length] as Service;
		const order = scenarioOrder.get(service) as Scenario[];
		const scenario = order[service.runbooks.length % order.length] as Scenario;
		const id = uniqueId(taken, `${service.name}/${scenario.id}`);
		const diagnosis = sample(random, diagnosisSteps, between(random, 3, 4));
		const mitigation = sample(random, mitigationSteps, between(random, 3, 4));
		const runbook: Runbook = {
			path: `runbooks/${id}.md`,
			title: scenario.title(service.name),
			service,
			scenario,
			practice: practices.find((practice) => practice.id === scenario.practice) ?? (practices[0] as Practice),
			diagnosis,
			mitigation,
			headings: ['Before you start', 'Symptoms', 'Diagnosis', ...diagnosis.map((step) => step.title), 'Mitigation', ...mitigation.map((step) => step.title), 'Verification', 'Escalation', 'Rollback', 'Background'],
			lastReviewed: reviewDate(random),
		};
		service.runbooks.push(runbook);
		return runbook;
	});
}

// --- readiness ----------------------------------------------------------------------------------

interface ReadinessTemplate {
	id: string;
	title: string;
	kind: 'service-readiness' | 'hypercare' | 'communications' | 'post-incident-review';
	tier?: 'gold' | 'silver' | 'bronze';
	/** The H2 headings, in order; the last is always `Checklist`, with {@link checklist} as its H3s. */
	sections: string[];
	checklist: string[];
}

const readinessTemplates: ReadinessTemplate[] = [
	{ id: 'service-readiness-gold', title: 'Service readiness — gold', kind: 'service-readiness', tier: 'gold', sections: ['How to use this template', 'High-level description', 'Key dates and times', 'Key contacts', 'Risks', 'Rollback plan', 'Observability', 'Checklist'], checklist: ['Communications', 'Information security', 'Incident management', 'Service and supplier management'] },
	{ id: 'service-readiness-silver', title: 'Service readiness — silver', kind: 'service-readiness', tier: 'silver', sections: ['How to use this template', 'High-level description', 'Key dates and times', 'Key contacts', 'Rollback plan', 'Checklist'], checklist: ['Communications', 'Incident management', 'Stakeholder awareness'] },
	{ id: 'service-readiness-bronze', title: 'Service readiness — bronze', kind: 'service-readiness', tier: 'bronze', sections: ['How to use this template', 'High-level description', 'Key contacts', 'Checklist'], checklist: ['Communications', 'Incident management'] },
	{ id: 'hypercare-plan', title: 'Hypercare plan', kind: 'hypercare', sections: ['Scope', 'Exit criteria', 'Daily routine', 'Key contacts', 'Known issues', 'Checklist'], checklist: ['Before go-live', 'During hypercare', 'Handover'] },
	{ id: 'major-incident-communications', title: 'Major incident communications', kind: 'communications', sections: ['When to use', 'Channels', 'Initial notice', 'Regular update', 'Resolution notice', 'Checklist'], checklist: ['Before sending', 'After resolution'] },
	{ id: 'post-incident-review', title: 'Post-incident review', kind: 'post-incident-review', sections: ['Ground rules', 'Summary', 'Impact', 'Timeline', 'Contributing factors', 'Actions', 'Checklist'], checklist: ['Before the review', 'After the review'] },
];

function planReadiness(random: Random, count: number, teams: Team[], services: Service[]): Readiness[] {
	const taken = new Set<string>();
	const owners = teams.filter((team) => ['release-engineering', 'service-operations'].includes(team.id));
	return Array.from({ length: count }, (_, index): Readiness => {
		const template = readinessTemplates[index % readinessTemplates.length] as ReadinessTemplate;
		// After the blank templates come filled-in copies, one per service, as teams keep them.
		const service = index < readinessTemplates.length ? undefined : services[Math.floor(index / readinessTemplates.length - 1) % services.length];
		const id = uniqueId(taken, service ? `${template.id}-${service.name}` : template.id);
		return {
			path: `readiness/${id}.md`,
			title: service ? `${template.title}: ${service.name}` : template.title,
			template,
			owner: service ? service.team : pick(random, owners),
			service,
			headings: [...template.sections, ...template.checklist],
			lastReviewed: reviewDate(random),
		};
	});
}

// --- guides -------------------------------------------------------------------------------------

function planGuides(random: Random, count: number, teams: Team[], services: Service[]): Guide[] {
	const office = teams[0] as Team;
	const fixed: Guide[] = [
		{ kind: 'index', path: 'guides/index.md', title: 'Practice Handbook', owner: office, headings: ['In an incident', 'New to the team', 'Preparing a release', 'Services and teams'], lastReviewed: reviewDate(random) },
		{ kind: 'getting-started', path: 'guides/getting-started.md', title: 'Getting started', owner: office, headings: ['How the handbook is organised', 'Your first week', 'Finding things quickly', 'When something is wrong'], lastReviewed: reviewDate(random) },
		{ kind: 'glossary', path: 'guides/glossary.md', title: 'Glossary', owner: office, headings: glossary.map(([term]) => term), lastReviewed: reviewDate(random) },
	];
	const perService = services.filter((service) => service.runbooks.length > 0).map((service): Guide => {
		const guide: Guide = { kind: 'service', path: `guides/service-notes/${service.name}.md`, title: `About ${service.name}`, owner: service.team, service, headings: ['What it does', 'Architecture', 'Dependencies', 'Runbooks', 'Alerts', 'Deploying', 'Known issues', 'Contacts'], lastReviewed: reviewDate(random) };
		service.guide = guide;
		return guide;
	});
	const perTeam = teams.map((team): Guide => {
		const guide: Guide = { kind: 'team', path: `guides/teams/${team.id}.md`, title: team.name, owner: team, team, headings: ['What we own', 'How to reach us', 'On call', 'How we work', 'Joining the team'], lastReviewed: reviewDate(random) };
		team.guide = guide;
		return guide;
	});
	const guides = [...fixed, ...perService, ...perTeam].slice(0, count);
	if (guides.length < count) throw new Error(`cannot plan ${count} guides`);
	// Guides that did not make the cut must not be linked to.
	for (const holder of [...services, ...teams]) if (holder.guide && !guides.includes(holder.guide)) holder.guide = undefined;
	return guides;
}

const glossary: [string, string][] = [
	['Alert', 'A notification that a signal crossed a threshold and somebody should look. Every paging alert links to a runbook.'],
	['Blast radius', 'The set of users, services and data a change or failure can affect. Smaller is safer.'],
	['Error budget', 'The amount of unreliability a service level objective allows over its window; spending it fast slows releases down.'],
	['Hypercare', 'The period after go-live when the delivery team watches a new service closely before handing it over.'],
	['Major incident', 'An incident with enough impact to need a commander, a dedicated channel and scheduled updates.'],
	['Runbook', 'Step-by-step instructions for one alert or failure, written to be followed under pressure.'],
	['Service owner', 'The person accountable for a service end to end.'],
	['Toil', 'Manual, repetitive work that grows with the service and could be automated.'],
];

// ---------------------------------------------------------------------------------------------
// Rendering

/** Everything one page's text may refer to; `random` is the page's own PRNG. */
interface Context {
	plan: Plan;
	random: Random;
}

const memos = new WeakMap<Plan, Map<string, unknown>>();

/** A value derived from the plan once and shared by every page that needs it (large handbooks would otherwise take minutes). */
function memo<T>(plan: Plan, key: string, derive: () => T): T {
	let values = memos.get(plan);
	if (!values) memos.set(plan, (values = new Map()));
	if (!values.has(key)) values.set(key, derive());
	return values.get(key) as T;
}

function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
	const groups = new Map<K, T[]>();
	for (const item of items) {
		const key = keyOf(item);
		const group = groups.get(key);
		if (group) group.push(item);
		else groups.set(key, [item]);
	}
	return groups;
}

/** A relative link from one content file to another, as authors write it. */
function linkTo(from: Page, to: Page, anchor?: string, text = to.title): string {
	const href = posix.relative(posix.dirname(from.path), to.path);
	return `[${text}](${href}${anchor ? `#${slug(anchor)}` : ''})`;
}

/** A relative link to a random heading of the target page, or to the page itself. */
function deepLink(random: Random, from: Page, to: Page, text = to.title): string {
	return linkTo(from, to, random() < 0.75 ? pick(random, to.headings) : undefined, text);
}

/** A team's name, linked to the team's guide when it has one. */
function teamLink(from: Page, team: Team): string {
	return team.guide ? linkTo(from, team.guide, undefined, team.name) : team.name;
}

/** A site-absolute link to a page's route. */
function routeLink(to: Page, anchor?: string, text = to.title): string {
	return `[${text}](${contentPathToRoute(to.path)}${anchor ? `#${slug(anchor)}` : ''})`;
}

const sectionIndexes = [
	['/runbooks/', 'all runbooks'],
	['/practices/', 'all practices'],
	['/roles/', 'all roles'],
	['/readiness/', 'all readiness templates'],
] as const;

const fence = (language: string, code: string) => `\`\`\`${language}\n${code}\n\`\`\``;

/** A fenced block indented under a numbered list item. */
const indentedFence = (language: string, code: string) =>
	fence(language, code)
		.split('\n')
		.map((line) => `   ${line}`)
		.join('\n');

const table = (header: string[], rows: string[][]) =>
	[`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');

// --- frontmatter --------------------------------------------------------------------------------

type Yaml = string | number | null | Yaml[] | { [key: string]: Yaml | undefined };

const idLike = /^[a-z0-9][a-z0-9-]*$/;
// Starts with a letter, so YAML never reads it as a number, date or other non-string.
const plainScalar = /^[A-Za-z][\w ,.()/'—-]*$/;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function yamlScalar(value: string | number | null): string {
	if (value === null) return 'null';
	if (typeof value === 'number' || isoDate.test(value)) return String(value);
	return plainScalar.test(value) && !/^(true|false|null|yes|no|on|off)$/i.test(value) ? value : JSON.stringify(value);
}

const isInline = (value: Yaml): value is string | number | null | string[] =>
	value === null || typeof value !== 'object' || (Array.isArray(value) && value.every((item) => typeof item === 'string' && idLike.test(item)));

function yamlInline(value: string | number | null | string[]): string {
	return Array.isArray(value) ? `[${value.join(', ')}]` : yamlScalar(value);
}

function yamlMapping(value: { [key: string]: Yaml | undefined }, indent: string): string[] {
	return Object.entries(value).flatMap(([key, item]) => {
		if (item === undefined) return [];
		if (isInline(item)) return [`${indent}${key}: ${yamlInline(item)}`];
		const nested = Array.isArray(item) ? item.flatMap((element) => yamlListItem(element, `${indent}  `)) : yamlMapping(item, `${indent}  `);
		return [`${indent}${key}:`, ...nested];
	});
}

function yamlListItem(item: Yaml, indent: string): string[] {
	if (isInline(item)) return [`${indent}- ${yamlInline(item)}`];
	if (Array.isArray(item)) throw new Error('nested lists are not used in handbook YAML');
	const [first = '', ...rest] = yamlMapping(item, `${indent}  `);
	return [`${indent}- ${first.trimStart()}`, ...rest];
}

const frontmatter = (data: { [key: string]: Yaml | undefined }) => `---\n${yamlMapping(data, '').join('\n')}\n---\n`;

// --- teams.yaml ---------------------------------------------------------------------------------

function renderTeams(teams: Team[]): string {
	const entries = teams.map((team) =>
		yamlListItem(
			{
				id: team.id,
				name: team.name,
				description: team.description,
				contacts: { chat: `#${team.id}`, email: `${team.id}@example.com` },
				oncall: team.oncall ? { rotation: `${team.id}-primary`, pager: `https://oncall.example.com/schedules/${team.id}-primary` } : null,
				github: `@example-org/${team.id}`,
				members: team.members,
			},
			'',
		).join('\n'),
	);
	return `# Ownership registry of a generated handbook (scripts/generate-handbook.ts).\n${entries.join('\n\n')}\n`;
}

// --- practices ----------------------------------------------------------------------------------

// The letters of cells without the A, with R and I twice as likely as C or an empty cell.
const raciLetters = ['R', 'C', 'I', '', 'R', 'I'];

function renderPractice(practice: Practice, { plan, random }: Context): string {
	const [processOwner = '', processManager = processOwner] = practice.owner.members;
	const runbooks = (memo(plan, 'runbooks by practice', () => groupBy(plan.runbooks, (runbook) => runbook.practice)).get(practice) ?? []).slice(0, 8);
	const topic = inSentence(practice.title);
	const body = [
		'## Purpose',
		`${practice.title} exists so that ${pick(random, purposeClauses)}. It is owned by ${teamLink(practice, practice.owner)}, who keep this page and the linked runbooks current.`,
		pick(random, purposeDetails),
		`The practice works closely with ${linkTo(practice, pick(random, practice.related.length ? practice.related : [practice]), 'Purpose')}; where the two meet, the [RACI table](#raci) below says who decides.`,
		'## Key activities',
		practice.activities.map((activity) => `- **${activity.name}.** ${activity.text}`).join('\n'),
		'## RACI',
		raciTable(practice, plan.roles, random),
		'## Inputs and outputs',
		`**Inputs:** ${sample(random, inputs, 4).join('; ')}.`,
		`**Outputs:** ${sample(random, outputs, 4).join('; ')}.`,
		'## Metrics',
		sample(random, metrics, between(random, 4, 6)).map((metric) => `- ${metric}`).join('\n'),
		`The figures come from the records, not from a survey. Anyone can pull them:`,
		fence('sh', `npx handbook report --practice ${practice.id} --format json | jq '.metrics'`),
		'## In DevOps and SRE teams',
		`Teams that build and run their own services practise ${topic} as part of everyday engineering rather than as a separate queue. ${pick(random, devopsSentences)}`,
		...practice.devopsTopics.flatMap((heading) => [`### ${heading}`, devopsTopicText(heading, practice, random)]),
		'## Related practices',
		practice.related.map((related) => `- ${deepLink(random, practice, related)}`).join('\n'),
		'## Related runbooks and templates',
		relatedRunbooksAndTemplates(practice, runbooks, plan, random),
	];
	return (
		frontmatter({
			title: practice.title,
			category: practice.category,
			summary: `How we run ${topic}: ${pick(random, purposeClauses)}.`,
			owner: practice.owner.id,
			processOwner: { name: processOwner, team: practice.owner.id },
			processManager: { name: processManager, team: practice.owner.id },
			related: practice.related.map((related) => related.id),
			valueChain: sample(random, ['plan', 'improve', 'engage', 'design-and-transition', 'obtain-build', 'deliver-and-support'], 3),
			lastReviewed: practice.lastReviewed,
		}) + `\n${body.join('\n\n')}\n`
	);
}

function raciTable(practice: Practice, roles: Role[], random: Random): string {
	// The three process roles always; the operational roles only when their role pages exist.
	const columns = roles.flatMap((role) => (role.raciColumn ? [role.raciColumn] : [])).slice(0, 3 + between(random, 0, 3));
	const rows = practice.activities.map((activity) => {
		const accountable = between(random, 0, columns.length - 1);
		// Exactly one cell holds an A; the others never do.
		const cells = columns.map((_, column) => (column === accountable ? pick(random, ['A', 'A/R']) : pick(random, raciLetters)));
		return [activity.name, ...cells];
	});
	return table(['Activity', ...columns], rows);
}

function relatedRunbooksAndTemplates(practice: Practice, runbooks: Runbook[], plan: Plan, random: Random): string {
	const lines = runbooks.map((runbook) => `- ${deepLink(random, practice, runbook)}`);
	lines.push(...sample(random, plan.readiness, 2).map((template) => `- ${deepLink(random, practice, template)}`));
	lines.push(`- Roles: ${sample(random, plan.roles, 3).map((role) => linkTo(practice, role)).join(', ')}`);
	const [route, label] = pick(random, sectionIndexes);
	lines.push(`- See also [${label}](${route}).`);
	return lines.join('\n');
}

function devopsTopicText(heading: string, practice: Practice, random: Random): string {
	const yaml = fence('yaml', `slo:\n  service: ${slug(practice.title)}\n  objective: 99.9\n  window: 28d\n  owner: ${practice.owner.id}`);
	return heading === 'Error budgets' || heading === 'Observability'
		? `${pick(random, devopsSentences)} Objectives are kept next to the code:\n\n${yaml}`
		: sample(random, devopsSentences, 2).join(' ');
}

const purposeClauses = [
	'the services people depend on behave the way we promised',
	'decisions are made by the people with the knowledge to make them, quickly and on the record',
	'work flows from request to result without long waits between teams',
	'risks are seen early and handled before they become incidents',
	'what we learn in one team reaches the others',
	'we spend money and effort where they create the most value',
];

const purposeDetails = [
	'Most of the work is routine and should stay that way: the practice earns its keep on ordinary days by keeping records tidy and hand-overs short, so that the unusual days go better.',
	'The practice is small on purpose. It sets a few rules that matter, measures whether they are followed, and leaves the rest to the judgement of the teams doing the work.',
	'It touches almost every team at some point. This page is where they find out what is expected of them, who to ask, and which runbooks and templates to use.',
	'When the practice works, nobody notices it. When it does not, the symptoms show up elsewhere: late releases, repeated incidents, surprised customers. The metrics below are chosen to spot that early.',
];

const devopsSentences = [
	'The team that runs a service is paged for it, so they have every reason to make the work safe and boring.',
	'Checks run in the pipeline on every change instead of in a meeting once a week.',
	'Dashboards and alerts are defined in code, reviewed like code and deployed with the service.',
	'Small, frequent changes keep each step easy to understand and easy to undo.',
	'When something goes wrong, the review asks how the system allowed it, not who pressed the button.',
	'Manual steps that are repeated every week are treated as defects and automated away.',
	'Service level objectives give product and engineering one shared number to argue about.',
	'Runbooks live next to the code and change in the same pull request as the behaviour they describe.',
];

const inputs = ['alerts and events from monitoring', 'requests logged by the service desk', 'the change calendar', 'service level targets', 'supplier contracts', 'the configuration records', 'findings from audits', 'the product roadmap', 'post-incident review actions', 'capacity forecasts'];
const outputs = ['updated runbooks', 'a monthly report against targets', 'improvement items with owners', 'records with full history', 'decisions logged with their reasons', 'agreed priorities for the next quarter', 'briefings for the service desk', 'known errors with workarounds'];
const metrics = ['Median time from request to result, per priority.', 'Share of work finished within the agreed target.', 'Number of exceptions open longer than 30 days.', 'Share of runbooks reviewed on time.', 'Repeat incidents caused by the same known error.', 'Time to acknowledge a page, 90th percentile.', 'Changes that needed a rollback, as a share of all changes.', 'Customer satisfaction with the outcome, from a one-question survey.'];

// --- roles --------------------------------------------------------------------------------------

function renderRole(role: Role, { plan, random }: Context): string {
	const others = plan.roles.filter((other) => other !== role);
	const practices = sample(random, plan.practices, Math.min(plan.practices.length, between(random, 2, 5)));
	const runbook = pick(random, plan.runbooks);
	const raci = raciRoles.find(([title]) => title === role.title);
	const body = [
		'## What the role is',
		`${raci ? raci[2] : `The ${inSentence(role.title)} is a role our teams added to share work that does not fit the process roles.`} It is a role, not a job title: one person can hold several roles, and the role can move between people.`,
		'## Responsibilities',
		sample(random, roleDuties, 6).map(([name, text]) => `- **${name}.** ${text}`).join('\n'),
		'## A typical week',
		`Most weeks are quiet: reviewing open work, checking the measures of ${practices.map((practice) => deepLink(random, role, practice)).join(', ')} and answering questions from the teams. ${pick(random, devopsSentences)}`,
		'## In an incident',
		`During an incident the role stays in its lane. A runbook such as ${deepLink(random, role, runbook)} names the steps; the role makes sure they are followed and that the handover at the end is written down.`,
		fence('sh', `# Join the incident channel and post your role\nslack-cli join '#inc-${runbook.service.name}'\nslack-cli post '#inc-${runbook.service.name}' 'Taking the ${inSentence(role.title)} role'`),
		'## Working with other roles',
		table(['Role', 'Asks this role for', 'Gives this role'], sample(random, others, Math.min(others.length, 4)).map((other) => [linkTo(role, other), pick(random, roleAsks), pick(random, roleGives)])),
		'## Skills and time commitment',
		`The role needs ${sample(random, roleSkills, 3).join(', ')}. Facilitation matters more than technical depth. Plan for ${pick(random, ['half a day a week', 'a few hours a month', 'one day a week', 'an hour a day during busy periods'])}, more while a large release or a major incident is under way.`,
		'## Handing over the role',
		`When the role moves to someone else, the outgoing holder walks the new one through the open work. ${pick(random, devopsSentences)}`,
		sample(random, handoverItems, 4).map((item) => `- [ ] ${item}`).join('\n'),
		'## Related pages',
		[...sample(random, others, Math.min(others.length, 3)).map((other) => `- ${linkTo(role, other)}`), `- ${routeLink(pick(random, plan.practices), 'RACI', 'A RACI table that uses this role')}`, '- [All roles](/roles/)'].join('\n'),
	];
	return (
		frontmatter({
			title: role.title,
			group: role.group,
			summary: raci ? raci[2] : `Takes on ${inSentence(role.title)} duties across teams.`,
			owner: role.owner.id,
			raciColumn: role.raciColumn,
			responsibilities: sample(random, roleDuties, 4).map(([name]) => name),
			practices: random() < 0.5 ? 'all' : practices.map((practice) => practice.id),
			lastReviewed: role.lastReviewed,
		}) + `\n${body.join('\n\n')}\n`
	);
}

const roleDuties: [string, string][] = [
	['Keeps the documentation true', 'Reads the pages the role depends on each quarter and fixes what has drifted.'],
	['Makes decisions visible', 'Writes decisions down in the channel or the record, with the reason, when they are made.'],
	['Watches the measures', 'Looks at the agreed metrics every week and raises trends before they become problems.'],
	['Coordinates hand-offs', 'Makes sure work that moves between teams arrives with its context.'],
	['Escalates early', 'Calls for help as soon as the way forward is unclear, rather than after the deadline.'],
	['Coaches others', 'Helps new joiners learn the practice by pairing with them on real work.'],
	['Improves the process', 'Turns recurring friction into improvement items and follows them through.'],
];
const roleSkills = ['a broad view of the practices it touches', 'the authority to change things across teams', 'patience with detail', 'calm under pressure', 'clear, short writing', 'a habit of writing decisions down'];
const handoverItems = ['Open items listed with their owners', 'Access to the tools granted to the new holder', 'Calendar invitations for recurring reviews moved', 'Team channels told who holds the role now', 'Role name updated on the pages that mention it', 'Half an hour booked a week later for questions'];
const roleAsks = ['decisions within the policy', 'status and timelines', 'context on recent changes', 'a second opinion on risk', 'help with stakeholders'];
const roleGives = ['a clear request with context', 'updates at the agreed interval', 'access to the right people', 'feedback after the work is done', 'priorities for the week'];

// --- runbooks -----------------------------------------------------------------------------------

function renderRunbook(runbook: Runbook, { plan, random }: Context): string {
	const { service, scenario } = runbook;
	const siblings = service.runbooks.filter((other) => other !== runbook);
	const elsewhere = memo(plan, `elsewhere:${service.name}`, () => plan.runbooks.filter((other) => other.service !== service));
	const alert = alertName(runbook);
	const body = [
		'## Before you start',
		[
			`- The service runs in the \`${ns(service)}\` namespace; its owner is ${teamLink(runbook, service.team)} (\`#${service.team.id}\`).`,
			`- Roles during a response: ${sample(random, plan.roles, 2).map((role) => linkTo(runbook, role)).join(' and ')}.`,
			service.guide ? `- Background on the service: ${deepLink(random, runbook, service.guide)}.` : `- Other runbooks: [all runbooks](/runbooks/).`,
			'- The alert that brings you here is defined next to the service code:',
		].join('\n'),
		fence('yaml', `- alert: ${alert}\n  expr: ${alertExpression(service, scenario)}\n  for: 5m\n  labels:\n    severity: page\n    team: ${service.team.id}`),
		'## Symptoms',
		[...scenario.symptoms.map((symptom) => `- ${symptom}.`), `- \`${alert}\` fires. If you are not sure it applies, go to [diagnosis](#diagnosis).`].join('\n'),
		'## Diagnosis',
		...runbook.diagnosis.flatMap((step) => renderStep(step, service)),
		siblings.length ? `If none of this matches, compare with ${deepLink(random, runbook, pick(random, siblings))}.` : `If none of this matches, escalate as described under [escalation](#escalation).`,
		'## Mitigation',
		...runbook.mitigation.flatMap((step) => renderStep(step, service)),
		`These steps follow ${linkTo(runbook, runbook.practice, 'Key activities', inSentence(runbook.practice.title))}. ${elsewhere.length ? `A similar fault elsewhere: ${deepLink(random, runbook, pick(random, elsewhere))}.` : ''}`.trim(),
		'## Verification',
		`The service is back when the alert clears and these signals stay normal for ten minutes:`,
		table(['Signal', 'Normal', 'Where to look'], sample(random, signals, 3).map(([signal, normal]) => [signal, normal, `[${service.name} dashboard](https://grafana.example.com/d/${service.name})`])),
		fence('sh', `curl -sS https://${service.name}.example.com/healthz | jq '.status'\nkubectl -n ${ns(service)} get pods -l app=${service.name}`),
		'## Escalation',
		runbookEscalation(runbook, plan, random),
		'## Rollback',
		`1. Undo the mitigation in reverse order once the cause is fixed.\n2. Record what you undid, and when, in the incident channel.`,
		indentedFence('sh', `kubectl -n ${ns(service)} rollout history deployment/${service.name}\nkubectl -n ${ns(service)} rollout undo deployment/${service.name} --to-revision=<last-good>`),
		'## Background',
		`${scenario.summary} ${pick(random, knownIssues)} ${pick(random, devopsSentences)} See ${routeLink(runbook.practice, 'RACI', `who is accountable for ${inSentence(runbook.practice.title)}`)} and [all runbooks](/runbooks/).`,
	];
	return (
		frontmatter({
			title: runbook.title,
			summary: scenario.summary,
			service: service.name,
			owner: service.team.id,
			alerts: [alert],
			symptoms: scenario.symptoms,
			practice: runbook.practice.id,
			escalation: [
				{ team: 'platform-sre', when: 'The steps above have not helped within 15 minutes' },
				{ team: 'service-operations', when: 'Customers are affected for more than 30 minutes (declare a major incident)' },
			],
			lastReviewed: runbook.lastReviewed,
		}) + `\n${body.join('\n\n')}\n`
	);
}

/** The alert of a runbook: the service name in PascalCase, then the scenario's alert. */
function alertName(runbook: Runbook): string {
	return `${titleCase(runbook.service.name).replace(/-/g, '')}${runbook.scenario.alert}`;
}

const signals: [string, string][] = [
	['5xx share', 'below 0.5%'],
	['p99 latency', 'below 400 ms'],
	['Queue depth', 'below 1,000 and falling'],
	['Pod restarts', 'none in 10 minutes'],
	['Cache hit rate', 'above 90%'],
	['Database connections', 'below 70% of the pool'],
];

function renderStep(step: Step, service: Service): string[] {
	return [`### ${step.title}`, step.text, fence('sh', step.code(service))];
}

function alertExpression(service: Service, scenario: Scenario): string {
	const selector = `{service="${service.name}"}`;
	return scenario.id === 'elevated-5xx-errors'
		? `sum(rate(http_requests_total${selector.replace('}', ',code=~"5.."}')}[5m])) / sum(rate(http_requests_total${selector}[5m])) > 0.02`
		: `max(${scenario.alert.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase()}${selector}) > 0`;
}

function runbookEscalation(runbook: Runbook, plan: Plan, random: Random): string {
	const template = plan.readiness.find((page) => page.template.kind === 'post-incident-review' && !page.service) ?? pick(random, plan.readiness);
	const team = (id: string) => teamLink(runbook, plan.teams.find((candidate) => candidate.id === id) as Team);
	return [
		`1. Not better within 15 minutes: page ${team('platform-sre')} (\`platform-sre-primary\`).`,
		`2. Customers affected for 30 minutes: ${team('service-operations')} runs it as a major incident.`,
		`3. Afterwards, write it up with ${deepLink(random, runbook, template)}.`,
	].join('\n');
}

// --- readiness ----------------------------------------------------------------------------------

function renderService(service: Service, random: Random): string {
	const objective = pick(random, [99, 99.5, 99.9, 99.95]);
	return (
		frontmatter({
			title: titleCase(service.name.replaceAll('-', ' ')),
			summary: `The ${service.name} service of the ${service.team.name}.`,
			owner: service.team.id,
			tier: pick(random, ['gold', 'silver', 'bronze']),
			offering: { access: [`The ${service.name} API at https://${host(service)}/`], actions: [`Investigate a fault of ${service.name} on request`] },
			slos: [{ name: 'Availability', sli: 'Requests answered below 500 within 5 seconds.', objective, windowDays: 30 }],
			lastReviewed: reviewDate(random),
		}) + `\n${service.name} is run by the ${service.team.name}. Its runbooks are in its folder of the runbooks.\n`
	);
}

function renderReadiness(page: Readiness, { plan, random }: Context): string {
	const { template } = page;
	const sections = template.sections.slice(0, -1).flatMap((section) => [`## ${section}`, readinessSection(section, page, plan, random)]);
	const checklist = template.checklist.flatMap((part) => [
		`### ${part}`,
		sample(random, checklistItems, between(random, 5, 7)).map((item) => `- [ ] ${item}`).join('\n'),
	]);
	const body = [
		`Copy this template when you prepare a release, then fill it in with the team. ${deepLink(random, page, pick(random, plan.practices))} explains why it matters.`,
		...sections,
		'## Checklist',
		'Tick an item when it is done, or write "not applicable" and the reason next to it.',
		...checklist,
	];
	return (
		frontmatter({
			title: page.title,
			summary: `${template.title} template: ${readinessPurpose[template.kind]}`,
			kind: template.kind,
			tier: template.tier,
			owner: page.owner.id,
			sections: template.sections,
			checklist: template.checklist,
			service: page.service?.name,
			...(page.service && template.kind === 'service-readiness' ? { releaseDate: releaseDate(random), status: 'planned' } : {}),
			lastReviewed: page.lastReviewed,
		}) + `\n${body.join('\n\n')}\n`
	);
}

const readinessPurpose: Record<ReadinessTemplate['kind'], string> = {
	'service-readiness': 'what is changing, when, how it is supported and how we get back if it goes wrong.',
	hypercare: 'how the team watches a new service closely after go-live and when it hands over.',
	communications: 'what to tell whom, and when, during a major incident.',
	'post-incident-review': 'a blameless look at what happened and what we will change.',
};

function readinessSection(section: string, page: Readiness, plan: Plan, random: Random): string {
	const fields = sample(random, readinessFields, between(random, 5, 7));
	const runbook = page.service?.runbooks[0] ?? pick(random, plan.runbooks);
	const intro = `_To fill in: ${section.toLowerCase()} for this release, in a few lines a new joiner could follow._ ${pick(random, readinessAdvice)}`;
	const fieldTable = table(['Field', 'Details', 'Owner', 'Status'], fields.map((field) => [field, ' ', ' ', ' ']));
	if (random() < 0.5) return `${intro}\n\n${fieldTable}`;
	return `${intro}\n\n${fieldTable}\n\nFor an example, see ${deepLink(random, page, runbook)}. Check the page before you share it:\n\n${fence('sh', `npx handbook check --today ${generatorToday}\ngh pr view --json reviewDecision`)}`;
}

const readinessAdvice = [
	'Link to the change record and the test reports rather than copying them.',
	'Write dates in UTC, with local time alongside where teams work in different time zones.',
	'Mark rows that do not apply as not applicable, with a one-line reason, instead of deleting them.',
	'Keep this current: people will rely on it on the day.',
	'Name people, not teams, wherever someone has to act.',
];

const readinessFields = ['Owner', 'Date', 'Change record', 'Services affected', 'Customer impact', 'Rollback decision maker', 'Dashboard link', 'Support rota', 'Supplier contact', 'Exit criteria'];
const checklistItems = [
	'Support teams briefed, with a link to this page',
	'Runbooks written for new failure modes and linked from the alerts',
	'Dashboards show the new components',
	'Rollback rehearsed and timed',
	'Status page entry drafted',
	'Service desk has a holding statement',
	'Access reviewed; temporary access has an end date',
	'Capacity checked against expected peak',
	'Supplier contacts confirmed',
	'Actions from the review have owners and dates',
];

// --- guides -------------------------------------------------------------------------------------

function renderGuide(guide: Guide, context: Context): string {
	const body = guideBody(guide, context);
	const data = {
		title: guide.title,
		description: guide.kind === 'index' ? 'How we run our services: practices, roles, runbooks and readiness templates.' : `${guide.title}: reference for engineers and new joiners.`,
		template: guide.kind === 'index' ? 'splash' : undefined,
		owner: guide.owner.id,
		lastReviewed: guide.lastReviewed,
		hero:
			guide.kind === 'index'
				? {
						tagline: 'Practices, roles, runbooks and readiness templates, reviewed and checked like code.',
						actions: [
							{ text: 'Find a runbook', link: '/runbooks/', icon: 'right-arrow', variant: 'primary' },
							{ text: 'Practices', link: '/practices/', variant: 'minimal' },
						],
					}
				: undefined,
	};
	return `${frontmatter(data)}\n${body.join('\n\n')}\n`;
}

function guideBody(guide: Guide, context: Context): string[] {
	switch (guide.kind) {
		case 'index':
			return indexBody(guide, context);
		case 'getting-started':
			return gettingStartedBody(guide, context);
		case 'glossary':
			return glossary.flatMap(([term, text]) => [`## ${term}`, `${text} See ${deepLink(context.random, guide, pick(context.random, context.plan.practices))}.`]);
		case 'service':
			return serviceGuideBody(guide, guide.service as Service, context);
		case 'team':
			return teamGuideBody(guide, guide.team as Team, context);
	}
}

function indexBody(guide: Guide, { plan, random }: Context): string[] {
	const others = plan.guides.filter((other) => other !== guide);
	return [
		'## In an incident',
		`Search for the alert name or the service. Every runbook lists the alerts and symptoms it covers. Start with ${sample(random, plan.runbooks, 3).map((runbook) => deepLink(random, guide, runbook)).join(', ')}, or browse [all runbooks](/runbooks/).`,
		'## New to the team',
		`${others.slice(0, 2).map((other) => `Read ${linkTo(guide, other)}. `).join('')}The role pages explain who does what: ${sample(random, plan.roles, 3).map((role) => linkTo(guide, role)).join(', ')}.`,
		'## Preparing a release',
		plan.readiness.slice(0, 3).map((page) => `- ${linkTo(guide, page)}`).join('\n'),
		'## Services and teams',
		table(['Service', 'Team', 'Runbooks'], plan.services.filter((service) => service.runbooks.length > 0).slice(0, 12).map((service) => [service.guide ? linkTo(guide, service.guide, undefined, service.name) : service.name, service.team.name, String(service.runbooks.length)])),
	];
}

function gettingStartedBody(guide: Guide, { plan, random }: Context): string[] {
	return [
		'## How the handbook is organised',
		table(['Section', 'What it contains'], sectionIndexes.map(([route, label]) => [`[${titleCase(label.replace('all ', ''))}](${route})`, `Every page of ${label.replace('all ', 'the ')}, grouped and searchable.`])),
		'## Your first week',
		`1. Read ${sample(random, plan.practices, 2).map((practice) => deepLink(random, guide, practice)).join(' and ')}.\n2. Find your team's services and read one runbook, for example ${deepLink(random, guide, pick(random, plan.runbooks))}.\n3. Check the handbook locally before you open a pull request:`,
		indentedFence('sh', `npm ci\nnpx handbook check\nnpm run build`),
		'## Finding things quickly',
		`Press \`/\` to search. Alert names, service names and symptoms all work. Filters narrow results by type, owner, service and practice.`,
		'## When something is wrong',
		`Every page names its owner. Tell them, or open a pull request. The process is on ${routeLink(pick(random, plan.practices), 'Key activities', 'the practice pages')}.`,
	];
}

function serviceGuideBody(guide: Guide, service: Service, { random }: Context): string[] {
	return [
		'## What it does',
		`${service.name} is run by ${service.team.name}. ${pick(random, devopsSentences)}`,
		`${pick(random, purposeDetails)} The service keeps its runbooks below, grouped by the alert that leads to them.`,
		'## Architecture',
		fence('yaml', `service: ${service.name}\nnamespace: ${ns(service)}\nreplicas: ${between(random, 3, 12)}\ndependencies:\n  - ${service.name}-db.example.internal\n  - upstream.example.com`),
		'## Dependencies',
		table(['Dependency', 'Used for', 'If it fails'], sample(random, dependencies, 3).map(([name, use, failure]) => [`\`${name}\``, use, failure])),
		'## Runbooks',
		service.runbooks.map((runbook) => `- ${deepLink(random, guide, runbook)}`).join('\n'),
		'## Alerts',
		table(['Alert', 'Runbook'], service.runbooks.map((runbook) => [`\`${alertName(runbook)}\``, linkTo(guide, runbook, 'Symptoms')])),
		'## Deploying',
		`Releases go out through the pipeline several times a week; nobody deploys from a laptop. ${pick(random, devopsSentences)} To deploy by hand when the pipeline is down:`,
		fence('sh', `gh workflow run deploy --repo example-org/${service.name} -f environment=production\nkubectl -n ${ns(service)} rollout status deployment/${service.name}`),
		'## Known issues',
		`${pick(random, knownIssues)} ${pick(random, knownIssues)} Both are tracked as known errors; see ${deepLink(random, guide, pick(random, service.runbooks))}.`,
		'## Contacts',
		`${teamLink(guide, service.team)} owns the service.`,
		table(['Channel', 'Address', 'When'], [['Chat', `\`#${service.team.id}\``, 'questions during working hours'], ['Email', `${service.team.id}@example.com`, 'anything that can wait a day'], ['Pager', `\`${service.team.id}-primary\``, 'customer impact, any time']]),
	];
}

const dependencies: [string, string, string][] = [
	['PostgreSQL', 'orders, accounts and audit records', 'writes fail; reads may continue from the replica'],
	['Redis', 'sessions and hot lookups', 'latency rises as requests fall through to the database'],
	['Kafka', 'events to downstream services', 'events queue up locally for up to an hour'],
	['Object storage', 'exports and attachments', 'uploads fail; nothing else is affected'],
	['Identity provider', 'sign-in and service tokens', 'new sessions cannot start'],
	['Payment provider', 'card authorisations', 'checkouts fail with a retry message'],
];

const knownIssues = [
	'The first deployment after a long quiet period can be slow while caches warm up.',
	'Nightly exports sometimes overlap with the backup window and run late.',
	'A burst of retries from one client can trip the rate limit for everyone.',
	'Memory grows slowly between deployments; a weekly restart keeps it in check.',
	'Dashboards lag by about a minute, so wait before judging a change.',
];

function teamGuideBody(guide: Guide, team: Team, { plan, random }: Context): string[] {
	const services = plan.services.filter((service) => service.team === team && service.guide);
	const practices = plan.practices.filter((practice) => practice.owner === team).slice(0, 6);
	return [
		'## What we own',
		[...services.map((service) => `- ${linkTo(guide, service.guide as Guide, undefined, service.name)}`), ...practices.map((practice) => `- ${linkTo(guide, practice)}`)].join('\n') || `${team.name} owns no services; it supports the teams that do.`,
		'## How to reach us',
		table(['Channel', 'Address'], [['Chat', `\`#${team.id}\``], ['Email', `${team.id}@example.com`], ['GitHub', `\`@example-org/${team.id}\``]]),
		'## On call',
		team.oncall ? `Rotation \`${team.id}-primary\`. Handover is on Mondays at 10:00 UTC.` : 'This team has no on-call rotation; raise urgent matters with Service Operations.',
		'## How we work',
		`${team.description} Members: ${team.members.join(', ')}. ${sample(random, devopsSentences, 2).join(' ')}`,
		'## Joining the team',
		`New members start with ${linkTo(guide, plan.guides.find((other) => other.kind === 'getting-started') ?? plan.guides[0] as Guide)}, then shadow an on-call shift. ${pick(random, purposeDetails)}`,
		fence('sh', `gh repo clone example-org/${team.id}-services\ngh api orgs/example-org/teams/${team.id}/members --jq '.[].login'`),
	];
}

// ---------------------------------------------------------------------------------------------
// Output

/**
 * Generates a handbook of `pages` pages: a map from path (relative to the content folder) to
 * file text, in a stable order. The same `pages` and `seed` always give the same bytes.
 */
export function generateHandbook(pages: number, seed: number): Map<string, string> {
	const plan = planHandbook(pages, seed);
	const files = new Map<string, string>([['teams.yaml', renderTeams(plan.teams)]]);
	const render = <T extends Page>(list: T[], renderPage: (page: T, context: Context) => string) => {
		for (const page of list) files.set(page.path, renderPage(page, { plan, random: mulberry32(hash(`${seed}:${page.path}`)) }));
	};
	render(plan.guides, renderGuide);
	render(plan.practices, renderPractice);
	render(plan.roles, renderRole);
	render(plan.runbooks, renderRunbook);
	render(plan.readiness, renderReadiness);
	for (const service of plan.services) files.set(`services/${service.name}.md`, renderService(service, mulberry32(hash(`${seed}:services/${service.name}`))));
	return files;
}

/**
 * Writes generated files into `outDir`. The folder must be missing, empty, or a folder this
 * generator wrote before (it carries {@link markerFile}); anything else is refused, so a user's
 * own handbook is never overwritten.
 */
export function writeHandbook(outDir: string, files: Map<string, string>, description: string): void {
	prepareOutDir(outDir);
	// The marker goes first: a run that fails half-way leaves a folder the next run may replace.
	writeFileSync(join(outDir, markerFile), `${description}\n`);
	for (const [path, text] of files) {
		mkdirSync(dirname(join(outDir, path)), { recursive: true });
		writeFileSync(join(outDir, path), text);
	}
}

function prepareOutDir(outDir: string): void {
	if (!existsSync(outDir)) {
		mkdirSync(outDir, { recursive: true });
		return;
	}
	if (!statSync(outDir).isDirectory()) throw new Error(`${outDir} exists and is not a folder`);
	const entries = readdirSync(outDir);
	if (entries.length === 0) return;
	if (!entries.includes(markerFile)) {
		throw new Error(`${outDir} is not empty and was not written by this generator; refusing to overwrite it. Choose a new or empty folder.`);
	}
	rmSync(outDir, { recursive: true });
	mkdirSync(outDir);
}

const usage = `Usage: node scripts/generate-handbook.ts --pages N --out DIR [--seed S]

Writes a synthetic handbook of N pages in this project's format (every collection, teams.yaml,
links with anchors, code blocks, RACI tables) into DIR, the same bytes for the same N and seed.
It checks clean with \`handbook check --today ${generatorToday}\`. DIR must be new, empty, or
a folder this generator wrote before (it holds a ${markerFile} marker); nothing else is
overwritten.

Options:
  --pages N   number of pages, at least 10
  --out DIR   folder to write
  --seed S    a number or any text (default 1)
  -h, --help  show this help
`;

function main(): void {
	let values;
	try {
		({ values } = parseArgs({
			options: {
				pages: { type: 'string' },
				out: { type: 'string' },
				seed: { type: 'string', default: '1' },
				help: { type: 'boolean', short: 'h', default: false },
			},
		}));
	} catch (error) {
		process.stderr.write(`generate-handbook: ${(error as Error).message}\n\n${usage}`);
		process.exit(2);
	}
	if (values.help) {
		process.stdout.write(usage);
		return;
	}
	if (!values.pages || !values.out) {
		process.stderr.write(usage);
		process.exit(2);
	}
	const pages = Number(values.pages);
	const outDir = resolve(values.out);
	try {
		const files = generateHandbook(pages, seedFrom(values.seed));
		writeHandbook(outDir, files, `generated by scripts/generate-handbook.ts --pages ${pages} --seed ${values.seed}`);
		const bytes = [...files.values()].reduce((sum, text) => sum + Buffer.byteLength(text), 0);
		process.stdout.write(`wrote ${pages} pages (${(bytes / 1024 / 1024).toFixed(1)} MB) to ${outDir}; check with --today ${generatorToday}\n`);
	} catch (error) {
		process.stderr.write(`generate-handbook: ${(error as Error).message}\n`);
		process.exit(1);
	}
}

if (import.meta.main) main();
