import { z } from 'zod';
import { dbEnv, httpEnv, kafkaEnv, parseEnv, readSideEnv, type EnvSource } from '@crm/platform/config';

export const envSchema = z.object({ ...httpEnv('billing-read'), ...dbEnv, ...kafkaEnv, ...readSideEnv });

export type BillingReadConfig = z.infer<typeof envSchema>;

export function parseConfig(source: EnvSource): BillingReadConfig {
  return parseEnv('billing-read', envSchema, source);
}
