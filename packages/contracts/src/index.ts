export * from './auth';
export * from './errors';
export * from './health';
export * from './inside';
export * from './locale';
export * from './notifications';
