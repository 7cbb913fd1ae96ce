export * from './auth';
export * from './dossiers';
export * from './errors';
export * from './health';
export * from './locale';
export * from './messages';
export * from './notifications';
