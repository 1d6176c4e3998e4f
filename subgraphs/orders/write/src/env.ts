import { z } from 'zod';
import { dbEnv, httpEnv, kafkaEnv, outboxEnv, parseEnv, type EnvSource } from '@crm/platform/config';

export const envSchema = z.object({
  ...httpEnv('orders-write'),
  ...dbEnv,
  ...kafkaEnv,
  ...outboxEnv,
  /** How long an order estimate, and the wallet funds reserved for it, hold (seconds). */
  ORDER_ESTIMATE_TTL_SECONDS: z.coerce.number().int().min(5).max(86_400).default(900),
});

export type OrdersWriteConfig = z.infer<typeof envSchema>;

export function parseConfig(source: EnvSource): OrdersWriteConfig {
  return parseEnv('orders-write', envSchema, source);
}
