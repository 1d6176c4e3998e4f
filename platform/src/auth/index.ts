export * from './principal';
export * from './permissions';
export * from './service-credential';
