/** How the site writes the numbers and dates of the facts it shows. */

/** A percentage as people write it: `99.95%`, `99%`. */
export function percent(value: number): string {
	return `${Number(value.toFixed(3))}%`;
}

/** A count with thousands separators: `10,000`. */
export function count(value: number): string {
	return value.toLocaleString('en-GB');
}

/** Minutes, one decimal, as a budget reads: `40.3 minutes`. */
export function minutes(value: number): string {
	return `${value.toLocaleString('en-GB', { maximumFractionDigits: 1 })} ${value === 1 ? 'minute' : 'minutes'}`;
}

/** A checklist's completion: `12 of 30 (40%)`, or `no checklist`. */
export function completion({ done, total }: { done: number; total: number }): string {
	return total === 0 ? 'no checklist' : `${done} of ${total} (${Math.round((done / total) * 100)}%)`;
}
