import type { OfferEvaluation } from '@crm/event-bus/contracts/rewards';
import { fromMinor, minorOf } from './money';
import type { RewardOfferState } from './reward-offer';

/** What the engine knows of a purchase (amounts in minor units of `currency`). */
export interface PurchaseFacts {
  currency: string;
  net: bigint;
  organisationId: string | null;
  classification: string | null;
  products: { sku: string; category: string | null; quantity: number; net: bigint }[];
  at: Date;
  /** The contact's tier (null: none). */
  tier: string | null;
}

export interface EngineScheme {
  id: string;
  state: 'ACTIVE' | 'INACTIVE';
  resolution: 'ALL' | 'BEST' | 'FIRST';
}

export interface EngineAward {
  offerId: string;
  schemeId: string;
  amount: bigint;
  currency: string;
  expiresAt: Date | null;
  commercePoolId: string | null;
}

export interface EngineResult {
  evaluations: OfferEvaluation[];
  awards: EngineAward[];
  resolutions: { schemeId: string; rule: EngineScheme['resolution'] }[];
}

export interface EngineInput {
  facts: PurchaseFacts;
  offers: RewardOfferState[];
  schemes: EngineScheme[];
  /** Schemes the contact takes part in (signed up and verified, or auto sign-up). */
  memberOf: ReadonlySet<string>;
  /** What each offer already awarded the contact in the current period of its per-contact cap. */
  awardedInPeriod: (offerId: string) => bigint;
}

type Check = { condition: string; passed: boolean; detail: string };

const WEEKDAYS: Record<string, string> = {
  Monday: 'MONDAY',
  Tuesday: 'TUESDAY',
  Wednesday: 'WEDNESDAY',
  Thursday: 'THURSDAY',
  Friday: 'FRIDAY',
  Saturday: 'SATURDAY',
  Sunday: 'SUNDAY',
};

