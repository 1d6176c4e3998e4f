import { z } from 'zod';
import { guid } from '../../kit/body';

/** Money in: a JSON number in major units; its shortest decimal text goes to the write side, which checks the currency's decimals. */
export const amount = z
  .number()
  .min(0)
  .max(1e12)
  .refine((v) => /^\d+(\.\d+)?$/.test(String(v)), { error: 'must be a plain decimal amount' })
  .transform((v) => String(v));

const text = (max: number) => z.string().max(max);
const LIFE_CYCLE = z.enum(['ACTIVE', 'INACTIVE']);

export const createRewardSchemeBody = z.strictObject({
  name: text(100),
  sign_up_option: z.enum(['AUTO_SIGN_UP', 'SELF_SIGN_UP', 'CLOSE_LOOP_SIGN_UP']).optional(),
  email_domains: z.array(text(253)).max(50).optional(),
  terms_and_conditions: text(10_000).optional(),
  resolution: z
    .enum(['ALL', 'BEST', 'FIRST'])
    .optional()
    .describe('How several matching offers of the scheme combine on one purchase (default ALL).'),
  claw_back: z
    .enum(['WRITE_OFF', 'CLAIM'])
    .optional()
    .describe('A return’s clawback the wallet cannot cover (already spent): written off or kept as a claim (default WRITE_OFF).'),
  state: LIFE_CYCLE.optional(),
});

export const lifeCycleStateBody = z.strictObject({ state: LIFE_CYCLE });

const DAYS = z.enum(['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY']);
const list = z.array(text(200)).max(200);

export const createRewardOfferBody = z.strictObject({
  scheme_id: guid,
  name: text(200),
  short_description: text(1000).optional(),
  terms_and_conditions: text(10_000).optional(),
  type: z
    .enum(['LOTTERY', 'ACHIEVEMENT', 'GIFT', 'DISCOUNT', 'BUNDLE', 'SIGNUP', 'REFER', 'PROFILE', 'HAPPYHOUR', 'REACH_TIER', 'SUBSCRIPTION_MATURITY'])
    .optional(),
  goal: z.enum(['ACHIEVEMENT', 'SPEND', 'VISITS', 'MEMBERSHIP']).optional(),
  priority: z.int().min(0).max(1_000_000).optional(),
  currency_code: z.string().length(3).optional(),
  conditions: z
    .strictObject({
      min_amount: amount.optional(),
      organisations: list.optional(),
      classifications: list.optional(),
      products: list.optional().describe('Product SKUs: the basket must hold one.'),
      product_categories: list.optional(),
      days_of_week: z.array(DAYS).max(7).optional(),
      time_windows: z
        .array(z.strictObject({ from: text(5), to: text(5) }))
        .max(10)
        .optional()
        .describe('"Happy hour": HH:MM local time, [from, to).'),
      time_zone: text(64).optional(),
      tiers: list.optional(),
    })
    .optional(),
  award: z.strictObject({
    method: z.enum(['FIXED', 'PERCENT', 'PER_PRODUCT']),
    amount: amount.optional(),
    percent: z
      .number()
      .gt(0)
      .max(100)
      .optional()
      .transform((v) => (v === undefined ? undefined : String(v))),
    products: list.optional(),
    product_categories: list.optional(),
  }),
  caps: z
    .strictObject({
      per_purchase: amount.optional(),
      per_contact: z.strictObject({ amount, period: z.enum(['DAY', 'WEEK', 'MONTH', 'YEAR']) }).optional(),
    })
    .optional(),
  validity_days: z.int().min(1).max(3650).optional(),
  commerce_pool_id: text(64).optional(),
});

export const submitPurchaseBody = z.strictObject({
  contact: z
    .strictObject({
      id: text(64).optional(),
      code: text(64).optional(),
      otp: z
        .string()
        .regex(/^\d{6}$/)
        .optional(),
    })
    .describe('The contact, by id, code or the 6-digit value of its contact token (POST /self-service/v2/contacts/{id}/tokens).'),
  organisation: z.strictObject({ id: text(64) }).optional(),
  transaction_amounts: z.strictObject({ total: amount, net: amount, tax: amount.optional(), discount: amount.optional() }),
  currency_code: z.string().length(3).optional(),
  classification: z
    .strictObject({ name: text(200) })
    .optional()
    .describe('Created on the fly when unknown.'),
  products: z
    .array(
      z.strictObject({
        product_sku: text(200),
        product_category: text(200).optional(),
        quantity: z.int().min(1).max(100_000).optional(),
        net_amount: amount,
      }),
    )
    .max(500)
    .optional()
    .describe('The basket; unknown SKUs are taken as given.'),
  spend_request: z.strictObject({ amount, restrict_fully_covered: z.boolean().optional() }).optional(),
  date: z.int().min(0).optional().describe('When the purchase happened (epoch seconds; default: now).'),
});

export const purchaseActionBody = z.strictObject({
  action: z.enum(['CANCEL', 'RETURN']),
  transaction_amounts: z.strictObject({ net: amount }).optional().describe('RETURN: the net amount returned.'),
});

export const signUpBody = z.strictObject({
  action: z.enum(['SIGNUP', 'SIGNOUT', 'SIGN_UP', 'SIGN_OUT']),
  reward_scheme_id: guid,
  email_address: text(320).optional(),
  sign_up_code: text(200).optional(),
});

export const contactTokenBody = z.strictObject({
  intent: z.enum(['APPROVE_PURCHASE', 'REJECT_PURCHASE', 'SPEND']),
  spend_amount: amount.nullable().optional(),
  purchase: z.strictObject({ estimate_id: text(64) }).optional(),
  community_id: text(64).optional(),
});
