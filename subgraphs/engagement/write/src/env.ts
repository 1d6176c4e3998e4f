import { z } from 'zod';
import { dbEnv, envBool, envInt, httpEnv, kafkaEnv, outboxEnv, parseEnv, type EnvSource } from '@crm/platform/config';

export const envSchema = z.object({
  ...httpEnv('engagement-write'),
  ...dbEnv,
  ...kafkaEnv,
  ...outboxEnv,
  /** The EMAIL channel's SMTP server, e.g. `smtp://user:pass@mail.example.com:587` (unset: emails are recorded FAILED, not sent). */
  SMTP_URL: z.string().url().optional(),
  /** The From address of communications' emails. */
  COMMS_SENDER: z.string().min(3).default('no-reply@crm.local'),
  /** The language a template falls back to when the contact's language has none. */
  COMMS_DEFAULT_LANGUAGE: z
    .string()
    .regex(/^[A-Z]{2,3}$/)
    .default('ENG'),
  /** The SMS channel's adapter: `log` (development: logged, counted delivered) or `none` (recorded FAILED). */
  SMS_ADAPTER: z.enum(['log', 'none']).default('log'),
  /** Run the communication delivery worker in this process (false: API only). */
  COMMS_DELIVERY_ENABLED: envBool(true),
  /** Attempts of one delivery before it is recorded FAILED. */
  COMMS_MAX_ATTEMPTS: envInt(5, 1, 50),
  /** Delay before the first retry; each later one doubles it. */
  COMMS_RETRY_BASE_MS: envInt(30_000, 10, 3_600_000),
  /** How often the worker looks for due deliveries (new ones are sent at once). */
  COMMS_POLL_MS: envInt(1000, 10, 60_000),
});

export type EngagementWriteConfig = z.infer<typeof envSchema>;

export function parseConfig(source: EnvSource): EngagementWriteConfig {
  return parseEnv('engagement-write', envSchema, source);
}
