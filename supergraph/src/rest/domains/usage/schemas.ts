import { z } from 'zod';
import { epoch, pagingResponse } from '../../kit/response-schemas';

const ref = z.strictObject({ id: z.string() });

/** One usage record (GET …/contacts/{id}/usage_records items). */
export const usageRecordResponse = z.strictObject({
  id: z.string(),
  usage_amount: z.number(),
  usage_timestamp: epoch,
  created_date: epoch,
  state: z.enum(['POSTED', 'REJECTED', 'CANCELLED']),
  billing_state: z.enum(['PENDING', 'COMPLETED']).describe('PENDING: billing is another domain, nothing is billed here yet'),
  billing_directive: z.enum(['TO_BE_BILLED', 'TO_BE_CREDITED', 'NOT_TO_BE_BILLED']),
  charged_amount: z.number().optional(),
  currency_code: z.string().length(3).optional(),
  measurement_unit: z.strictObject({ name: z.string() }).optional(),
  service: ref,
  usage_product: ref,
});
export const usageRecordPageResponse = z.strictObject({ paging: pagingResponse, content: z.array(usageRecordResponse) });

/** GET …/usage_records/metrics. */
export const usageMetricsResponse = z.strictObject({
  amount: z.number().describe('Total usage amount in the window'),
  product: ref.optional().describe('The usage product, when every record of the window is of one product'),
});

const remaining = z.strictObject({
  per_transaction: z.number().optional(),
  per_day: z.number().optional(),
  per_billing_cycle: z.number().optional(),
});

/** POST /estimates/allowance. */
export const allowanceEstimateResponse = z.strictObject({
  estimation_id: z.string().optional(),
  authorised_usage: z.array(
    z.strictObject({
      product: ref,
      usage: z.number().describe('Requested'),
      amount: z.number().describe('Authorised now'),
      measurement_unit: z.strictObject({ name: z.string() }).optional(),
      services: z.array(z.strictObject({ id: z.string(), classification: z.enum(['USAGE_SERVICE', 'TERMED_SERVICE']), product: ref })),
    }),
  ),
  services: z.array(
    z.strictObject({
      service: z.strictObject({ id: z.string(), classification: z.enum(['USAGE_SERVICE', 'TERMED_SERVICE']), product: ref }),
      authorise_consumption: z.boolean(),
      products_allowance: z.array(
        z.strictObject({
          item_id: z.string(),
          item_type: z.literal('PRODUCT'),
          measurement_unit: z.strictObject({ name: z.string() }).optional(),
          remaining_usage: remaining,
        }),
      ),
    }),
  ),
});
