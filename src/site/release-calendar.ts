import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { Entry } from '../checks/index.ts';
import { releaseStatusLabels } from '../schemas/readiness.ts';

/** The tiers whose releases the calendar feed carries: those stakeholders prepare for. */
export const calendarTiers: readonly string[] = ['gold', 'silver'];

interface CalendarOptions {
	/** Service titles by id. */
	serviceTitles: Map<string, string>;
	/** The absolute address of a route, when the site's address is known. */
	pageUrl: (route: string) => string | undefined;
	/** The check date, `YYYY-MM-DD`: the feed's time stamp, so two builds of a commit give the same file. */
	today: string;
}

/**
 * The release calendar (`/releases.ics`): one all-day event on the release date of each gold and
 * silver release record, with its service, tier, status, hypercare end and checklist completion.
 * Each event's UID is the record's id, so a calendar that subscribed updates the event when the
 * record changes, and a cancelled release shows as cancelled.
 */
export function releaseCalendar(records: readonly Entry[], options: CalendarOptions): string {
	const calendar = ical({
		name: 'Releases',
		description: 'Gold and silver releases from the handbook: awareness, not approval.',
		prodId: { company: 'Practice Handbook', product: 'release board', language: 'EN' },
		method: ICalCalendarMethod.PUBLISH,
	});
	const stamp = new Date(`${options.today}T00:00:00Z`);
	for (const record of records) {
		const release = record.release;
		if (!release || !calendarTiers.includes(release.tier)) continue;
		const service = options.serviceTitles.get(release.service) ?? release.service;
		const url = options.pageUrl(record.route);
		const description = [
			`${service}, ${release.tier} release: ${releaseStatusLabels[release.status]}.`,
			release.hypercareUntil ? `Hypercare until ${release.hypercareUntil}.` : undefined,
			release.checklist.total > 0 ? `Checklist: ${release.checklist.done} of ${release.checklist.total} ticked.` : undefined,
			url,
		]
			.filter(Boolean)
			.join('\n');
		calendar.createEvent({
			id: `readiness/${record.id}@practice-handbook`,
			start: new Date(`${release.releaseDate}T00:00:00Z`),
			allDay: true,
			stamp,
			summary: `${service}: ${record.title}`,
			description,
			url: url ?? null,
			status: release.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
		});
	}
	return calendar.toString();
}
