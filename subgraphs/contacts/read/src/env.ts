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
  readyCatchUpTimeoutMs,
  logLevel,
  observabilityEnv,
  parseEnv,
  shutdownDelayMs,
  type EnvSource,
} from '@crm/platform/config';

export const envSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  CONTACTS_READ_PORT: envPort(4102),
  DATABASE_URL: envUrl(['postgres', 'postgresql']),
  /** A read replica for queries; the projector always writes to DATABASE_URL. */
  DATABASE_READ_URL: envUrl(['postgres', 'postgresql']),
  DATA_DIR: z.string().default('.data'),
  DB_MIGRATE: envBool(true),
  KAFKA_BROKERS: envList(),
  KAFKA_NAMESPACE: kafkaNamespace,
  REDIS_URL: envUrl(['redis', 'rediss']),
  INTERNAL_AUTH_SECRET: internalAuthSecret,
  CACHE_TTL_SECONDS: envInt(300, 1, 86_400),
  CONSISTENCY_WAIT_MS: envInt(3000, 0, 30_000),
  READY_CATCH_UP_TIMEOUT_MS: readyCatchUpTimeoutMs,
  SHUTDOWN_DELAY_MS: shutdownDelayMs,
  /** Run the GraphQL API in this process. */
  READ_API_ENABLED: envBool(true),
  /** Run the projector (Kafka consumer) in this process. */
  PROJECTOR_ENABLED: envBool(true),
  LOG_LEVEL: logLevel,
  ...observabilityEnv,
});

export type ContactsReadConfig = z.infer<typeof envSchema>;

export function parseConfig(source: EnvSource): ContactsReadConfig {
  return parseEnv('contacts-read', envSchema, source);
}

/** The one place this service reads the process environment. */
export function loadConfig(): ContactsReadConfig {
  return loadEnvOrExit('contacts-read', envSchema, process.env);
}

/** For the migrate entry point: only what migrating needs (no secrets, broker or cache). */
export function loadMigrateConfig(): Pick<ContactsReadConfig, 'DATABASE_URL' | 'DATA_DIR' | 'LOG_LEVEL'> {
  return loadEnvOrExit('contacts-read-migrate', envSchema.pick({ DATABASE_URL: true, DATA_DIR: true, LOG_LEVEL: true }), process.env);
}
