export * from './data-source';
export * from './pglite-pool';
export * from './idempotency';
export * from './embedded-database';
export * from './service-database';
