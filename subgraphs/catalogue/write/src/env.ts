import { z } from 'zod';
import { dbEnv, httpEnv, kafkaEnv, outboxEnv, parseEnv, type EnvSource } from '@crm/platform/config';

export const envSchema = z.object({ ...httpEnv('catalogue-write'), ...dbEnv, ...kafkaEnv, ...outboxEnv });

export type CatalogueWriteConfig = z.infer<typeof envSchema>;

export function parseConfig(source: EnvSource): CatalogueWriteConfig {
  return parseEnv('catalogue-write', envSchema, source);
}
