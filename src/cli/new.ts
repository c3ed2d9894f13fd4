import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { codeownersFile } from '../checks/codeowners.ts';
import { refreshManagedBlock } from './codeowners.ts';
import { type ContentGraph, type Entry, loadHandbook } from '../checks/index.ts';
import { requiredSectionsOf, type StructureOptions } from '../checks/rules/index.ts';
import { closestMatch } from '../checks/suggest.ts';
import { collections, type PageCollection } from '../core/collections.ts';
import { entryIdFromPath, entryRoute } from '../core/routes.ts';
import { isCalendarDate } from '../core/today.ts';
import { practiceCategories } from '../schemas/practices.ts';
import { readinessTiers } from '../schemas/readiness.ts';
import { resolveToday } from '../core/today.ts';
import { dropTemplateNote, fileNameOf, practicePage, readinessPage, rebaseLinks, runbookPage } from './scaffold.ts';
import { type CommandIo, processIo } from './io.ts';

/** One line for `handbook --help`. */
export const summary = 'Write a new runbook, practice or readiness page, ready to fill in.';

const options = {
	template: { type: 'string' },
	service: { type: 'string' },
	tier: { type: 'string' },
	owner: { type: 'string' },
	release: { type: 'string' },
	'release-date': { type: 'string' },
	title: { type: 'string' },
	file: { type: 'string' },
	practice: { type: 'string' },
	escalate: { type: 'string' },
	category: { type: 'string' },
	'process-owner': { type: 'string' },
	'process-manager': { type: 'string' },
	today: { type: 'string' },
	root: { type: 'string' },
	help: { type: 'boolean', short: 'h', default: false },
} as const;

type Values = { [name in Exclude<keyof typeof options, 'help'>]?: string | undefined };
type Kind = 'readiness' | 'runbook' | 'practice';

/** The options of each kind: required, then optional (`--today` and `--root` go with every kind). */
const kindOptions: Record<Kind, { required: (keyof Values)[]; optional: (keyof Values)[] }> = {
	readiness: { required: ['template', 'service'], optional: ['tier', 'owner', 'release', 'release-date'] },
	runbook: { required: ['service', 'owner', 'title'], optional: ['practice', 'escalate', 'file'] },
	practice: { required: ['title', 'category', 'owner', 'process-owner', 'process-manager'], optional: ['file'] },
};
const kinds = Object.keys(kindOptions) as Kind[];

function help(): string {
	return `Usage: handbook new <kind> [options]

Writes a new page into the right folder of the handbook, ready to fill in: valid frontmatter,
the sections the handbook requires (content/handbook.yaml \`rules.structure.requiredSections\`) and a prompt in
each, marked "To fill in". The page passes \`handbook check\` as written. Team, practice,
template, category and tier ids are checked against the handbook, with a suggestion for a typo.
An existing file is never overwritten: then nothing is written.

Kinds and their options:

  readiness   a copy of a readiness template for one release of one service, at
              content/readiness/<service>/<release>.md. It keeps the template's text, sections
              and checklist, less the template's own instructions (its ":::note[Using this
              template]" block), and sets service, owner, title and lastReviewed; a copy of a
              service readiness template also releaseDate and \`status: planned\`, which put the
              release on the release board (/releases/).
    --template <id>     the template to copy, e.g. service-readiness-gold (required)
    --service <id>      the service the release is for, a service of content/services/, e.g.
                        payments-api (required)
    --release-date <date>  the day the release goes out, YYYY-MM-DD (required for service
                        readiness templates)
    --tier <tier>       the tier of the release: gold, silver or bronze (default: the template's).
                        Service readiness templates only; it may differ from the template's
                        (a bronze release can copy the silver template). Hypercare,
                        communications and post-incident review templates take no tier.
    --owner <team>      the team that owns the page (default: the service's owner)
    --release <name>    the file name, lower case with hyphens (default: <date>-<tier>, or
                        <date>-<template> for a template without tier)

  runbook     content/runbooks/<service>/<title as a file name>.md
    --service <id>      the service, and so the folder: a service of content/services/ (required)
    --owner <team>      the owning team (required)
    --title "<title>"   the title, in any language (required); the file name is made from it:
                        lower case a-z and digits, one hyphen between words, accents dropped
                        ("Überlauf  prüfen!" -> uberlauf-prufen.md)
    --file <name>       the file name instead, lower case with hyphens (".md" optional);
                        needed when the title has no letters a-z, e.g. in Japanese
    --practice <id>     the practice the runbook belongs to (default: incident-management)
    --escalate <team>   the team to escalate to (default: the owner team)

  practice    content/practices/<title as a file name>.md, with a RACI table of the process roles
    --title "<title>"             the practice's name (required); the file name is made from
                                  it as for a runbook
    --file <name>                 the file name instead, lower case with hyphens
    --category <category>         general, service or technical (required)
    --owner <team>                the owning team, also the team of the process owner and
                                  the process manager (required)
    --process-owner "<name>"      the person who is the process owner (required)
    --process-manager "<name>"    the person who is the process manager (required)

Options of every kind:
      --today <date>  the date written as lastReviewed (and in the default release name),
                      YYYY-MM-DD (default: $HANDBOOK_TODAY, else today's date on this
                      computer). The handbook is still checked as of the HEAD commit's date,
                      as \`handbook check\` does
      --root <dir>    the repository root (default: the current folder)
  -h, --help          show this help

Exit status: 0 when the page was written; 1 when nothing was written because a value does not
fit the handbook (unknown id, existing file, no owner to take); 2 when the command could not run
(unknown kind or option, missing option, bad date, unreadable handbook).
`;
}

