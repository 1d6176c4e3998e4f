import { z } from 'zod';
import { decimalString } from './rewards-shapes';

export const PASS_AGGREGATE = 'pass';
export const PASS_PLAN_AGGREGATE = 'pass_plan';
export const PROMOTION_AGGREGATE = 'promotion';

export const PASS_CLASSIFICATIONS = ['GIFT', 'TOPUP', 'PROMOTION'] as const;
export const PASS_VALUE_TYPES = ['FIXED', 'VARIABLE'] as const;
export const PASS_VALIDITY_TYPES = ['PERIOD', 'DATE', 'ALWAYS'] as const;
export const PASS_VALIDITY_UOTS = ['DAYS', 'MONTHS', 'YEARS'] as const;
export const PASS_CODE_TYPES = ['ALPHANUMERIC', 'ALPHABETIC', 'NUMERIC'] as const;
export const PASS_POCKETS = ['OPEN', 'COMMERCE'] as const;
export const PASS_STATES = ['ACTIVE', 'REDEEMED', 'CANCELLED'] as const;

/** The terms of a pass plan: what its passes are worth, how long they last, how their codes look. */
export const passPlanTermsShape = z.object({
  classification: z.enum(PASS_CLASSIFICATIONS),
  currency: z.string().length(3),
  value: z.object({
    type: z.enum(PASS_VALUE_TYPES),
    fixedValues: z.array(decimalString),
    minimum: decimalString.nullable(),
    maximum: decimalString.nullable(),
  }),
  validity: z.object({
    type: z.enum(PASS_VALIDITY_TYPES),
    period: z.number().int().positive().nullable(),
    uot: z.enum(PASS_VALIDITY_UOTS).nullable(),
    fixedDate: z.string().nullable(),
  }),
  codeFormat: z.object({
    type: z.enum(PASS_CODE_TYPES),
    prefix: z.string().max(8),
    suffix: z.string().max(8),
    length: z.number().int().min(7).max(16),
  }),
  pinRequired: z.boolean(),
  creditPocket: z.enum(PASS_POCKETS),
  commercePoolId: z.string().nullable(),
  promotionId: z.string().nullable(),
  rewardOfferId: z.string().nullable(),
});
export type PassPlanTerms = z.infer<typeof passPlanTermsShape>;

/** Who a (gift) pass is for and who sends it. */
export const passRecipientShape = z
  .object({ name: z.string().nullable(), mediumType: z.string().nullable(), mediumValue: z.string().nullable() })
  .nullable();
export const passGiftSenderShape = z.object({ name: z.string().nullable(), message: z.string().nullable() }).nullable();

/** What a promotion shows the contacts (the offer itself lives in a reward offer). */
export const promotionShape = z.object({
  name: z.string().min(1).max(200),
  shortDescription: z.string().nullable(),
  longDescription: z.string().nullable(),
  state: z.enum(['ACTIVE', 'INACTIVE']),
  currency: z.string().length(3),
  availableFrom: z.string().nullable(),
  availableTo: z.string().nullable(),
  tags: z.array(z.string()),
  organisationIds: z.array(z.string()),
  rewardOfferId: z.string().nullable(),
});
export type PromotionDoc = z.infer<typeof promotionShape>;
