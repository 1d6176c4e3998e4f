export * from './body';
export * from './service';
