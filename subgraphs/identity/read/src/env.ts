import { z } from 'zod';
import { dbEnv, httpEnv, kafkaEnv, parseEnv, readSideEnv, redisEnv, type EnvSource } from '@crm/platform/config';

export const envSchema = z.object({ ...httpEnv('identity-read'), ...dbEnv, ...kafkaEnv, ...redisEnv, ...readSideEnv });

export type IdentityReadConfig = z.infer<typeof envSchema>;

export function parseConfig(source: EnvSource): IdentityReadConfig {
  return parseEnv('identity-read', envSchema, source);
}
