import { z } from 'zod';
import { dbEnv, httpEnv, kafkaEnv, outboxEnv, parseEnv, type EnvSource } from '@crm/platform/config';

export const envSchema = z.object({
  ...httpEnv('rewards-write'),
  ...dbEnv,
  ...kafkaEnv,
  ...outboxEnv,
  /** How often pending purchase steps (awards, reversals, clawbacks) are retried; 0 turns the poll off. */
  REWARDS_STEP_POLL_MS: z.coerce.number().int().min(0).default(2000),
  /** How often referral awards and donations are made and posted (retries, donations per purchase, monthly ones); 0 turns the poll off. */
  REWARDS_GIVING_POLL_MS: z.coerce.number().int().min(0).default(1000),
  /** How long a contact token (6 digits, for the till) stays usable. */
  REWARDS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(300),
  /** Currency of purchases that name none. */
  REWARDS_DEFAULT_CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .default('EUR'),
});

export type RewardsWriteConfig = z.infer<typeof envSchema>;

export function parseConfig(source: EnvSource): RewardsWriteConfig {
  return parseEnv('rewards-write', envSchema, source);
}
