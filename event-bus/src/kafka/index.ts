export * from './kafka-bus';
export * from './dlq-replay';
