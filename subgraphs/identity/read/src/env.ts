import { z } from 'zod';
import {
  envBool,
  envInt,
  envList,
  envPort,
  envUrl,
  internalAuthSecret,
  kafkaNamespace,
  loadEnvOrExit,
  logLevel,
  observabilityEnv,
  readyCatchUpTimeoutMs,
  parseEnv,
  shutdownDelayMs,
  type EnvSource,
} from '@crm/platform/config';

export const envSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  IDENTITY_READ_PORT: envPort(4104),
  DATABASE_URL: envUrl(['postgres', 'postgresql']),
  DATA_DIR: z.string().default('.data'),
  DB_MIGRATE: envBool(true),
  KAFKA_BROKERS: envList(),
  KAFKA_NAMESPACE: kafkaNamespace,
  INTERNAL_AUTH_SECRET: internalAuthSecret,
  CONSISTENCY_WAIT_MS: envInt(3000, 0, 30_000),
  READY_CATCH_UP_TIMEOUT_MS: readyCatchUpTimeoutMs,
  SHUTDOWN_DELAY_MS: shutdownDelayMs,
  LOG_LEVEL: logLevel,
  ...observabilityEnv,
});

export type IdentityReadConfig = z.infer<typeof envSchema>;

export function parseConfig(source: EnvSource): IdentityReadConfig {
  return parseEnv('identity-read', envSchema, source);
}

/** The one place this service reads the process environment. */
export function loadConfig(): IdentityReadConfig {
  return loadEnvOrExit('identity-read', envSchema, process.env);
}

/** For the migrate entry point: only what migrating needs. */
export function loadMigrateConfig(): Pick<IdentityReadConfig, 'DATABASE_URL' | 'DATA_DIR' | 'LOG_LEVEL'> {
  return loadEnvOrExit('identity-read-migrate', envSchema.pick({ DATABASE_URL: true, DATA_DIR: true, LOG_LEVEL: true }), process.env);
}
