export * from './lock';
export * from './secrets';
