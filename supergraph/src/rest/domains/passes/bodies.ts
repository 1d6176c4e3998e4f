import { z } from 'zod';
import { guid } from '../../kit/body';
import { amount } from '../rewards/bodies';

const text = (max: number) => z.string().max(max);
const LIFE_CYCLE = z.enum(['ACTIVE', 'INACTIVE']);
const epochSeconds = z.int().min(0).max(32_503_680_000).describe('Epoch seconds');

export const passPlanBody = z.strictObject({
  name: text(200),
  description: text(2000).optional(),
  state: LIFE_CYCLE.optional(),
  type: z.enum(['GIFT', 'TOPUP', 'PROMOTION']).describe('The classification of the plan’s passes.'),
  currency_code: z
    .string()
    .regex(/^[A-Z]{3}$/, { error: 'must be an ISO-4217 code' })
    .optional(),
  value_options: z.strictObject({
    fixed_values: z.array(amount).max(20).optional(),
    min: amount.optional(),
    max: amount.optional(),
  }),
  validity: z
    .strictObject({
      type: z.enum(['PERIOD', 'DATE', 'ALWAYS']),
      period: z.int().min(1).max(3650).optional(),
      uot: z.enum(['DAYS', 'MONTHS', 'YEARS']).optional(),
      fixed_date: epochSeconds.optional(),
    })
    .optional(),
  pin_required: z.boolean().optional(),
  code_format: z
    .strictObject({
      type: z.enum(['ALPHANUMERIC', 'ALPHABETIC', 'NUMERIC']).optional(),
      prefix: text(8).optional(),
      suffix: text(8).optional(),
      length: z.int().min(7).max(16).optional(),
    })
    .optional(),
  credit_wallet_balance: z.enum(['OPEN', 'COMMERCE']).optional(),
  commerce_pool_id: text(64).optional(),
  promotion_id: guid.optional(),
  reward_offer_id: guid.optional(),
});
export type PassPlanBody = z.output<typeof passPlanBody>;

const recipient = z.strictObject({
  name: text(200).optional(),
  medium_type: z.enum(['EMAIL', 'SMS', 'PRINT']).optional(),
  medium_value: text(320).optional(),
});

export const createPassBody = z.strictObject({
  pass_plan_id: guid,
  pass_value: amount.optional(),
  recipient: recipient.optional(),
  gift_sender: z.strictObject({ name: text(200).optional(), message: text(2000).optional() }).optional(),
});

export const passBatchBody = z.strictObject({
  number_of_passes: z.int().min(1).max(1000),
  pass_value: amount.optional(),
});

export const passStateBody = z.strictObject({ state: z.enum(['ACTIVE', 'CANCELLED']) });

const tap = z
  .strictObject({ id: text(100).optional(), code: text(100).optional() })
  .nullable()
  .optional();
export const redeemPassBody = z.strictObject({
  code: z.string().min(1).max(64),
  pin: text(16).optional(),
  contact_id: guid.optional(),
  wallet_id: text(64).optional().describe('Accepted for compatibility; the contact’s wallet is credited.'),
  custom_fields: z
    .array(z.strictObject({ key: text(100), value: text(1000) }))
    .max(50)
    .optional(),
  organisation: z.strictObject({ id: text(100).optional(), merchant_tap: tap, venue_tap: tap }),
  date: epochSeconds.optional(),
});

export const promotionBody = z.strictObject({
  name: text(200),
  short_description: text(1000).optional(),
  long_description: text(10_000).optional(),
  state: LIFE_CYCLE.optional(),
  currency_code: z
    .string()
    .regex(/^[A-Z]{3}$/, { error: 'must be an ISO-4217 code' })
    .optional(),
  availability: z.strictObject({ from_date: epochSeconds.optional(), to_date: epochSeconds.optional() }).optional(),
  tags: z.array(text(100)).max(50).optional(),
  organisations: z.array(text(100)).max(200).optional(),
  reward_offer_id: guid.optional(),
});
export type PromotionBody = z.output<typeof promotionBody>;
