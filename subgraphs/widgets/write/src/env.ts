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
  shutdownDelayMs,
  type EnvSource,
} from '@crm/platform/config';

export const envSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  WIDGETS_WRITE_PORT: envPort(4105),
  DATABASE_URL: envUrl(['postgres', 'postgresql']),
  DATA_DIR: z.string().default('.data'),
  DB_MIGRATE: envBool(true),
  KAFKA_BROKERS: envList(),
  KAFKA_NAMESPACE: kafkaNamespace,
  INTERNAL_AUTH_SECRET: internalAuthSecret,
  SHUTDOWN_DELAY_MS: shutdownDelayMs,
  LOG_LEVEL: logLevel,
  OUTBOX_POLL_MS: envInt(100, 5, 60_000),
  ...observabilityEnv,
});

export type WidgetsWriteConfig = z.infer<typeof envSchema>;

export function parseConfig(source: EnvSource): WidgetsWriteConfig {
  return parseEnv('widgets-write', envSchema, source);
}

/** The one place this service reads the process environment. */
export function loadConfig(): WidgetsWriteConfig {
  return loadEnvOrExit('widgets-write', envSchema, process.env);
}

/** For the migrate entry point: only what migrating needs. */
export function loadMigrateConfig(): Pick<WidgetsWriteConfig, 'DATABASE_URL' | 'DATA_DIR' | 'LOG_LEVEL'> {
  return loadEnvOrExit('widgets-write-migrate', envSchema.pick({ DATABASE_URL: true, DATA_DIR: true, LOG_LEVEL: true }), process.env);
}
