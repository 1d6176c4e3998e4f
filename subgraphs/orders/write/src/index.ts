export * from './env';
export * from './schema';
export * from './service';