/** The local day of week (MONDAY…) and minute of the day of an instant in an IANA time zone. */
export function localTime(at: Date, timeZone: string): { day: string; minute: number; hhmm: string } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(
    at,
  );
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const hour = Number(get('hour')) % 24;
  const minute = Number(get('minute'));
  return {
    day: WEEKDAYS[get('weekday')] ?? '',
    minute: hour * 60 + minute,
    hhmm: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`,
  };
}

const minuteOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** A window [from, to) of the local day; to before from spans midnight ("22:00"–"02:00"). */
export function inWindow(minute: number, w: { from: string; to: string }): boolean {
  const from = minuteOf(w.from);
  const to = minuteOf(w.to);
  return from < to ? minute >= from && minute < to : minute >= from || minute < to;
}

/** Where a per-contact cap's current period starts (UTC calendar: day, ISO week from Monday, month, year). */
export function periodStart(at: Date, period: 'DAY' | 'WEEK' | 'MONTH' | 'YEAR'): Date {
  const y = at.getUTCFullYear();
  const m = at.getUTCMonth();
  const d = at.getUTCDate();
  switch (period) {
    case 'DAY':
      return new Date(Date.UTC(y, m, d));
    case 'WEEK':
      return new Date(Date.UTC(y, m, d - ((at.getUTCDay() + 6) % 7)));
    case 'MONTH':
      return new Date(Date.UTC(y, m, 1));
    case 'YEAR':
      return new Date(Date.UTC(y, 0, 1));
  }
}

const matchesProduct = (p: PurchaseFacts['products'][number], skus: string[], categories: string[]) =>
  skus.includes(p.sku) || (p.category !== null && categories.includes(p.category));

/** Every configured condition of an offer against the purchase, in a fixed order. */
export function checkConditions(offer: RewardOfferState, facts: PurchaseFacts, scheme: EngineScheme | undefined, member: boolean): Check[] {
  const c = offer.conditions;
  const checks: Check[] = [];
  const add = (condition: string, passed: boolean, detail: string) => checks.push({ condition, passed, detail });
  add('offer_state', offer.state === 'ACTIVE', `offer is ${offer.state}`);
  add(
    'scheme',
    !!scheme && scheme.state === 'ACTIVE' && member,
    !scheme
      ? 'scheme not found'
      : scheme.state !== 'ACTIVE'
        ? 'scheme is INACTIVE'
        : member
          ? 'contact takes part in the scheme'
          : 'contact is not signed up to the scheme',
  );
  add('currency', offer.currency === facts.currency, `purchase in ${facts.currency}, offer in ${offer.currency}`);
  if (c.minAmount !== null) {
    const min = minorOf(c.minAmount, offer.currency);
    add('min_amount', facts.net >= min, `net ${fromMinor(facts.net, facts.currency)} ${facts.net >= min ? '>=' : '<'} ${c.minAmount}`);
  }
  if (c.organisationIds.length > 0) {
    const ok = facts.organisationId !== null && c.organisationIds.includes(facts.organisationId);
    add('organisations', ok, `organisation ${facts.organisationId ?? '(none)'} ${ok ? 'is' : 'is not'} listed`);
  }
  if (c.classifications.length > 0) {
    const ok = facts.classification !== null && c.classifications.includes(facts.classification);
    add('classification', ok, `classification ${facts.classification ?? '(none)'} ${ok ? 'is' : 'is not'} listed`);
  }
  if (c.productSkus.length > 0 || c.productCategories.length > 0) {
    const hits = facts.products.filter((p) => matchesProduct(p, c.productSkus, c.productCategories));
    add(
      'products',
      hits.length > 0,
      hits.length > 0 ? `matching products: ${hits.map((p) => p.sku).join(', ')}` : 'no listed product or category in the basket',
    );
  }
  const needsClock = c.daysOfWeek.length > 0 || c.timeWindows.length > 0;
  const local = needsClock ? localTime(facts.at, c.timeZone) : null;
  if (local && c.daysOfWeek.length > 0) {
    add('day_of_week', c.daysOfWeek.includes(local.day as never), `${local.day} in ${c.timeZone}`);
  }
  if (local && c.timeWindows.length > 0) {
    const ok = c.timeWindows.some((w) => inWindow(local.minute, w));
    add('time_window', ok, `${local.hhmm} in ${c.timeZone} ${ok ? 'within' : 'outside'} ${c.timeWindows.map((w) => `${w.from}-${w.to}`).join(', ')}`);
  }
  if (c.tiers.length > 0) {
    const ok = facts.tier !== null && c.tiers.includes(facts.tier);
    add('tier', ok, `tier ${facts.tier ?? '(none)'} ${ok ? 'is' : 'is not'} listed`);
  }
  return checks;
}

/** The award before caps: fixed, a percentage of the net amount (rounded down), or per unit of the counted products. */
export function computeAward(offer: RewardOfferState, facts: PurchaseFacts): bigint {
  const a = offer.award;
  switch (a.method) {
    case 'FIXED':
      return minorOf(a.amount, offer.currency);
    case 'PERCENT': {
      const [whole, frac = ''] = (a.percent ?? '0').split('.');
      const tenThousandths = BigInt(whole!) * 10_000n + BigInt(frac.padEnd(4, '0').slice(0, 4));
      return (facts.net * tenThousandths) / 1_000_000n;
    }
    case 'PER_PRODUCT': {
      const per = minorOf(a.amount, offer.currency);
      const units = facts.products.filter((p) => matchesProduct(p, a.productSkus, a.productCategories)).reduce((n, p) => n + p.quantity, 0);
      return per * BigInt(units);
    }
  }
}

/** Applies the caps: at most perPurchase, and at most what the per-contact cap leaves in its period. */
export function applyCaps(offer: RewardOfferState, computed: bigint, alreadyAwarded: bigint): { amount: bigint; note: string } {
  let amount = computed;
  const notes: string[] = [];
  if (offer.caps.perPurchase !== null) {
    const cap = minorOf(offer.caps.perPurchase, offer.currency);
    if (amount > cap) {
      amount = cap;
      notes.push(`capped at ${offer.caps.perPurchase} per purchase`);
    }
  }
  if (offer.caps.perContact) {
    const cap = minorOf(offer.caps.perContact.amount, offer.currency);
    const left = cap > alreadyAwarded ? cap - alreadyAwarded : 0n;
    if (amount > left) {
      amount = left;
      notes.push(`capped at ${fromMinor(left, offer.currency)} left of ${offer.caps.perContact.amount} per ${offer.caps.perContact.period}`);
    }
  }
  return { amount, note: notes.join('; ') };
}

const byPriority = (a: OfferEvaluation, b: OfferEvaluation) =>
  a.priority - b.priority || (a.offerId < b.offerId ? -1 : a.offerId > b.offerId ? 1 : 0);

/**
 * The offer engine (pure): every offer is evaluated against the purchase (each configured
 * condition passes or fails, with why), its award computed and capped; then each scheme's
 * resolution picks among its eligible offers with a positive award: ALL of them, the BEST (largest
 * award; ties by priority, then id) or the FIRST by priority (lowest number; ties by id).
 */
export function evaluateOffers(input: EngineInput): EngineResult {
  const { facts } = input;
  const schemes = new Map(input.schemes.map((s) => [s.id, s]));
  const evaluations: OfferEvaluation[] = input.offers.map((offer) => {
    const scheme = schemes.get(offer.schemeId);
    const conditions = checkConditions(offer, facts, scheme, input.memberOf.has(offer.schemeId));
    const eligible = conditions.every((c) => c.passed);
    const computed = eligible ? computeAward(offer, facts) : 0n;
    const capped = eligible ? applyCaps(offer, computed, offer.caps.perContact ? input.awardedInPeriod(offer.id) : 0n) : { amount: 0n, note: '' };
    return {
      offerId: offer.id,
      offerName: offer.name,
      schemeId: offer.schemeId,
      priority: offer.priority,
      conditions,
      eligible,
      computed: fromMinor(computed, offer.currency),
      capped: fromMinor(capped.amount, offer.currency),
      selected: false,
      note: eligible
        ? capped.note || (capped.amount === 0n ? 'nothing to award' : '')
        : `failed: ${conditions
            .filter((c) => !c.passed)
            .map((c) => c.condition)
            .join(', ')}`,
    };
  });
  const offers = new Map(input.offers.map((o) => [o.id, o]));
  const resolutions: EngineResult['resolutions'] = [];
  const awards: EngineAward[] = [];
  const schemeIds = [...new Set(evaluations.map((e) => e.schemeId))].sort();
  for (const schemeId of schemeIds) {
    const scheme = schemes.get(schemeId);
    const candidates = evaluations.filter((e) => e.schemeId === schemeId && e.eligible && minorOf(e.capped, offers.get(e.offerId)!.currency) > 0n);
    if (!scheme || candidates.length === 0) continue;
    resolutions.push({ schemeId, rule: scheme.resolution });
    const amountOf = (e: OfferEvaluation) => minorOf(e.capped, offers.get(e.offerId)!.currency);
    let chosen: OfferEvaluation[];
    if (scheme.resolution === 'ALL') chosen = [...candidates].sort(byPriority);
    else if (scheme.resolution === 'FIRST') chosen = [[...candidates].sort(byPriority)[0]!];
    else chosen = [[...candidates].sort((a, b) => (amountOf(b) > amountOf(a) ? 1 : amountOf(b) < amountOf(a) ? -1 : byPriority(a, b)))[0]!];
    for (const e of candidates) {
      if (!chosen.includes(e)) e.note = `not chosen: scheme resolution ${scheme.resolution}`;
    }
    for (const e of chosen) {
      e.selected = true;
      const offer = offers.get(e.offerId)!;
      awards.push({
        offerId: offer.id,
        schemeId,
        amount: amountOf(e),
        currency: offer.currency,
        expiresAt: offer.validityDays ? new Date(facts.at.getTime() + offer.validityDays * 86_400_000) : null,
        commercePoolId: offer.commercePoolId,
      });
    }
  }
  return { evaluations, awards, resolutions };
}
