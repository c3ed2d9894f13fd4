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
});
