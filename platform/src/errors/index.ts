export * from './app-error';
export * from './codes';
export * from './catalogue';
export * from './to-http-error';
export * from './to-graphql-error';
export * from './transient';
