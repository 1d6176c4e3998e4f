import { z } from 'zod';
import { dbEnv, httpEnv, kafkaEnv, outboxEnv, parseEnv, type EnvSource } from '@crm/platform/config';

export const envSchema = z.object({ ...httpEnv('orders-write'), ...dbEnv, ...kafkaEnv, ...outboxEnv });

export type OrdersWriteConfig = z.infer<typeof envSchema>;

export function parseConfig(source: EnvSource): OrdersWriteConfig {
  return parseEnv('orders-write', envSchema, source);
}
