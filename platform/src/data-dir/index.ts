export * from './lock';
export * from './secrets';
export * from './embedded-initdb';
