/**
 * How search ranks pages. Pagefind scores a page by its body text (BM25, headings weighing more)
 * and adds a boost for each metadata field the query's words appear in: the field's weight times
 * how much of the query it covers. Metadata never shows in result excerpts, so what describes a
 * page rather than telling its reader what to do (owner card, metadata list) is kept out of the
 * indexed body and, where a searcher looks for it, given as a field here instead.
 *
 * A runbook carries the fields an engineer in an incident types: its name, the alerts that page
 * for it, the symptoms people see and its service. They weigh more than a title, so a runbook whose
 * name, alert, symptom or service the query matches comes first; the practices, roles and
 * templates that mention the same words follow it, still in the results. Pagefind's result list
 * shows a page's metadata fields as tags; these are written for ranking, not for reading, so
 * src/site/styles/handbook.css hides them (the service is a search filter too).
 */

/** Metadata fields of runbook pages, with the weight of a match in each (a title weighs 5). */
export const runbookFields = {
	/** The title and the file name's words: "Roll back a failed deployment (rollback failed deployment)". */
	runbook: 10,
	alerts: 8,
	/** Symptoms are sentences: weighed least, so that a query naming a role or practice still finds it first. */
	symptoms: 2,
	service: 6,
} as const;

export type RunbookField = keyof typeof runbookFields;

/**
 * Pagefind's ranking for the site's search box, given to Starlight as `pagefind.ranking`:
 * Starlight's own defaults, plus the weights of the runbook fields.
 */
export const searchRanking = {
	// Starlight's defaults (Pagefind's own favour short pages more).
	pageLength: 0.1,
	termFrequency: 0.1,
	termSaturation: 2,
	termSimilarity: 9,
	metaWeights: { title: 5, ...runbookFields },
};

export interface RunbookSearchData {
	title: string;
	/** The runbook's id within its service: the file name, e.g. `rollback-failed-deployment`. */
	name: string;
	/** The service's name, e.g. `Payments API`. */
	service: string;
	alerts: readonly string[];
	symptoms: readonly string[];
}

/** The metadata fields of a runbook page. */
export function runbookSearchFields(runbook: RunbookSearchData): Record<RunbookField, string> {
	return {
		// The file name is the runbook's short name in links and chat ("the rollback runbook"),
		// and often one word where the title has two ("failover", "handover", "rollback").
		runbook: `${runbook.title} (${runbook.name.replaceAll('-', ' ')})`,
		// In lower case: Pagefind would split `PaymentsDbPrimaryDown` into its words, and every alert
		// of a service would then match a search for "payments" or "down".
		alerts: runbook.alerts.map((alert) => alert.toLowerCase()).join(' '),
		symptoms: runbook.symptoms.join('. '),
		// The name, not the id: Pagefind would index `incident-response` also as `incidentresponse`,
		// and a search for "incident" would then match the field twice over.
		service: runbook.service,
	};
}
