export * from './common.ts';
export * from './practices.ts';
export * from './roles.ts';
export * from './runbooks.ts';
export * from './readiness.ts';
export * from './teams.ts';
export * from './docs.ts';
