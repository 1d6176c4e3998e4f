import { z } from 'zod';
import { dbEnv, httpEnv, kafkaEnv, outboxEnv, parseEnv, type EnvSource } from '@crm/platform/config';

export const envSchema = z.object({ ...httpEnv('engagement-write'), ...dbEnv, ...kafkaEnv, ...outboxEnv });

export type EngagementWriteConfig = z.infer<typeof envSchema>;

export function parseConfig(source: EnvSource): EngagementWriteConfig {
  return parseEnv('engagement-write', envSchema, source);
}
