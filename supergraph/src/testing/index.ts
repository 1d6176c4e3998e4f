export * from './test-platform';
export * from './eventually';
