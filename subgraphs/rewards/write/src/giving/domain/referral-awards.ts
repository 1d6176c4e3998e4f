import type { ReferralAward } from '@crm/event-bus/contracts/rewards';
import { fromMinor, minorOf } from '../../domain/money';

/** What the award computation needs of an offer (the rewards offer's definition). */
export interface ReferOffer {
  id: string;
  schemeId: string;
  type: string;
  state: string;
  priority: number;
  currency: string;
  award: { method: string; amount: string | null };
  caps: { perPurchase: string | null };
  validityDays: number | null;
  commercePoolId: string | null;
}

export interface ReferScheme {
  id: string;
  state: string;
  resolution: 'ALL' | 'BEST' | 'FIRST';
}

const byPriority = (a: ReferOffer, b: ReferOffer) => a.priority - b.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The awards a referrer earns for one referral (pure): the ACTIVE REFER offers with a fixed award,
 * of ACTIVE schemes the referrer takes part in, capped per event by the offer's per-purchase cap;
 * per scheme its resolution picks ALL of them, the BEST (largest, ties by priority) or the FIRST by
 * priority. Each award's key (`referral:<id>:award:<offer>`) is the ledger's idempotency key.
 */
export function referralAwards(input: {
  referralId: string;
  offers: ReferOffer[];
  schemes: ReferScheme[];
  memberOf: Set<string>;
  at: Date;
}): ReferralAward[] {
  const schemes = new Map(input.schemes.map((s) => [s.id, s]));
  const amountOf = (o: ReferOffer): bigint => {
    const fixed = minorOf(o.award.amount, o.currency);
    const cap = o.caps.perPurchase === null ? null : minorOf(o.caps.perPurchase, o.currency);
    return cap !== null && cap < fixed ? cap : fixed;
  };
  const eligible = input.offers.filter((o) => {
    const scheme = schemes.get(o.schemeId);
    return (
      o.type === 'REFER' &&
      o.state === 'ACTIVE' &&
      o.award.method === 'FIXED' &&
      scheme?.state === 'ACTIVE' &&
      input.memberOf.has(o.schemeId) &&
      amountOf(o) > 0n
    );
  });
  const chosen: ReferOffer[] = [];
  for (const scheme of input.schemes) {
    const candidates = eligible.filter((o) => o.schemeId === scheme.id).sort(byPriority);
    if (candidates.length === 0) continue;
    if (scheme.resolution === 'ALL') chosen.push(...candidates);
    else if (scheme.resolution === 'FIRST') chosen.push(candidates[0]!);
    else chosen.push([...candidates].sort((a, b) => (amountOf(b) > amountOf(a) ? 1 : amountOf(b) < amountOf(a) ? -1 : byPriority(a, b)))[0]!);
  }
  return chosen.map((o) => ({
    key: `referral:${input.referralId}:award:${o.id}`,
    offerId: o.id,
    schemeId: o.schemeId,
    amount: fromMinor(amountOf(o), o.currency),
    currency: o.currency,
    commercePoolId: o.commercePoolId,
    expiresAt: o.validityDays ? new Date(input.at.getTime() + o.validityDays * 86_400_000).toISOString() : null,
  }));
}
