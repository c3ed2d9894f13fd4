import { withBase } from '../core/routes.ts';

/** A group a page is in: a practice category, a runbook's service, a folder of guides. */
export interface NavGroup {
	label: string;
	/** Route of the group's own page (an index page), if it has one. */
	route?: string | undefined;
}

/** One page as the navigation sees it. */
export interface NavPage {
	title: string;
	/** Route without base path, e.g. `/runbooks/payments-api/database-failover/`. */
	route: string;
	/** Group inside its section (practice category label, runbook service), if any. */
	group?: string;
	/** Route of the group's own index page, if it has one. */
	groupRoute?: string;
	/** Nested groups, outermost first (folders of guides); instead of `group`. */
	groups?: NavGroup[];
}

/** A top-level section of the handbook (Practices, Roles, Runbooks, ...). */
export interface NavSection {
	label: string;
	/** Route of the section's index page. */
	route: string;
	pages: NavPage[];
}

interface SidebarLink {
	type: 'link';
	label: string;
	href: string;
	isCurrent: boolean;
	badge: undefined;
	attrs: Record<string, string>;
}
interface SidebarGroup {
	type: 'group';
	label: string;
	entries: SidebarEntry[];
	collapsed: boolean;
	badge: undefined;
}
export type SidebarEntry = SidebarLink | SidebarGroup;

/** How many links one expanded list shows before it points to the index instead. */
export const sidebarListLimit = 12;

/**
 * The sidebar of one page. Every section appears as a link to its index; only the section the
 * page is in is expanded, and inside it only the groups the page is in (nested folders of guides
 * one in another), each listing at most {@link sidebarListLimit} entries around the current one,
 * other groups as single links. A page's HTML therefore does not grow with the number of pages
 * in other sections or other groups, only with how deep its own folder is.
 */
export function buildSidebar(sections: NavSection[], currentRoute: string, base: string): SidebarEntry[] {
	const link = (label: string, route: string): SidebarLink => ({
		type: 'link',
		label,
		href: withBase(base, route),
		isCurrent: route === currentRoute,
		badge: undefined,
		attrs: {},
	});
	const group = (label: string, entries: SidebarEntry[]): SidebarGroup => ({ type: 'group', label, entries, collapsed: false, badge: undefined });
	const level = ({ items, at, pageCount }: Level, depth: number, label: string, route: string | undefined): SidebarEntry[] => {
		const current = at.get(currentRoute);
		const shown = windowAround(items, current ?? 0);
		const entries = shown.map((item): SidebarEntry => {
			if (item.kind === 'page') return link(item.page.title, item.page.route);
			const target = item.route ?? item.firstRoute;
			return item.level.at.has(currentRoute) ? group(item.label, level(item.level, depth + 1, item.label, item.route)) : link(item.label, target);
		});
		if (shown.length < items.length && route !== undefined) {
			const what = items.every((item) => item.kind === 'group') ? `All ${items.length} groups` : depth === 0 ? `All ${pageCount} pages` : `All ${pageCount} in ${label}`;
			entries.push(link(what, route));
		}
		return entries;
	};
	return sections.map((section): SidebarEntry => {
		const top = sectionLevel(section);
		const inSection = currentRoute === section.route || top.at.has(currentRoute);
		if (!inSection || section.pages.length === 0) return link(section.label, section.route);
		return group(section.label, [link('Overview', section.route), ...level(top, 0, section.label, section.route)]);
	});
}

/** One level of a section: its pages and the groups one level down, in order. */
interface Level {
	items: LevelItem[];
	/** The item each page of the level is in (itself, or the group holding it), by route. */
	at: Map<string, number>;
	pageCount: number;
}
type LevelItem = { kind: 'page'; page: NavPage } | { kind: 'group'; label: string; route: string | undefined; firstRoute: string; level: Level };

const sectionLevels = new WeakMap<NavSection, Level>();

/**
 * A section's levels, worked out once per section: every page's sidebar looks up its place in
 * them, which would otherwise cost a pass over the section per page (a build of 10,000 pages
 * would then grow with the square of the handbook).
 */
function sectionLevel(section: NavSection): Level {
	let level = sectionLevels.get(section);
	if (!level) {
		level = levelOf(section.pages, 0);
		sectionLevels.set(section, level);
	}
	return level;
}

function levelOf(pages: NavPage[], depth: number): Level {
	const at = new Map<string, number>();
	const items = itemsOf(pages, depth).map((item, index): LevelItem => {
		for (const page of item.pages) if (!at.has(page.route)) at.set(page.route, index);
		return item.kind === 'page'
			? { kind: 'page', page: item.pages[0] }
			: { kind: 'group', label: item.label, route: item.route, firstRoute: item.pages[0]!.route, level: levelOf(item.pages, depth + 1) };
	});
	return { items, at, pageCount: pages.length };
}

/** The groups of a page, outermost first. */
function trailOf(page: NavPage): NavGroup[] {
	if (page.groups) return page.groups;
	return page.group === undefined ? [] : [{ label: page.group, route: page.groupRoute }];
}

type NavItem = { kind: 'page'; pages: [NavPage] } | { kind: 'group'; label: string; route: string | undefined; pages: NavPage[] };

/** What one level of a section lists, in order: its pages, and the groups one level down. */
function itemsOf(pages: NavPage[], depth: number): NavItem[] {
	const items: NavItem[] = [];
	const groups = new Map<string, NavItem & { kind: 'group' }>();
	for (const page of pages) {
		const trail = trailOf(page);
		const at = trail[depth];
		if (at === undefined) {
			items.push({ kind: 'page', pages: [page] });
			continue;
		}
		const key = `${at.label}\n${at.route ?? ''}`;
		let item = groups.get(key);
		if (!item) {
			item = { kind: 'group', label: at.label, route: at.route, pages: [] };
			groups.set(key, item);
			items.push(item);
		}
		item.pages.push(page);
	}
	return items;
}

function windowAround<T>(items: T[], index: number): T[] {
	if (items.length <= sidebarListLimit) return items;
	const start = Math.min(Math.max(0, index - Math.floor(sidebarListLimit / 2)), items.length - sidebarListLimit);
	return items.slice(start, start + sidebarListLimit);
}
