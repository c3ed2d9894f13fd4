/** The output formats of the reporters (`formatReport`). */
export const reportFormats = ['pretty', 'json', 'github', 'sarif'] as const;
export type ReportFormat = (typeof reportFormats)[number];
