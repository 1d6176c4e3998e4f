import { z } from 'zod';
import { dbEnv, httpEnv, kafkaEnv, parseEnv, readSideEnv, redisEnv, type EnvSource } from '@crm/platform/config';

export const envSchema = z.object({ ...httpEnv('catalogue-read'), ...dbEnv, ...kafkaEnv, ...redisEnv, ...readSideEnv });

export type CatalogueReadConfig = z.infer<typeof envSchema>;

export function parseConfig(source: EnvSource): CatalogueReadConfig {
  return parseEnv('catalogue-read', envSchema, source);
}