/** What to write, and what the author does next. */
interface Plan {
	collection: PageCollection;
	/** Path relative to the content folder. */
	contentPath: string;
	text: string;
	next: string;
}

/** Why the handbook does not take the values given: any of them makes the command exit 1 and write nothing. */
type Problems = string[];

interface Context {
	graph: ContentGraph;
	today: string;
}

/** Runs `handbook new` with the arguments after `new`; resolves to the exit status. */
export async function run(argv: string[], io: CommandIo = processIo()): Promise<number> {
	let parsed;
	try {
		parsed = parseArgs({ args: argv, options, allowPositionals: true });
	} catch (error) {
		return usageError(io, (error as Error).message);
	}
	const { values, positionals } = parsed;
	if (values.help) {
		io.out(help());
		return 0;
	}
	const [kindName, ...extra] = positionals;
	if (kindName === undefined) return usageError(io, `name the kind of page: ${kinds.join(', ')}`);
	if (!kinds.includes(kindName as Kind)) {
		const suggestion = closestMatch(kindName, kinds);
		return usageError(io, `unknown kind "${kindName}"; ${suggestion ? `did you mean "${suggestion}"?` : `use one of ${kinds.join(', ')}`}`);
	}
	const kind = kindName as Kind;
	if (extra.length > 0) return usageError(io, `unexpected argument "${extra[0]}"`);
	const { required, optional } = kindOptions[kind];
	const foreign = Object.keys(values).filter(
		(name) => !['help', 'today', 'root', ...required, ...optional].includes(name) && values[name as keyof Values] !== undefined,
	);
	if (foreign.length > 0) return usageError(io, `${foreign.map((name) => `--${name}`).join(', ')} does not apply to a ${kind}`);
	const missing = required.filter((name) => values[name] === undefined);
	if (missing.length > 0) return usageError(io, `a ${kind} needs ${missing.map((name) => `--${name}`).join(', ')}`);

	const root = resolve(io.cwd, values.root ?? '.');
	let context: Context;
	try {
		const graph = await loadHandbook({ root, today: values.today });
		// A new page is written today: dated by the system clock, not by the last commit.
		context = { graph, today: resolveToday({ today: values.today, fallback: 'system' }) };
	} catch (error) {
		io.err(`handbook new: ${(error as Error).message}\n`);
		return 2;
	}
	const plan = await planners[kind](values, context);
	if (Array.isArray(plan)) return refuse(io, plan);
	const problems = collisions(plan, context.graph, io.cwd);
	if (problems.length > 0) return refuse(io, problems);

	const path = join(context.graph.contentDir, plan.contentPath);
	const shown = relative(io.cwd, path);
	try {
		await mkdir(dirname(path), { recursive: true });
		// `wx`: fail rather than overwrite a file that appeared since the check above.
		await writeFile(path, plan.text, { flag: 'wx' });
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EEXIST') return refuse(io, [`${shown} already exists`]);
		io.err(`handbook new: ${(error as Error).message}\n`);
		return 2;
	}
	const codeownersUpdated = await refreshManagedBlock(root).catch((error: Error) => {
		io.err(`handbook new: could not update ${codeownersFile}: ${error.message}; run \`npx handbook codeowners\`\n`);
		return false;
	});
	const rootOption = root === io.cwd ? '' : ` --root ${relative(io.cwd, root) || '.'}`;
	io.out(
		`Wrote ${shown}\n${codeownersUpdated ? `Updated the handbook-managed block of ${codeownersFile} for it.\n` : ''}\nNext:\n` +
			`  1. ${plan.next}\n` +
			`  2. Check it: npx handbook check ${shown}${rootOption}\n` +
			`  3. Commit it. The page will be at ${entryRoute(plan.collection, idOf(plan))}\n`,
	);
	return 0;
}

