/**
 * The options of the commands that check the handbook (`check`, `report`): which handbook, on
 * which date, with or without the cache. Each command adds its own `--format`.
 */
export const handbookRunOptions = {
	today: { type: 'string' },
	root: { type: 'string' },
	'no-cache': { type: 'boolean', default: false },
	help: { type: 'boolean', short: 'h', default: false },
} as const;
