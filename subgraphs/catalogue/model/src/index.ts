export * from './enums';
export * from './money';
export * from './pricing';
export * from './product';
export * from './product-group';
export * from './order-catalogue';
export * from './recommendation-rule';