function usageError(io: CommandIo, message: string): number {
	io.err(`handbook new: ${message}\nRun \`handbook new --help\` for the kinds and their options.\n`);
	return 2;
}

function refuse(io: CommandIo, problems: Problems): number {
	for (const problem of problems) io.err(`handbook new: ${problem}\n`);
	io.err('handbook new: nothing was written\n');
	return 1;
}

const planners: Record<Kind, (values: Values, context: Context) => Promise<Plan | Problems>> = {
	async readiness(values, { graph, today }) {
		const problems: Problems = [];
		const service = checkService(problems, graph, values.service!);
		const template = findTemplate(problems, graph, values.template!);
		const tierKnown = values.tier === undefined || checkId(problems, 'tier', values.tier, readinessTiers);
		let tier: string | undefined;
		if (template && !template.data) {
			problems.push(`the template ${template.file} has problems of its own; run \`handbook check ${template.file}\``);
		} else if (template && template.raw.kind === 'service-readiness') {
			tier = values.tier ?? String(template.raw.tier);
		} else if (template && values.tier !== undefined && tierKnown) {
			problems.push(
				`--tier is for service readiness templates; ${template.id} is a ${String(template.raw.kind)} template: leave --tier out`,
			);
		}
		const owner =
			values.owner === undefined ? serviceOwner(problems, graph, service) : checkTeam(problems, graph, values.owner) && values.owner;
		const release =
			values.release === undefined ? undefined : checkName(problems, '--release', values.release, '2026-12-01-provider-switch');
		const isRelease = template?.raw.kind === 'service-readiness';
		let releaseDate: string | undefined;
		if (isRelease && values['release-date'] === undefined) {
			problems.push('a service readiness record needs the day the release goes out: --release-date YYYY-MM-DD');
		} else if (values['release-date'] !== undefined) {
			if (!isRelease) problems.push(`--release-date is for service readiness templates; leave it out for ${template?.id ?? 'this template'}`);
			else if (!isCalendarDate(values['release-date'])) problems.push(`--release-date "${values['release-date']}": write the date as YYYY-MM-DD`);
			else releaseDate = values['release-date'];
		}
		if (problems.length > 0 || !template || !service || !owner) return problems;

		const name = release ?? `${today}-${tier ?? template.id.split('/').at(-1)}`;
		const contentPath = `${collections.readiness.folder}/${service}/${name}.md`;
		const source = await readFile(join(graph.root, template.file), 'utf8');
		const body = dropTemplateNote(
			rebaseLinks(source, template.links, template.contentPath, contentPath)
				.split('\n')
				.slice(template.frontmatter.bodyLine - 1)
				.join('\n'),
		);
		const data = template.data as { kind: string; sections: string[]; checklist: string[]; reviewInterval?: number };
		return {
			collection: 'readiness',
			contentPath,
			text: readinessPage({
				template: data,
				body,
				title: data.kind === 'service-readiness' ? `${service} release readiness (${tier})` : `${service}: ${template.title}`,
				service,
				tier,
				owner,
				today,
				releaseDate,
			}),
			next: isRelease
				? 'Fill it in: every "To fill in" and the empty table cells, and tick checklist items as they are done. Keep the headings: `handbook check` expects them. Update `status:` as the release goes out (the status key says how).'
				: 'Fill it in: every "To fill in" and the empty table cells. Keep the headings: `handbook check` expects them.',
		};
	},

	async runbook(values, { graph, today }) {
		const problems: Problems = [];
		const service = checkService(problems, graph, values.service!);
		const owner = values.owner!;
		checkTeam(problems, graph, owner);
		if (values.escalate !== undefined) checkTeam(problems, graph, values.escalate);
		const practice = values.practice ?? 'incident-management';
		const practices = idsOf(graph, 'practices');
		if (values.practice === undefined && !practices.includes(practice)) {
			problems.push(`this handbook has no practice "${practice}", the default: name the runbook's practice with --practice <id>`);
		} else checkId(problems, 'practice', practice, practices, `${graph.contentFolder}/${collections.practices.folder}/`);
		const name = fileName(problems, values.title!, values.file);
		if (problems.length > 0 || !service || !name) return problems;
		return {
			collection: 'runbooks',
			contentPath: `${collections.runbooks.folder}/${service}/${name}.md`,
			text: runbookPage({
				title: values.title!,
				service,
				owner,
				practice,
				escalate: values.escalate ?? owner,
				today,
				sections: requiredSectionsOf(structureOptions(graph), 'runbooks'),
			}),
			next: 'Fill in every "To fill in": the summary, symptoms or alerts and escalation in the frontmatter, and each section.',
		};
	},

	async practice(values, { graph, today }) {
		const problems: Problems = [];
		checkId(problems, 'category', values.category!, practiceCategories);
		checkTeam(problems, graph, values.owner!);
		for (const option of ['process-owner', 'process-manager'] as const) {
			if (values[option]!.trim() === '') problems.push(`--${option} needs the name of a person`);
		}
		const raciColumns = processRoleColumns(graph);
		if (raciColumns.length === 0) {
			problems.push(
				`this handbook has no roles for the RACI table's columns: add them to ${graph.contentFolder}/${collections.roles.folder}/ first`,
			);
		}
		const name = fileName(problems, values.title!, values.file);
		if (problems.length > 0 || !name) return problems;
		return {
			collection: 'practices',
			contentPath: `${collections.practices.folder}/${name}.md`,
			text: practicePage({
				title: values.title!,
				category: values.category!,
				owner: values.owner!,
				processOwner: values['process-owner']!.trim(),
				processManager: values['process-manager']!.trim(),
				today,
				sections: requiredSectionsOf(structureOptions(graph), 'practices'),
				raciColumns,
			}),
			next: 'Fill in every "To fill in", write the practice\'s own RACI activities, and list `related:` practices and `valueChain:` activities.',
		};
	},
};

