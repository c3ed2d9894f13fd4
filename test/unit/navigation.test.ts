import { describe, expect, it } from 'vitest';
import { buildSidebar, type NavSection, type SidebarEntry, sidebarListLimit } from '../../src/site/navigation.ts';

function handbook(pagesPerSection: number): NavSection[] {
	const pages = (section: string, groups: number) =>
		Array.from({ length: pagesPerSection }, (_, i) => ({
			title: `${section} ${i}`,
			route: `/${section}/g${i % groups}/p${i}/`,
			group: `g${i % groups}`,
			groupRoute: `/${section}/g${i % groups}/`,
		}));
	return [
		{ label: 'Practices', route: '/practices/', pages: pages('practices', 3) },
		{ label: 'Runbooks', route: '/runbooks/', pages: pages('runbooks', 40) },
		{ label: 'Roles', route: '/roles/', pages: pages('roles', 1).map(({ title, route }) => ({ title, route })) },
	];
}

const links = (entries: SidebarEntry[]): number =>
	entries.reduce((count, entry) => count + (entry.type === 'link' ? 1 : links(entry.entries)), 0);

describe('buildSidebar', () => {
	it('does not grow with the number of pages in other sections', () => {
		const small = handbook(10);
		const large = handbook(5000);
		// A roles page: the practices and runbooks sections are single links however many pages they hold.
		const current = '/roles/g0/p1/';
		const smallSidebar = buildSidebar(small.map((s) => (s.label === 'Roles' ? handbook(10)[2]! : s)), current, '/');
		const largeSidebar = buildSidebar(large.map((s) => (s.label === 'Roles' ? handbook(10)[2]! : s)), current, '/');
		expect(JSON.stringify(largeSidebar)).toBe(JSON.stringify(smallSidebar));
	});

	it('expands only the current group, and at most a fixed number of links in it', () => {
		const sections = handbook(5000);
		const sidebar = buildSidebar(sections, '/runbooks/g7/p2487/', '/');
		const runbooks = sidebar.find((entry) => entry.label === 'Runbooks');
		if (runbooks?.type !== 'group') throw new Error('Runbooks is not expanded');
		expect(links(runbooks.entries)).toBeLessThanOrEqual(2 * sidebarListLimit + 3);
		const current = runbooks.entries.find((entry) => entry.type === 'group');
		if (current?.type !== 'group') throw new Error('the current group is not expanded');
		expect(current.label).toBe('g7');
		expect(current.entries.some((entry) => entry.type === 'link' && entry.isCurrent && entry.href === '/runbooks/g7/p2487/')).toBe(true);
		expect(current.entries.at(-1)).toMatchObject({ type: 'link', href: '/runbooks/g7/' });
		expect(sidebar.find((entry) => entry.label === 'Practices')).toMatchObject({ type: 'link', href: '/practices/' });
	});

	it('lists a small section in full and marks the current page', () => {
		const sidebar = buildSidebar(handbook(5), '/roles/g0/p3/', '/base/');
		const roles = sidebar.find((entry) => entry.label === 'Roles');
		if (roles?.type !== 'group') throw new Error('Roles is not expanded');
		expect(roles.entries.map((entry) => entry.type === 'link' && entry.href)).toEqual([
			'/base/roles/',
			'/base/roles/g0/p0/',
			'/base/roles/g0/p1/',
			'/base/roles/g0/p2/',
			'/base/roles/g0/p3/',
			'/base/roles/g0/p4/',
		]);
		expect(roles.entries.filter((entry) => entry.type === 'link' && entry.isCurrent)).toHaveLength(1);
	});

	it('nests folders of guides, expanding only the folders of the current page, each at most a fixed number of entries', () => {
		// 20 top-level folders of 30 folders of 40 pages each: 24,000 guides.
		const pages = [];
		for (let a = 0; a < 20; a++) {
			for (let b = 0; b < 30; b++) {
				for (let c = 0; c < 40; c++) {
					pages.push({
						title: `Page ${a}.${b}.${c}`,
						route: `/f${a}/g${b}/p${c}/`,
						groups: [
							{ label: `Folder ${a}`, route: `/f${a}/` },
							{ label: `Folder ${a}.${b}`, route: b === 0 ? undefined : `/f${a}/g${b}/` },
						],
					});
				}
			}
		}
		const sidebar = buildSidebar([{ label: 'Guides', route: '/', pages }], '/f7/g3/p25/', '/');
		const guides = sidebar[0];
		if (guides?.type !== 'group') throw new Error('Guides is not expanded');
		const folder = guides.entries.find((entry) => entry.type === 'group');
		if (folder?.type !== 'group') throw new Error('the current folder is not expanded');
		expect(folder.label).toBe('Folder 7');
		const subfolder = folder.entries.find((entry) => entry.type === 'group');
		if (subfolder?.type !== 'group') throw new Error('the current sub-folder is not expanded');
		expect(subfolder.label).toBe('Folder 7.3');
		expect(subfolder.entries.some((entry) => entry.type === 'link' && entry.isCurrent && entry.href === '/f7/g3/p25/')).toBe(true);
		expect(subfolder.entries.at(-1)).toMatchObject({ type: 'link', label: 'All 40 in Folder 7.3', href: '/f7/g3/' });
		// Other folders are one link each, to their index page; one level holds at most the limit and an "All" link.
		expect(folder.entries.filter((entry) => entry.type === 'link').every((entry) => entry.type === 'link' && /^\/f7\/g\d+\/$|^\/f7\/g0\/p0\/$|^\/f7\/$/.test(entry.href))).toBe(true);
		expect(guides.entries.length).toBeLessThanOrEqual(sidebarListLimit + 2);
		expect(folder.entries.length).toBeLessThanOrEqual(sidebarListLimit + 1);
		expect(links(guides.entries)).toBeLessThanOrEqual(3 * (sidebarListLimit + 2));
		// A folder without an index page leads to its first page.
		const first = buildSidebar([{ label: 'Guides', route: '/', pages }], '/f7/g5/p0/', '/')[0];
		if (first?.type !== 'group') throw new Error('Guides is not expanded');
		const seventh = first.entries.find((entry) => entry.type === 'group');
		expect(seventh?.type === 'group' && seventh.entries.find((entry) => entry.label === 'Folder 7.0')).toMatchObject({ type: 'link', href: '/f7/g0/p0/' });
	});
});
