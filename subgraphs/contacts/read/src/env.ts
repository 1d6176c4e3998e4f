import { z } from 'zod';
import { dbEnv, httpEnv, kafkaEnv, parseEnv, readSideEnv, redisEnv, type EnvSource } from '@crm/platform/config';

export const envSchema = z.object({ ...httpEnv('contacts-read'), ...dbEnv, ...kafkaEnv, ...redisEnv, ...readSideEnv });

export type ContactsReadConfig = z.infer<typeof envSchema>;

export function parseConfig(source: EnvSource): ContactsReadConfig {
  return parseEnv('contacts-read', envSchema, source);
}
