export * from './cache';
export * from './memory-cache';
export * from './redis-cache';
export * from './read-through';
export * from './create-cache';
export * from './generational';
export * from './redis-client';
