export * from './fault-proxy';
export * from './seeded-random';
export * from './process-killer';
export * from './history-checker';
export * from './ready-balancer';
export * from './open-loop';
export * from './service-process';
