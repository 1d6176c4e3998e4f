import { z } from 'zod';

/** A non-negative decimal string in major units (e.g. "12.50"); the services turn it into bigint minor units. */
export const decimalString = z.string().regex(/^\d{1,15}(\.\d{1,6})?$/);

export const SIGN_UP_OPTIONS = ['AUTO_SIGN_UP', 'SELF_SIGN_UP', 'CLOSE_LOOP_SIGN_UP'] as const;
export const RESOLUTIONS = ['ALL', 'BEST', 'FIRST'] as const;
export const CLAW_BACK_POLICIES = ['WRITE_OFF', 'CLAIM'] as const;
export const LIFE_CYCLE_STATES = ['ACTIVE', 'INACTIVE'] as const;
export const OFFER_GOALS = ['ACHIEVEMENT', 'SPEND', 'VISITS', 'MEMBERSHIP'] as const;
export const OFFER_TYPES = [
  'LOTTERY',
  'ACHIEVEMENT',
  'GIFT',
  'DISCOUNT',
  'BUNDLE',
  'SIGNUP',
  'REFER',
  'PROFILE',
  'HAPPYHOUR',
  'REACH_TIER',
  'SUBSCRIPTION_MATURITY',
] as const;
export const DAYS_OF_WEEK = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
export const AWARD_METHODS = ['FIXED', 'PERCENT', 'PER_PRODUCT'] as const;
export const CAP_PERIODS = ['DAY', 'WEEK', 'MONTH', 'YEAR'] as const;
export const STEP_KINDS = ['AWARD', 'REVERSE', 'CLAWBACK'] as const;
export const STEP_OUTCOMES = ['POSTED', 'WRITTEN_OFF', 'CLAIMED'] as const;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

/** What a purchase must satisfy for an offer to apply (every present condition must pass). */
export const offerConditionsShape = z.object({
  minAmount: decimalString.nullable(),
  organisationIds: z.array(z.string()),
  classifications: z.array(z.string()),
  productSkus: z.array(z.string()),
  productCategories: z.array(z.string()),
  daysOfWeek: z.array(z.enum(DAYS_OF_WEEK)),
  timeWindows: z.array(z.object({ from: hhmm, to: hhmm })),
  timeZone: z.string(),
  tiers: z.array(z.string()),
});
export type OfferConditions = z.infer<typeof offerConditionsShape>;

/** How much an offer awards: a fixed amount, a percentage of the net amount, or an amount per matching product unit. */
export const offerAwardShape = z.object({
  method: z.enum(AWARD_METHODS),
  amount: decimalString.nullable(),
  percent: decimalString.nullable(),
  productSkus: z.array(z.string()),
  productCategories: z.array(z.string()),
});
export type OfferAward = z.infer<typeof offerAwardShape>;

export const offerCapsShape = z.object({
  perPurchase: decimalString.nullable(),
  perContact: z.object({ amount: decimalString, period: z.enum(CAP_PERIODS) }).nullable(),
});
export type OfferCaps = z.infer<typeof offerCapsShape>;

/** One step of a purchase's process manager: a ledger command it posts (retried with the same key until done). */
export const purchaseStepShape = z.object({
  key: z.string(),
  kind: z.enum(STEP_KINDS),
  offerId: z.string().nullable(),
  amount: decimalString,
  currency: z.string(),
  commercePoolId: z.string().nullable(),
  expiresAt: z.string().nullable(),
  /** REVERSE: the key of the step (or 'spend') whose transaction it reverses. */
  reverses: z.string().nullable(),
});
export type PurchaseStep = z.infer<typeof purchaseStepShape>;

/** One offer as the engine saw it for a purchase (the explanation). */
export const offerEvaluationShape = z.object({
  offerId: z.string(),
  offerName: z.string(),
  schemeId: z.string(),
  priority: z.number().int(),
  conditions: z.array(z.object({ condition: z.string(), passed: z.boolean(), detail: z.string() })),
  eligible: z.boolean(),
  computed: decimalString,
  capped: decimalString,
  selected: z.boolean(),
  note: z.string(),
});
export type OfferEvaluation = z.infer<typeof offerEvaluationShape>;
export const TOKEN_INTENTS = ['SPEND', 'APPROVE_PURCHASE', 'REJECT_PURCHASE'] as const;
