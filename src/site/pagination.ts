import { indexPageCount, indexPageRoute, itemsPerIndexPage } from '../core/routes.ts';
import { buildsRoute } from '../core/partition.ts';

/** A titled group of an index (a practice group, a service tier, ...) and the items it lists. */
export interface IndexGroup<T> {
	key: string;
	label: string;
	items: T[];
}

/** The part of a group that one page of an index shows. */
export interface IndexSection<T> extends IndexGroup<T> {
	/** Whether the group starts on this page (its heading carries its anchor), or continues from the page before. */
	starts: boolean;
}

/** One page of a long index. */
export interface IndexPage<T> {
	/** The index's own route (its first page). */
	route: string;
	/** From 1. */
	page: number;
	pageCount: number;
	sections: IndexSection<T>[];
	/** Every group with its size and the page it starts on: the first page lists them, so that `<index>#<group>` always leads somewhere. */
	outline: { key: string; label: string; count: number; page: number }[];
}

/**
 * Cuts an index's groups into pages of at most `perPage` items, in order, and returns page `page`.
 * A group that does not fit goes on over the next page. A short index is one page, as before.
 */
export function indexPage<T>(route: string, groups: IndexGroup<T>[], page: number, perPage: number = itemsPerIndexPage): IndexPage<T> {
	const total = groups.reduce((count, group) => count + group.items.length, 0);
	const first = (page - 1) * perPage;
	const sections: IndexSection<T>[] = [];
	const outline: IndexPage<T>['outline'] = [];
	let offset = 0;
	for (const group of groups) {
		outline.push({ key: group.key, label: group.label, count: group.items.length, page: Math.floor(offset / perPage) + 1 });
		const from = Math.max(first, offset);
		const to = Math.min(first + perPage, offset + group.items.length);
		if (from < to) sections.push({ ...group, items: group.items.slice(from - offset, to - offset), starts: from === offset });
		offset += group.items.length;
	}
	return { route, page, pageCount: indexPageCount(total, perPage), sections, outline };
}

/**
 * The paths of an index's pages for `getStaticPaths` of its `[...page]` route: `page` is undefined
 * for the first page, `page/<n>` for the others; in a sharded build, only this shard's.
 */
export function indexPagePaths<P>(route: string, items: number, props: (page: number) => P, perPage: number = itemsPerIndexPage) {
	return Array.from({ length: indexPageCount(items, perPage) }, (_, index) => index + 1)
		.filter((page) => buildsRoute(indexPageRoute(route, page)))
		.map((page) => ({ params: { page: page === 1 ? undefined : `page/${page}` }, props: props(page) }));
}
