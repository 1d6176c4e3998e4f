import { z } from 'zod';
import { decimalString } from '../rewards-shapes';

export const REFERRAL_AGGREGATE = 'referral';
export const REFERRAL_INVITATION_AGGREGATE = 'referral_invitation';
export const DONATION_OFFER_AGGREGATE = 'donation_offer';
export const DONATION_OPT_IN_AGGREGATE = 'donation_opt_in';
export const DONATION_AGGREGATE = 'donation';

/** The giving aggregates (referrals and donations) of the rewards domain. */
export const GIVING_AGGREGATES = [
  REFERRAL_AGGREGATE,
  REFERRAL_INVITATION_AGGREGATE,
  DONATION_OFFER_AGGREGATE,
  DONATION_OPT_IN_AGGREGATE,
  DONATION_AGGREGATE,
] as const;

/** PER_TRANSACTION: on each purchase (round-up or a percentage of its net); TERMED: a fixed amount each month; VARIABLE: the contact's amount on each purchase. */
export const DONATION_TYPES = ['PER_TRANSACTION', 'TERMED', 'VARIABLE'] as const;
export const DONATION_OFFER_TYPES = ['GIFT', 'DISCOUNT', 'BUNDLE', 'ONE_OFF'] as const;
/** How a PER_TRANSACTION donation is computed: ROUND_UP (spare change to the next whole unit) or PERCENT of the purchase's net. */
export const DONATION_RULES = ['ROUND_UP', 'PERCENT'] as const;
export const GIVING_OUTCOMES = ['POSTED', 'DECLINED'] as const;

/** One ledger credit a referral owes its referrer (posted once, with `key` as the ledger's idempotency key). */
export const referralAwardShape = z.object({
  key: z.string(),
  offerId: z.string(),
  schemeId: z.string(),
  amount: decimalString,
  currency: z.string().length(3),
  commercePoolId: z.string().nullable(),
  expiresAt: z.string().nullable(),
});
export type ReferralAward = z.infer<typeof referralAwardShape>;
