import { describe, expect, it } from 'vitest';
import { contentPathToRoute, entryIdFromPath } from '../../src/core/routes.ts';

describe('entryIdFromPath', () => {
	it.each([
		['incident-management.md', 'incident-management'],
		['payments-api/database-failover.md', 'payments-api/database-failover'],
		['Runbook With Spaces.md', 'Runbook-With-Spaces'],
		['alerts/RouterErrorRatioTooHigh.md', 'alerts/RouterErrorRatioTooHigh'],
		['rotating-rds.credentials.md', 'rotating-rds.credentials'],
		['manual/on-call.html.md', 'manual/on-call'],
		['Who is on call? (rota).md', 'Who-is-on-call-rota'],
		['équipe/résumé.md', 'équipe/résumé'],
		['Ops/README.md', 'Ops'],
		['Index.md', 'index'],
		['index.md', 'index'],
		['README.md', 'index'],
		['operations/index.md', 'operations'],
		['operations/README.md', 'operations'],
		['guide.mdx', 'guide'],
	])('%s -> %s', (path, id) => {
		expect(entryIdFromPath(path)).toBe(id);
	});
});

describe('contentPathToRoute', () => {
	it.each([
		['practices/incident-management.md', '/practices/incident-management/'],
		['runbooks/payments-api/database-failover.md', '/runbooks/payments-api/database-failover/'],
		['roles/process-owner.md', '/roles/process-owner/'],
		['readiness/service-readiness-gold.md', '/readiness/service-readiness-gold/'],
		['guides/index.md', '/'],
		['guides/getting-started.md', '/getting-started/'],
		['guides/operations/index.md', '/operations/'],
		['teams.yaml', undefined],
		['practices/_draft.md', undefined],
		['elsewhere/page.md', undefined],
	])('%s -> %s', (path, route) => {
		expect(contentPathToRoute(path)).toBe(route);
	});
});
