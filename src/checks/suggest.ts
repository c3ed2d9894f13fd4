import { distance } from 'fastest-levenshtein';

/**
 * The candidate a mistyped value most likely meant, if one is close enough to be a typo
 * (`ownr` -> `owner`, `incident-managment` -> `incident-management`), else `undefined`.
 */
export function closestMatch(value: string, candidates: Iterable<string>): string | undefined {
	const lower = value.toLowerCase();
	let best: string | undefined;
	let bestDistance = Number.POSITIVE_INFINITY;
	for (const candidate of candidates) {
		if (candidate === value) continue;
		const candidateDistance = candidate.toLowerCase() === lower ? 0 : distance(lower, candidate.toLowerCase());
		if (candidateDistance < bestDistance) [best, bestDistance] = [candidate, candidateDistance];
	}
	const allowed = Math.max(2, Math.floor(value.length / 3));
	return best !== undefined && bestDistance <= allowed ? best : undefined;
}
