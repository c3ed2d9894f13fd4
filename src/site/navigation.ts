import { withBase } from '../core/routes.ts';

/** One page as the navigation sees it. */
export interface NavPage {
	title: string;
	/** Route without base path, e.g. `/runbooks/payments-api/database-failover/`. */
	route: string;
	/** Group inside its section (practice category label, runbook service), if any. */
	group?: string;
	/** Route of the group's own index page, if it has one. */
	groupRoute?: string;
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
 * page is in is expanded, and inside it only the page's own group lists its pages, at most
 * {@link sidebarListLimit} of them around the current one. A page's HTML therefore does not grow
 * with the number of pages in other sections, or in other groups of its own section.
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
	return sections.map((section): SidebarEntry => {
		const { byRoute, groups } = indexOf(section);
		const located = byRoute.get(currentRoute);
		const inSection = currentRoute === section.route || located !== undefined;
		if (!inSection || section.pages.length === 0) return link(section.label, section.route);
		const current = located?.page;
		const entries: SidebarEntry[] = [link('Overview', section.route)];
		if (groups.length === 1 && groups[0]?.label === undefined) {
			entries.push(...windowAround(section.pages, located?.index ?? 0).map((page) => link(page.title, page.route)));
			if (section.pages.length > sidebarListLimit) entries.push(link(`All ${section.pages.length} pages`, section.route));
		} else {
			// On the section's own index, the window starts at the group of pages without a group, if any.
			const position = located ? located.group : Math.max(0, groups.findIndex((group) => group.label === undefined));
			const visibleGroups = windowAround(groups, position);
			for (const group of visibleGroups) {
				const label = group.label ?? section.label;
				const groupIndex = group.pages[0]?.groupRoute ?? section.route;
				if (current && group.label === current.group) {
					const shown = windowAround(group.pages, located!.indexInGroup).map((page) => link(page.title, page.route));
					if (group.pages.length > shown.length) shown.push(link(`All ${group.pages.length} in ${label}`, groupIndex));
					entries.push({ type: 'group', label, entries: shown, collapsed: false, badge: undefined });
				} else {
					entries.push(link(label, groupIndex));
				}
			}
			if (visibleGroups.length < groups.length) entries.push(link(`All ${groups.length} groups`, section.route));
		}
		return { type: 'group', label: section.label, entries, collapsed: false, badge: undefined };
	});
}

interface SectionIndex {
	/** Where each page is: its position in the section, its group, and its position in the group. */
	byRoute: Map<string, { page: NavPage; index: number; group: number; indexInGroup: number }>;
	groups: { label: string | undefined; pages: NavPage[] }[];
}

const sectionIndexes = new WeakMap<NavSection, SectionIndex>();

/**
 * A section's pages by route and by group, worked out once per section: every page's sidebar
 * looks up its place in its section, which would otherwise cost a pass over the section per page
 * (a build of 10,000 pages would then grow with the square of the handbook).
 */
function indexOf(section: NavSection): SectionIndex {
	let index = sectionIndexes.get(section);
	if (!index) {
		const groups = groupPages(section.pages);
		const byRoute: SectionIndex['byRoute'] = new Map();
		groups.forEach((group, groupNumber) => {
			group.pages.forEach((page, indexInGroup) => {
				if (!byRoute.has(page.route)) byRoute.set(page.route, { page, index: 0, group: groupNumber, indexInGroup });
			});
		});
		section.pages.forEach((page, position) => {
			const located = byRoute.get(page.route);
			if (located?.page === page) located.index = position;
		});
		index = { byRoute, groups };
		sectionIndexes.set(section, index);
	}
	return index;
}

function groupPages(pages: NavPage[]): { label: string | undefined; pages: NavPage[] }[] {
	const groups = new Map<string | undefined, NavPage[]>();
	for (const page of pages) {
		const list = groups.get(page.group);
		if (list) list.push(page);
		else groups.set(page.group, [page]);
	}
	return [...groups].map(([label, list]) => ({ label, pages: list }));
}

function windowAround<T>(items: T[], index: number): T[] {
	if (items.length <= sidebarListLimit) return items;
	const start = Math.min(Math.max(0, index - Math.floor(sidebarListLimit / 2)), items.length - sidebarListLimit);
	return items.slice(start, start + sidebarListLimit);
}
