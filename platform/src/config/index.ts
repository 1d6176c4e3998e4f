export * from './load-env';
export * from './fields';
export * from './groups';
export * from './env';
