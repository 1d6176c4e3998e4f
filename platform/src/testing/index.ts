export * from './env';
export * from './databases';
