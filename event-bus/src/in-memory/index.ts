export * from './in-memory-bus';
