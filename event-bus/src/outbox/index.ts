export * from './outbox-migration';
export * from './outbox-writer';
export * from './outbox-relay';
