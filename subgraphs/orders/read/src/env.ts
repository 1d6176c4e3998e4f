import { z } from 'zod';
import { dbEnv, httpEnv, kafkaEnv, parseEnv, readSideEnv, type EnvSource } from '@crm/platform/config';

export const envSchema = z.object({ ...httpEnv('orders-read'), ...dbEnv, ...kafkaEnv, ...readSideEnv });

export type OrdersReadConfig = z.infer<typeof envSchema>;

export function parseConfig(source: EnvSource): OrdersReadConfig {
  return parseEnv('orders-read', envSchema, source);
}
