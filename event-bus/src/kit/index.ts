export * from './envelope-builder';
export * from './statement';
export * from './command-handler';
export * from './projector';
export * from './statement-read-model';
export * from './known-contacts';
