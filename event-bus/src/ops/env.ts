import { z } from 'zod';
import { envList, logLevel, parseEnv } from '@crm/platform/config';

export const envSchema = z.object({
  KAFKA_BROKERS: envList().refine((v) => v.length > 0, 'is required: the DLQ lives on Kafka (the in-process bus keeps no DLQ across processes)'),
  LOG_LEVEL: logLevel,
});

export type OpsConfig = z.infer<typeof envSchema>;

/** The one place the ops CLIs of the event bus read the process environment (throws ConfigError). */
export function loadOpsConfig(): OpsConfig {
  return parseEnv('dlq', envSchema, process.env);
}
