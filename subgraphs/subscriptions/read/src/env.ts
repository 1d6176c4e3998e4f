import { z } from 'zod';
import { dbEnv, httpEnv, kafkaEnv, parseEnv, readSideEnv, type EnvSource } from '@crm/platform/config';

export const envSchema = z.object({ ...httpEnv('subscriptions-read'), ...dbEnv, ...kafkaEnv, ...readSideEnv });

export type SubscriptionsReadConfig = z.infer<typeof envSchema>;

export function parseConfig(source: EnvSource): SubscriptionsReadConfig {
  return parseEnv('subscriptions-read', envSchema, source);
}
