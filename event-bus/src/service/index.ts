export * from './deps';
export * from './run-service';
export * from './write-side';
export * from './read-side';
