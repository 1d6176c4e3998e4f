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
  CONTACTS_WRITE_PORT: envPort(4101),
  DATABASE_URL: envUrl(['postgres', 'postgresql']),
  DATA_DIR: z.string().default('.data'),
  DB_MIGRATE: envBool(true),
  KAFKA_BROKERS: envList(),
  KAFKA_NAMESPACE: kafkaNamespace,
  INTERNAL_AUTH_SECRET: internalAuthSecret,
  OUTBOX_POLL_MS: envInt(100, 5, 60_000),
  SHUTDOWN_DELAY_MS: shutdownDelayMs,
  /** Runs the contact-registration process manager (identity events → contacts) in this process. */
  REGISTRATION_CONSUMER_ENABLED: envBool(true),
  LOG_LEVEL: logLevel,
  ...observabilityEnv,
});

export type ContactsWriteConfig = z.infer<typeof envSchema>;

export function parseConfig(source: EnvSource): ContactsWriteConfig {
  return parseEnv('contacts-write', envSchema, source);
}

/** The one place this service reads the process environment. */
export function loadConfig(): ContactsWriteConfig {
  return loadEnvOrExit('contacts-write', envSchema, process.env);
}

/** For the migrate entry point: only what migrating needs (no secrets, broker or cache). */
export function loadMigrateConfig(): Pick<ContactsWriteConfig, 'DATABASE_URL' | 'DATA_DIR' | 'LOG_LEVEL'> {
  return loadEnvOrExit('contacts-write-migrate', envSchema.pick({ DATABASE_URL: true, DATA_DIR: true, LOG_LEVEL: true }), process.env);
}
