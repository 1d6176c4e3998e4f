import type { EnvSource } from './load-env';

/** The process environment, for the kit's entry points (runService, runMigrations): the one place the kit reads it. */
export const processEnv = (): EnvSource => process.env;
