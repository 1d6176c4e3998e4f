export * from './env';
export * from './databases';
export * from './faults';
