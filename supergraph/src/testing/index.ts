export * from './test-platform';
export * from './eventually';
export * from './custom-fields';
