export * from './load-env';
export * from './fields';
