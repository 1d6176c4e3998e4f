import { z } from 'zod';
import { dbEnv, envInt, httpEnv, kafkaEnv, outboxEnv, parseEnv, type EnvSource } from '@crm/platform/config';

export const envSchema = z.object({
  ...httpEnv('subscriptions-write'),
  ...dbEnv,
  ...kafkaEnv,
  ...outboxEnv,
  /** How often the action scheduler looks for due actions (0 = no scheduler in this process). */
  SUBSCRIPTION_SCHEDULER_POLL_MS: envInt(500, 0, 60_000),
  /** How long a claimed action stays with its claimer before another scheduler may take it over. */
  SUBSCRIPTION_SCHEDULER_LEASE_MS: envInt(30_000, 100, 600_000),
});

export type SubscriptionsWriteConfig = z.infer<typeof envSchema>;

export function parseConfig(source: EnvSource): SubscriptionsWriteConfig {
  return parseEnv('subscriptions-write', envSchema, source);
}
