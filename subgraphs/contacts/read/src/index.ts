export * from './env';
export * from './schema';
export * from './service';
export * from './projections/contact-view.projection';
