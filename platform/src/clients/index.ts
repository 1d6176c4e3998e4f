export * from './gateway-client';
