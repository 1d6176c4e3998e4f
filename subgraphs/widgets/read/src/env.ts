import { z } from 'zod';
import { dbEnv, httpEnv, kafkaEnv, parseEnv, readSideEnv, type EnvSource } from '@crm/platform/config';

export const envSchema = z.object({ ...httpEnv('widgets-read'), ...dbEnv, ...kafkaEnv, ...readSideEnv });

export type WidgetsReadConfig = z.infer<typeof envSchema>;

export function parseConfig(source: EnvSource): WidgetsReadConfig {
  return parseEnv('widgets-read', envSchema, source);
}
