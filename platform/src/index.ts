import 'reflect-metadata';

export * from './config';
export * from './logging';
export * from './observability';
export * from './errors';
export * from './auth';
export * from './http';
export * from './cache';
