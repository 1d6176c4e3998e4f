export * from './envelope';
export * from './ports';
export * from './delivery';
export * from './contracts';
export * from './in-memory/in-memory-bus';
export * from './kafka/kafka-bus';
export * from './outbox';
export * from './create-event-bus';
