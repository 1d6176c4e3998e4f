// Test helpers for other workspaces' tests (`@crm/event-bus/testing`); never used by services.
export * from './bus-test-kit';
export * from './kafka-namespace';
export * from './test-broker';
export * from './stream-observer';
