/*
 * The handbook's service worker (a classic script, built into `sw.js` by src/site/offline.ts with
 * Workbox's injectManifest). On the first visit it saves the offline copy: every runbook, the
 * pages the runbooks link to (contacts, severity, practices), the home page and the search index.
 * Online, every request goes to the network first, so readers always get the current page, and
 * what they open is kept too. When the network, the VPN or the handbook's host fails, the saved
 * copy is served instead, marked so that the page says it is an offline copy and of when.
 * A new build changes this file (its manifest lists every file's revision): the browser then
 * installs it on the next online visit, and the copy is brought up to date.
 */
/* global workbox, importScripts */
importScripts('offline/workbox-sw.js');
workbox.setConfig({ modulePathPrefix: new URL('offline/', self.location.href).href, debug: false });

const { precache, matchPrecache, cleanupOutdatedCaches } = workbox.precaching;
const { registerRoute } = workbox.routing;
const { NetworkFirst } = workbox.strategies;

self.skipWaiting();
workbox.core.clientsClaim();
precache(self.__WB_MANIFEST);
cleanupOutdatedCaches();

/** The page served for an address that is neither online nor in the copy (src/pages/404.astro). */
const fallbackPage = new URL('404.html', self.location.href).href;
/** Marks a page as served from the copy; the page shows the note (components/OfflineCopy.astro). */
const copyMeta = 'handbook-offline-copy';

/** The saved copy of a request: the exact URL, else the same page without its query (`?ts=` of Pagefind, `?role=` of the RACI matrix). */
async function savedCopy(url) {
	const exact = await matchPrecache(url);
	if (exact) return exact;
	const plain = new URL(url);
	plain.search = '';
	return matchPrecache(plain.href);
}

/** A page from the copy, with the date it was saved in a meta element the page reads. */
async function markedAsCopy(response, missing) {
	if (!response || !(response.headers.get('content-type') ?? '').includes('text/html')) return response;
	const saved = response.headers.get('date') ?? '';
	const meta = `<meta name="${copyMeta}" content="${saved.replace(/[^\w ,:+-]/g, '')}"${missing ? ' data-missing' : ''}>`;
	const html = (await response.text()).replace(/<head>/i, `<head>${meta}`);
	const headers = new Headers(response.headers);
	headers.delete('content-length');
	return new Response(html, { status: missing ? 404 : response.status, statusText: response.statusText, headers });
}

const servedFromCopy = {
	// A page kept from an earlier online visit.
	cachedResponseWillBeUsed: async ({ request, cachedResponse }) => (request.mode === 'navigate' ? markedAsCopy(cachedResponse, false) : cachedResponse),
	// Neither the network nor the pages kept: the saved copy, else for a page the fallback page.
	handlerDidError: async ({ request }) => {
		const copy = await savedCopy(request.url);
		if (request.mode !== 'navigate') return copy;
		if (copy) return markedAsCopy(copy, false);
		return markedAsCopy(await matchPrecache(fallbackPage), true);
	},
};

const scope = new URL(self.registration.scope);
registerRoute(
	({ url, request }) => request.method === 'GET' && url.origin === scope.origin && url.pathname.startsWith(scope.pathname),
	// A host that hangs (a VPN half up) counts as down after a few seconds.
	new NetworkFirst({ cacheName: 'handbook-visited', networkTimeoutSeconds: 4, plugins: [servedFromCopy] }),
);
