import { z } from 'zod';
import { dbEnv, httpEnv, kafkaEnv, parseEnv, readSideEnv, type EnvSource } from '@crm/platform/config';

export const envSchema = z.object({ ...httpEnv('settings-read'), ...dbEnv, ...kafkaEnv, ...readSideEnv });

export type SettingsReadConfig = z.infer<typeof envSchema>;

export function parseConfig(source: EnvSource): SettingsReadConfig {
  return parseEnv('settings-read', envSchema, source);
}
