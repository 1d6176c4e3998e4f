import { z } from 'zod';
import { dbEnv, httpEnv, kafkaEnv, parseEnv, readSideEnv, type EnvSource } from '@crm/platform/config';

export const envSchema = z.object({ ...httpEnv('rewards-read'), ...dbEnv, ...kafkaEnv, ...readSideEnv });

export type RewardsReadConfig = z.infer<typeof envSchema>;

export function parseConfig(source: EnvSource): RewardsReadConfig {
  return parseEnv('rewards-read', envSchema, source);
}
