export * from './auth';
export * from './errors';
export * from './events';
export * from './health';
export * from './locale';
export * from './notifications';
export * from './stream-links';
