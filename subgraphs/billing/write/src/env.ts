import { z } from 'zod';
import { dbEnv, envInt, envUrl, httpEnv, kafkaEnv, outboxEnv, parseEnv, type EnvSource } from '@crm/platform/config';

export const envSchema = z
  .object({
    ...httpEnv('billing-write'),
    ...dbEnv,
    ...kafkaEnv,
    ...outboxEnv,
    /** The payment gateway: TEST (built in: accepts Stripe's test tokens tok_visa / tok_mastercard, declines tok_chargeDeclined) or STRIPE. */
    BILLING_GATEWAY: z.enum(['TEST', 'STRIPE']).default('TEST'),
    /** How long a charge's answer is waited for before the charge is looked up instead (never sent again). */
    BILLING_GATEWAY_TIMEOUT_MS: envInt(10_000, 50, 120_000),
    /** Stripe's secret key (`sk_…`), needed with BILLING_GATEWAY=STRIPE. */
    STRIPE_SECRET_KEY: z.string().min(1).optional(),
    /** Where Stripe's API is (tests point it at a local server). */
    STRIPE_API_BASE: envUrl(['https', 'http']).transform((v) => v ?? 'https://api.stripe.com'),
    /** Signing secret of the Stripe webhook endpoint (`whsec_…`). */
    STRIPE_WEBHOOK_SECRET: z.string().min(1).optional(),
    /** Tax rate in percent on invoice lines (TAX_INCLUSIVE prices hold it, TAX_EXCLUSIVE ones get it added). */
    BILLING_TAX_RATE: z
      .string()
      .regex(/^\d{1,3}(\.\d{1,4})?$/)
      .default('0'),
    /** Days from an invoice's issue to its due date. */
    BILLING_DUE_DAYS: envInt(14, 0, 365),
    /** Start one billing run per tenant and day by itself. */
    BILLING_SCHEDULE_DAILY: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),
    /** How often billing-write resumes abandoned runs, retries postings and checks the daily schedule (0 = only on demand). */
    BILLING_RUN_POLL_MS: envInt(30_000, 0, 3_600_000),
    /** How long a process's claim on a billing run lasts without progress before another resumes it. */
    BILLING_RUN_LEASE_MS: envInt(30_000, 500, 600_000),
  })
  .refine((c) => c.BILLING_GATEWAY !== 'STRIPE' || !!c.STRIPE_SECRET_KEY, {
    message: 'is required when BILLING_GATEWAY=STRIPE',
    path: ['STRIPE_SECRET_KEY'],
  });

export type BillingWriteConfig = z.infer<typeof envSchema>;

export function parseConfig(source: EnvSource): BillingWriteConfig {
  return parseEnv('billing-write', envSchema, source);
}
