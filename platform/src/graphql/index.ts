export * from './federated-schema';
export * from './context';
export * from './http-handler';
export * from './auth-checker';
export * from './subgraph-server';
export * from './pagination';
export * from './user-error';
