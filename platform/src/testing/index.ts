export * from './env';
export * from './databases';
export * from './faults';
export * from './decider-kit';
