export * from './audit-log';
export * from './auth';
export * from './inside';
export * from './notifications';
export * from './organisations';
export * from './outbox';
export * from './rate-limits';
export * from './users';
