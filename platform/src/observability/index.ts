export * from './metrics';
export * from './tracing';
export * from './graphql-metrics';
