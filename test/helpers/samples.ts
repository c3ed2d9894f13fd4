/** Valid frontmatter of a practice and a runbook, for tests to break one field at a time. */
export const samplePractice = {
	title: 'Incident management',
	category: 'service',
	summary: 'Restore service.',
	owner: 'service-operations',
	processOwner: { name: 'Kofi Mensah', team: 'service-operations' },
	processManager: { name: 'Lena Hartmann', team: 'service-operations' },
	lastReviewed: '2026-11-01',
};

export const sampleRunbook = {
	title: 'Fail over',
	summary: 'Promote the replica.',
	service: 'payments-api',
	owner: 'payments-team',
	alerts: ['DbDown'],
	practice: 'service-continuity-management',
	escalation: [{ team: 'platform-sre', when: 'after 15 minutes' }],
	lastReviewed: '2026-11-01',
};
