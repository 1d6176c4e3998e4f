import { z } from 'zod';
import { epoch, pagingResponse } from '../../kit/response-schemas';

const ref = z.strictObject({ id: z.string() });
const planCommon = {
  id: z.string(),
  state: z.enum(['ACTIVE', 'INACTIVE']),
  name: z.string(),
  description: z.string().optional(),
  classification: z.enum(['GIFT', 'TOPUP', 'PROMOTION']),
  promotion_passes: z.strictObject({ promotion_id: z.string(), reward_offer_id: z.string() }).optional(),
  validity: z.strictObject({
    type: z.enum(['PERIOD', 'DATE', 'ALWAYS']),
    period: z.int().optional(),
    uot: z.enum(['DAYS', 'MONTHS', 'YEARS']).optional(),
    fixed_date: epoch.optional(),
  }),
  value: z.strictObject({
    type: z.enum(['FIXED', 'VARIABLE']),
    fixed_amount: z.number().optional(),
    minimum: z.number().optional(),
    maximum: z.number().optional(),
    currency_code: z.string(),
  }),
  code_format: z.strictObject({
    type: z.enum(['ALPHANUMERIC', 'ALPHABETIC', 'NUMERIC']),
    prefix: z.string().optional(),
    suffix: z.string().optional(),
    length: z.int(),
    pin_required: z.boolean(),
  }),
  credit_wallet_balance: z.enum(['OPEN', 'COMMERCE']),
  commerce_pool: ref.optional(),
  passes_generated: z.int(),
  currency_code: z.string(),
};
export const selfServicePassPlanResponse = z.strictObject(planCommon);
export const selfServicePassPlanListResponse = z.strictObject({ paging: pagingResponse, content: z.array(selfServicePassPlanResponse) });

export const backOfficePassPlanResponse = z.strictObject({
  ...planCommon,
  value_options: z.strictObject({ fixed_values: z.array(z.number()).optional(), min: z.number().optional(), max: z.number().optional() }),
  promotion_id: z.string().optional(),
  reward_offer_id: z.string().optional(),
  created_date: epoch,
  updated_date: epoch,
});
export const backOfficePassPlanListResponse = z.strictObject({ paging: pagingResponse, content: z.array(backOfficePassPlanResponse) });

export const passResponse = z.strictObject({
  id: z.string(),
  pass_plan: ref,
  batch_id: z.string(),
  classification: z.enum(['GIFT', 'TOPUP', 'PROMOTION']),
  state: z.enum(['ACTIVE', 'REDEEMED', 'CANCELLED']),
  value: z.number(),
  currency_code: z.string(),
  code_hint: z.string().describe('The last 4 characters of the code (the code itself is answered once, at issue).'),
  pin_required: z.boolean(),
  expiration_date: epoch.optional(),
  credit_wallet_balance: z.enum(['OPEN', 'COMMERCE']),
  commerce_pool: ref.optional(),
  recipient: z.strictObject({ name: z.string().optional(), medium_type: z.string().optional(), medium_value: z.string().optional() }).optional(),
  gift_sender: z.strictObject({ name: z.string().optional(), message: z.string().optional() }).optional(),
  redemption: z
    .strictObject({ contact: ref.optional(), date: epoch, organisation: ref.optional(), transaction_id: z.string().optional() })
    .optional(),
  created_date: epoch,
  updated_date: epoch,
});
export const passListResponse = z.strictObject({ paging: pagingResponse, content: z.array(passResponse) });

const issued = z.strictObject({
  id: z.string(),
  code: z.string().describe('Answered here only; kept hashed.'),
  pin: z.string().optional().describe('Answered here only; kept hashed.'),
  view_token: z.string().optional().describe('PROMOTION passes: the token of GET /self-service/v2/passes/view_promo_pass.'),
  value: z.number(),
  currency_code: z.string(),
  expiration_date: epoch.optional(),
});
export const issuedPassResponse = issued;
export const passBatchResponse = z.strictObject({ batch_id: z.string(), passes: z.array(issued) });
export const redeemPassResponse = z.strictObject({ id: z.string() });
export const backOfficeRedeemPassResponse = z.strictObject({
  id: z.string(),
  value: z.number(),
  currency_code: z.string(),
  transaction_id: z.string().optional(),
});

export const promoPassViewResponse = z.strictObject({
  id: z.string(),
  state: z.enum(['ACTIVE', 'REDEEMED', 'CANCELLED']),
  classification: z.enum(['GIFT', 'TOPUP', 'PROMOTION']),
  value: z.number(),
  currency_code: z.string(),
  code_hint: z.string(),
  expiration_date: epoch.optional(),
  pass_plan: ref,
});

const availability = z.strictObject({ from_date: epoch.optional(), to_date: epoch.optional() });
export const selfServicePromotionListItem = z.strictObject({
  id: z.string(),
  name: z.string(),
  state: z.enum(['ACTIVE', 'INACTIVE']),
  short_description: z.string().optional(),
  long_description: z.string().optional(),
  availability: availability.optional(),
  currency_code: z.string(),
  tags: z.array(z.strictObject({ name: z.string() })),
});
export const selfServicePromotionListResponse = z.strictObject({ paging: pagingResponse, content: z.array(selfServicePromotionListItem) });
export const selfServicePromotionResponse = z.strictObject({
  id: z.string(),
  name: z.string(),
  state: z.enum(['ACTIVE', 'INACTIVE']),
  short_description: z.string().optional(),
  long_description: z.string().optional(),
  availability: availability.optional(),
  targets: z.strictObject({ organisations: z.array(ref) }).optional(),
});
export const backOfficePromotionResponse = z.strictObject({
  id: z.string(),
  name: z.string(),
  state: z.enum(['ACTIVE', 'INACTIVE']),
  short_description: z.string().optional(),
  long_description: z.string().optional(),
  currency_code: z.string(),
  availability,
  tags: z.array(z.string()),
  organisations: z.array(z.string()),
  reward_offer_id: z.string().optional(),
  created_date: epoch,
  updated_date: epoch,
});
export const backOfficePromotionListResponse = z.strictObject({ paging: pagingResponse, content: z.array(backOfficePromotionResponse) });
