export * from './principal';
export * from './permissions';
