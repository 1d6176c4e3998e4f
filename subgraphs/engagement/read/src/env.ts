import { z } from 'zod';
import { dbEnv, httpEnv, kafkaEnv, parseEnv, readSideEnv, type EnvSource } from '@crm/platform/config';

export const envSchema = z.object({ ...httpEnv('engagement-read'), ...dbEnv, ...kafkaEnv, ...readSideEnv });

export type EngagementReadConfig = z.infer<typeof envSchema>;

export function parseConfig(source: EnvSource): EngagementReadConfig {
  return parseEnv('engagement-read', envSchema, source);
}
