import { z } from 'zod';
import { envList, envUrl, logLevel, parseEnv } from '@crm/platform/config';

export const envSchema = z.object({
  DATABASE_URL: envUrl(['postgres', 'postgresql']).refine((v) => v !== undefined, 'is required: rebuilds swap schemas in PostgreSQL'),
  KAFKA_BROKERS: envList().refine(
    (v) => v.length > 0,
    'is required: read models are rebuilt from the Kafka topics (on the in-process bus, npm start rebuilds them from the outbox)',
  ),
  LOG_LEVEL: logLevel,
});

export type RebuildConfig = z.infer<typeof envSchema>;

/** The one place the rebuild command reads the process environment (throws ConfigError). */
export function loadRebuildConfig(): RebuildConfig {
  return parseEnv('rebuild', envSchema, process.env);
}

/** The one place the import command reads the process environment: where the demo credentials are. */
export function importDataDir(): string {
  return process.env['DATA_DIR'] ?? '.data';
}
