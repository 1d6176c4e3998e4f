export * from './constant-time';
export * from './passwords';
export * from './api-keys';
export * from './opaque-tokens';
export * from './otp';
export * from './encryption';
export * from './access-tokens';
export * from './rate-limit';
