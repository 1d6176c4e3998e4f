export * from './app-error';
export * from './to-http-error';
export * from './to-graphql-error';
export * from './transient';
