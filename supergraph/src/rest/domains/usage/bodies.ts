import { z } from 'zod';

const text = (max: number) => z.string().min(1).max(max);
/** An amount: an exact decimal string ("12.5") or a JSON number (kept as its shortest decimal form). */
const amount = z
  .union([z.string().max(32), z.number().finite()])
  .describe('A decimal: a string keeps it exact (at most 6 decimals); a number is read as its shortest decimal form');

/** POST /backoffice/v2/usage_records: one usage detail record (mediation). */
export const postUsageBody = z.strictObject({
  service_id: z.string().min(1).max(64).describe('The EFFECTIVE service used (a UUID).'),
  usage_product_id: text(64),
  usage_amount: amount,
  usage_timestamp: z.int().min(0).max(253402300799).describe('Epoch seconds; not in the future, within the last 90 days'),
  measurement_unit: text(32).optional(),
  charged_amount: amount.optional(),
  currency_code: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  billing_directive: z.enum(['TO_BE_BILLED', 'NOT_TO_BE_BILLED', 'TO_BE_CREDITED']).optional(),
});

/** PUT /backoffice/v2/services/{id}/usage_allowance: the whole list. */
export const usageAllowanceBody = z.strictObject({
  allowances: z
    .array(
      z.strictObject({
        product_id: text(64),
        measurement_unit: text(32).optional(),
        per_transaction: amount.optional(),
        per_day: amount.optional(),
        per_billing_cycle: amount.optional(),
      }),
    )
    .max(50),
});

/** POST /self-service/v2/estimates/allowance (usage allowances; cash allowances and communities are not served). */
export const allowanceEstimateBody = z.strictObject({
  contact_id: z.string().min(1).max(64),
  service: z.strictObject({
    id: z.string().min(1).max(64),
    classification: z.enum([
      'TERMED_SERVICE',
      'USAGE_SERVICE',
      'ONE_TIME_SERVICE',
      'TRACEABLE_PHYSICAL_GOOD',
      'NON_TRACEABLE_PHYSICAL_GOOD',
      'EXPENSES_SERVICE',
    ]),
  }),
  usage: z
    .array(
      z.strictObject({
        product: z.strictObject({ id: z.string().min(1).max(64).nullable(), sku: z.string().max(64).nullable().optional() }),
        usage_amount: z.number().finite().min(0),
      }),
    )
    .max(50)
    .optional(),
  estimation_id: z.string().max(64).optional(),
  block_usage: z.boolean().optional(),
});
