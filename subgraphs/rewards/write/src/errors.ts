import { defineErrors, type ReasonCodes } from '@crm/platform/errors';

/** Every error reason rewards-write raises besides the platform's (platform/src/errors/catalogue.ts); the REST facade maps them. */
export const errors = defineErrors('rewards-write', {
  REWARD_SCHEME_EXISTS: { code: 'CONFLICT' },
  REWARD_OFFER_EXISTS: { code: 'CONFLICT' },
  VERSION_CONFLICT: { code: 'CONFLICT' },
  REWARD_SCHEME_NOT_FOUND: { code: 'NOT_FOUND' },
  REWARD_OFFER_NOT_FOUND: { code: 'NOT_FOUND' },
  REWARD_MEMBERSHIP_NOT_FOUND: { code: 'NOT_FOUND' },
  PURCHASE_NOT_FOUND: { code: 'NOT_FOUND' },
  // passes and promotions
  PASS_PLAN_EXISTS: { code: 'CONFLICT' },
  PASS_PLAN_NOT_FOUND: { code: 'NOT_FOUND', also: ['VALIDATION'] },
  PASS_PLAN_HAS_PASSES: { code: 'CONFLICT' },
  PASS_PLAN_NOT_ACTIVE: { code: 'VALIDATION' },
  PASS_EXISTS: { code: 'CONFLICT' },
  PASS_NOT_FOUND: { code: 'NOT_FOUND', also: ['VALIDATION'] },
  PASS_ALREADY_REDEEMED: { code: 'VALIDATION' },
  PASS_CANCELLED: { code: 'VALIDATION' },
  PASS_EXPIRED: { code: 'VALIDATION' },
  PASS_PIN_INVALID: { code: 'VALIDATION' },
  PASS_NOT_REDEEMED: { code: 'VALIDATION' },
  PROMOTION_EXISTS: { code: 'CONFLICT' },
  PROMOTION_NOT_FOUND: { code: 'NOT_FOUND' },
  // reclaimed processor purchases (flow 13)
  PURCHASE_EXISTS: { code: 'CONFLICT' },
  PURCHASE_ALREADY_CLAIMED: { code: 'CONFLICT' },
  SCHEME_NOT_ACTIVE: { code: 'VALIDATION' },
  SIGN_UP_NOT_ALLOWED: { code: 'VALIDATION' },
  EMAIL_DOMAIN_NOT_ALLOWED: { code: 'VALIDATION' },
  INVALID_SIGN_UP_CODE: { code: 'VALIDATION' },
  NOT_SIGNED_UP: { code: 'VALIDATION' },
  // the code CRM.COM POS clients handle when a spend request cannot be covered by the wallet
  SPEND_NOT_COVERED: { code: 'VALIDATION', exception: 'CANNOTSPENDAMOUNTWALLETBALANCENOTENOUGHEXCEPTION' },
  PURCHASE_CANCELLED: { code: 'CONFLICT' },
  RETURN_EXCEEDS_PURCHASE: { code: 'VALIDATION' },
  LEDGER_UNAVAILABLE: { code: 'UNAVAILABLE' },
  // referrals and donations (giving/)
  REFERRAL_CODE_NOT_FOUND: { code: 'NOT_FOUND' },
  ALREADY_REFERRED: { code: 'VALIDATION' },
  SELF_REFERRAL: { code: 'VALIDATION' },
  DONATION_OFFER_NOT_FOUND: { code: 'NOT_FOUND' },
  DONATION_NOT_FOUND: { code: 'NOT_FOUND' },
  DONATION_OFFER_NOT_ACTIVE: { code: 'VALIDATION' },
  ALREADY_OPTED_IN: { code: 'VALIDATION' },
  NOT_OPTED_IN: { code: 'VALIDATION' },
});

type Reasons = ReasonCodes<typeof errors>;
declare module '@crm/platform/errors' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorReasons extends Reasons {}
}