/** The readiness template to copy: a page of the readiness collection that is not itself a copy. */
function findTemplate(problems: Problems, graph: ContentGraph, id: string): Entry | undefined {
	const folder = `${graph.contentFolder}/${collections.readiness.folder}/`;
	const page = graph.byId.get(`readiness:${id}`);
	if (page && page.raw.service !== undefined) {
		problems.push(`${page.file} is a filled-in copy, not a template: copy one of the templates in ${folder}`);
		return undefined;
	}
	const templates = graph.entries.filter((entry) => entry.collection === 'readiness' && entry.raw.service === undefined);
	return checkId(
		problems,
		'readiness template',
		id,
		templates.map((entry) => entry.id),
		folder,
	)
		? page
		: undefined;
}

/** An existing file, or another file that already is the page with this id, stops the command. */
function collisions(plan: Plan, graph: ContentGraph, cwd: string): Problems {
	const path = join(graph.contentDir, plan.contentPath);
	if (existsSync(path)) return [`${relative(cwd, path)} already exists: edit it, or choose another name`];
	// Another file may already be this page, or one at the same route in other letter case (on a
	// case-insensitive disk the two would overwrite each other).
	const route = entryRoute(plan.collection, idOf(plan)).toLowerCase();
	const same = graph.byId.get(`${plan.collection}:${idOf(plan)}`) ?? graph.entries.find((entry) => entry.route.toLowerCase() === route);
	if (!same) return [];
	return [`${same.file} is already the page ${same.route}: edit it, or choose another name`];
}

