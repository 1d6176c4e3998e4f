import { z } from 'zod';
import { dbEnv, envBool, envInt, httpEnv, kafkaEnv, outboxEnv, parseEnv, type EnvSource } from '@crm/platform/config';

export const envSchema = z
  .object({
    ...httpEnv('integrations-write'),
    ...dbEnv,
    ...kafkaEnv,
    ...outboxEnv,
    /** Seals the webhook endpoints' signing secrets at rest. Keep it stable (`npm start` keeps one in DATA_DIR). */
    INTEGRATIONS_SECRET: z.string({ message: 'is required (at least 32 characters)' }).min(32, 'must be at least 32 characters'),
    /**
     * Lets tenants register loopback endpoints (127.0.0.0/8, ::1, localhost): local development and
     * tests only; refused with NODE_ENV=production. Private, link-local and metadata addresses are
     * refused in every mode.
     */
    WEBHOOKS_ALLOW_LOOPBACK: envBool(false),
    /** Run the delivery consumer and sender in this process (false: API only). */
    WEBHOOK_DELIVERY_ENABLED: envBool(true),
    /** Deadline of one delivery attempt (connect, send, answer). */
    WEBHOOK_TIMEOUT_MS: envInt(10_000, 100, 60_000),
    /** How often the sender looks for due retries (new events are sent at once). */
    WEBHOOK_POLL_MS: envInt(1000, 10, 60_000),
    /** Endpoints sent to at once by one process (each has its own lane). */
    WEBHOOK_MAX_ENDPOINTS: envInt(64, 1, 10_000),
    /** How long a rotated-out secret keeps signing beside the new one. */
    WEBHOOK_SECRET_OVERLAP_HOURS: envInt(24, 0, 24 * 30),
    /** Run the automations trigger (consumes the source topics) and action executor in this process (false: API only). */
    AUTOMATIONS_ENABLED: envBool(true),
    /** How often the action executor looks for due runs (new runs are started at once). */
    AUTOMATION_POLL_MS: envInt(1000, 10, 60_000),
    /** How long a claimed action run is this process's before another takes it over (it must outlast one action). */
    AUTOMATION_LEASE_MS: envInt(60_000, 1000, 3_600_000),
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  })
  .refine((c) => !(c.NODE_ENV === 'production' && c.WEBHOOKS_ALLOW_LOOPBACK), {
    message: 'must not be true when NODE_ENV=production',
    path: ['WEBHOOKS_ALLOW_LOOPBACK'],
  });

export type IntegrationsWriteConfig = z.infer<typeof envSchema>;

export function parseConfig(source: EnvSource): IntegrationsWriteConfig {
  return parseEnv('integrations-write', envSchema, source);
}
