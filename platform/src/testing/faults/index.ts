export * from './fault-proxy';
export * from './seeded-random';
export * from './process-killer';
export * from './history-checker';
