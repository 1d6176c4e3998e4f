import { AppError } from '@crm/platform/errors';
import { AWARD_METHODS, DAYS_OF_WEEK, OFFER_GOALS, OFFER_TYPES, type OfferCaps } from '@crm/event-bus/contracts/rewards';
import { oneOf } from './create-reward-scheme';
import { toMinor } from './money';
import type { RewardOfferChange, RewardOfferDefinition, RewardOfferState } from './reward-offer';
import type { RewardSchemeState } from './reward-scheme';

/** The command: the definition as given (validated here, field names as the API spells them in camelCase). */
export type CreateRewardOffer = RewardOfferDefinition;

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * Creates a reward offer of an existing scheme (pure). The offer starts INACTIVE. Amounts are
 * checked against the offer's currency; an award method names what it needs (FIXED/PER_PRODUCT an
 * amount, PERCENT a percentage of 0 to 100, PER_PRODUCT the products or categories it counts).
 */
export function createRewardOffer(state: RewardOfferState | null, scheme: RewardSchemeState | null, cmd: CreateRewardOffer): RewardOfferChange[] {
  if (state) throw new AppError('CONFLICT', 'the reward offer exists already', { reason: 'REWARD_OFFER_EXISTS' });
  if (!scheme) throw AppError.validation('schemeId', 'no such reward scheme', 'INVALID_VALUE');
  const name = cmd.name.trim();
  if (!name) throw AppError.validation('name', 'must not be empty', 'REQUIRED');
  if (name.length > 200) throw AppError.validation('name', 'must be at most 200 characters', 'TOO_LONG');
  const currency = cmd.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) throw AppError.validation('currency', 'must be an ISO-4217 code', 'INVALID_VALUE');
  oneOf('type', cmd.type, OFFER_TYPES);
  oneOf('goal', cmd.goal, OFFER_GOALS);
  if (!Number.isInteger(cmd.priority) || cmd.priority < 0 || cmd.priority > 1_000_000) {
    throw AppError.validation('priority', 'must be an integer from 0 to 1000000', 'INVALID_VALUE');
  }
  const c = cmd.conditions;
  if (c.minAmount !== null) toMinor(c.minAmount, currency, 'conditions.minAmount');
  c.daysOfWeek.forEach((d, i) => oneOf(`conditions.daysOfWeek.${i}`, d, DAYS_OF_WEEK));
  c.timeWindows.forEach((w, i) => {
    if (!HHMM.test(w.from)) throw AppError.validation(`conditions.timeWindows.${i}.from`, 'must be HH:MM', 'INVALID_VALUE');
    if (!HHMM.test(w.to)) throw AppError.validation(`conditions.timeWindows.${i}.to`, 'must be HH:MM', 'INVALID_VALUE');
    if (w.from === w.to) throw AppError.validation(`conditions.timeWindows.${i}.to`, 'must differ from from', 'INVALID_VALUE');
  });
  if (!validTimeZone(c.timeZone))
    throw AppError.validation('conditions.timeZone', 'must be an IANA time zone such as Europe/Nicosia', 'INVALID_VALUE');
  const a = cmd.award;
  oneOf('award.method', a.method, AWARD_METHODS);
  if (a.method === 'PERCENT') {
    if (a.percent === null) throw AppError.validation('award.percent', 'a PERCENT award needs its percentage', 'REQUIRED');
    if (!/^\d{1,3}(\.\d{1,4})?$/.test(a.percent) || Number(a.percent) > 100 || Number(a.percent) <= 0) {
      throw AppError.validation('award.percent', 'must be a percentage above 0 and at most 100 (up to 4 decimals)', 'INVALID_VALUE');
    }
  } else {
    if (a.amount === null) throw AppError.validation('award.amount', `a ${a.method} award needs its amount`, 'REQUIRED');
    if (toMinor(a.amount, currency, 'award.amount') <= 0n) throw AppError.validation('award.amount', 'must be above 0', 'INVALID_VALUE');
  }
  if (a.method === 'PER_PRODUCT' && a.productSkus.length === 0 && a.productCategories.length === 0) {
    throw AppError.validation('award.productSkus', 'a PER_PRODUCT award names the products or categories it counts', 'REQUIRED');
  }
  checkCaps(cmd.caps, currency);
  if (cmd.validityDays !== null && (!Number.isInteger(cmd.validityDays) || cmd.validityDays < 1 || cmd.validityDays > 3650)) {
    throw AppError.validation('validityDays', 'must be 1 to 3650 days', 'INVALID_VALUE');
  }
  return [
    {
      type: 'reward_offer.created',
      data: {
        ...cmd,
        name,
        currency,
        schemeId: scheme.id,
        shortDescription: cmd.shortDescription?.trim() || null,
        termsAndConditions: cmd.termsAndConditions?.trim() || null,
      },
    },
  ];
}

function checkCaps(caps: OfferCaps, currency: string): void {
  if (caps.perPurchase !== null && toMinor(caps.perPurchase, currency, 'caps.perPurchase') <= 0n) {
    throw AppError.validation('caps.perPurchase', 'must be above 0', 'INVALID_VALUE');
  }
  if (caps.perContact && toMinor(caps.perContact.amount, currency, 'caps.perContact.amount') <= 0n) {
    throw AppError.validation('caps.perContact.amount', 'must be above 0', 'INVALID_VALUE');
  }
}

/** PUT life_cycle_state: ACTIVE or INACTIVE (no event when unchanged). */
export function setRewardOfferState(state: RewardOfferState | null, next: string): RewardOfferChange[] {
  if (!state) throw AppError.notFound('reward offer', '');
  const value = oneOf('state', next, ['ACTIVE', 'INACTIVE'] as const);
  return value === state.state ? [] : [{ type: 'reward_offer.state_changed', data: { state: value } }];
}
