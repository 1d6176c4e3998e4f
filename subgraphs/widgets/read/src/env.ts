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
  parseEnv,
  readyCatchUpTimeoutMs,
  shutdownDelayMs,
  type EnvSource,
} from '@crm/platform/config';

export const envSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  WIDGETS_READ_PORT: envPort(4106),
  DATABASE_URL: envUrl(['postgres', 'postgresql']),
  DATA_DIR: z.string().default('.data'),
  DB_MIGRATE: envBool(true),
  KAFKA_BROKERS: envList(),
  KAFKA_NAMESPACE: kafkaNamespace,
  INTERNAL_AUTH_SECRET: internalAuthSecret,
  SHUTDOWN_DELAY_MS: shutdownDelayMs,
  LOG_LEVEL: logLevel,
  CONSISTENCY_WAIT_MS: envInt(3000, 0, 30_000),
  READY_CATCH_UP_TIMEOUT_MS: readyCatchUpTimeoutMs,
  ...observabilityEnv,
});

export type WidgetsReadConfig = z.infer<typeof envSchema>;

export function parseConfig(source: EnvSource): WidgetsReadConfig {
  return parseEnv('widgets-read', envSchema, source);
}

/** The one place this service reads the process environment. */
export function loadConfig(): WidgetsReadConfig {
  return loadEnvOrExit('widgets-read', envSchema, process.env);
}

/** For the migrate entry point: only what migrating needs. */
export function loadMigrateConfig(): Pick<WidgetsReadConfig, 'DATABASE_URL' | 'DATA_DIR' | 'LOG_LEVEL'> {
  return loadEnvOrExit('widgets-read-migrate', envSchema.pick({ DATABASE_URL: true, DATA_DIR: true, LOG_LEVEL: true }), process.env);
}
