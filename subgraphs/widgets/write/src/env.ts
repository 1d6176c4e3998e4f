import { z } from 'zod';
import { dbEnv, httpEnv, kafkaEnv, outboxEnv, parseEnv, type EnvSource } from '@crm/platform/config';

export const envSchema = z.object({ ...httpEnv('widgets-write'), ...dbEnv, ...kafkaEnv, ...outboxEnv });

export type WidgetsWriteConfig = z.infer<typeof envSchema>;

export function parseConfig(source: EnvSource): WidgetsWriteConfig {
  return parseEnv('widgets-write', envSchema, source);
}
