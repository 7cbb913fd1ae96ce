export * from './audit-log';
export * from './auth';
export * from './events';
export * from './notifications';
export * from './organisations';
export * from './outbox';
export * from './rate-limits';
export * from './users';
