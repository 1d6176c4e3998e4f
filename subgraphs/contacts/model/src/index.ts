export * from './enums';
export * from './contact.type';
export * from './snapshot';
export * from './address-rules';
export * from './community-relations';
