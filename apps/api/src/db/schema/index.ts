export * from './auth';
export * from './organisations';
export * from './outbox';
export * from './rate-limits';
export * from './users';
