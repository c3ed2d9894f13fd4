/**
 * The handbook's own wording of Starlight's interface strings, in English: the entry of Starlight's
 * `i18n` collection (src/content.config.ts). Starlight reads that collection on every build; a
 * handbook that defines none gets Starlight's defaults and, since Astro 7, a warning that the
 * collection does not exist. Only the strings the handbook words differently are listed.
 */
export const uiStrings = {
	// An engineer mid-incident searches for alert names, symptoms and services: say so when nothing matches.
	'pagefind.zero_results': 'Nothing matches [SEARCH_TERM]. Try an alert name, a symptom, a service or a command.',
} as const;