function idOf(plan: Plan): string {
	return entryIdFromPath(plan.contentPath.slice(collections[plan.collection].folder.length + 1));
}

/**
 * Whether a value is one of the known ids; if not, records the problem with a suggestion for a
 * typo, else the known ids (or where to find them, when there are many).
 */
function checkId(problems: Problems, what: string, value: string, known: readonly string[], where?: string): boolean {
	if (known.includes(value)) return true;
	const suggestion = closestMatch(value, known);
	const hint = suggestion
		? `did you mean "${suggestion}"?`
		: known.length === 0
			? `there are none${where ? ` in ${where}` : ''}`
			: known.length <= 12 || !where
				? `use one of ${known.join(', ')}`
				: `see ${where}`;
	problems.push(`unknown ${what} "${value}"; ${hint}`);
	return false;
}

function checkTeam(problems: Problems, graph: ContentGraph, team: string): boolean {
	return checkId(problems, 'team', team, [...graph.teamById.keys()], graph.teamsFile.file);
}

/** Service and release names become folder and file names: the form of an id, without slashes. */
function checkName(problems: Problems, option: string, value: string, example: string): string | undefined {
	if (/^[a-z0-9][a-z0-9-]*$/.test(value)) return value;
	problems.push(`${option} "${value}": use lower-case letters, digits and hyphens, e.g. "${example}"`);
	return undefined;
}

/** The page's file name: `--file` as given (less `.md`), else made from the title ({@link fileNameOf}). */
function fileName(problems: Problems, title: string, file: string | undefined): string | undefined {
	if (file !== undefined) return checkName(problems, '--file', file.replace(/\.md$/, ''), 'drain-a-node');
	const name = fileNameOf(title);
	if (/^[a-z0-9][a-z0-9-]*$/.test(name)) return name;
	problems.push(`--title "${title}" has no letters a-z or digits to make a file name of: name the file with --file <name>`);
	return undefined;
}

/** The team that owns the service, the natural owner of its release pages. */
function serviceOwner(problems: Problems, graph: ContentGraph, service: string | undefined): string | undefined {
	if (!service) return undefined;
	const owner = graph.byId.get(`services:${service}`)?.owner;
	if (owner !== undefined && graph.teamById.has(owner)) return owner;
	problems.push(`the service ${service} has no valid owner team: name the owner with --owner <team>`);
	return undefined;
}

/** The service a page is for: a service of the catalogue, with a suggestion for a typo. */
function checkService(problems: Problems, graph: ContentGraph, value: string): string | undefined {
	if (!checkName(problems, '--service', value, 'payments-api')) return undefined;
	const folder = `${graph.contentFolder}/${collections.services.folder}`;
	if (graph.byId.has(`services:${value}`)) return value;
	const suggestion = closestMatch(value, idsOf(graph, 'services'));
	problems.push(
		`unknown service "${value}"${suggestion ? `; did you mean "${suggestion}"?` : ''} A new service needs its entry first: ${folder}/${value}.md`,
	);
	return undefined;
}

function idsOf(graph: ContentGraph, collection: PageCollection): string[] {
	return graph.entries.filter((entry) => entry.collection === collection).map((entry) => entry.id);
}

// The three process roles lead, in the order of their responsibility; other process roles follow.
const processRoleOrder = ['process-owner', 'process-manager', 'process-practitioner'];

/** The RACI columns of the process roles (all roles when none is marked `group: process`). */
function processRoleColumns(graph: ContentGraph): string[] {
	const roles = graph.entries.filter((entry) => entry.collection === 'roles');
	const processRoles = roles.filter((role) => role.raw.group === 'process');
	const rank = (role: Entry) => {
		const index = processRoleOrder.indexOf(role.id);
		return index === -1 ? processRoleOrder.length : index;
	};
	return (processRoles.length > 0 ? processRoles : roles)
		.sort((a, b) => rank(a) - rank(b))
		.map((role) => (typeof role.raw.raciColumn === 'string' ? role.raw.raciColumn : role.title));
}

/** The `structure` rule's options in the handbook's policy: the sections a new page must have. */
function structureOptions(graph: ContentGraph): StructureOptions {
	return graph.policy.rules.structure!.options as StructureOptions;
}
