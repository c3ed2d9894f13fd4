import type { APIRoute } from 'astro';
import { getCheckResult } from '../site/check-result.ts';
import { releaseCalendar } from '../site/release-calendar.ts';
import { getSiteData } from '../site/site-data.ts';
import { siteHref } from '../site/urls.ts';

/** `/releases.ics`: the release board's gold and silver releases as a calendar to subscribe to. */
export const GET: APIRoute = async ({ site }) => {
	const [data, { graph, today }] = await Promise.all([getSiteData(), getCheckResult()]);
	const records = graph.entries.filter((entry) => entry.release !== undefined);
	const serviceTitles = new Map(data.entries.services.map((service) => [service.id, service.data.title]));
	const body = releaseCalendar(records, { serviceTitles, today, pageUrl: (route) => (site ? new URL(siteHref(route), site).href : undefined) });
	return new Response(body, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
};
