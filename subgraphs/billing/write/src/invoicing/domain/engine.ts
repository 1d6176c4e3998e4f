import { decimalOf, type Fraction, minorOf, splitTax } from './decimal';
import { type BillingPeriod, coveredDays, type Cycle, dayOf, type DayInterval, daysBetween, firstCycle, nextCycle } from './periods';

/**
 * The billing engine (pure): which periods of a subscription are due, and what a period's document
 * holds. A period's charge is price × quantity × covered days / period days per service (trial days
 * are free), taxed per line. What was billed before for a period is trued up on the next document
 * (an upgrade, pause or cancel after a PRE_BILL period was billed comes back as an adjustment line),
 * so each period is billed once and every later change is settled exactly once.
 */
export type TaxModel = 'TAX_INCLUSIVE' | 'TAX_EXCLUSIVE';
export type BillingModel = 'PRE_BILL' | 'POST_BILL';

/** A price of the catalogue, as billing knows it (folded from the catalogue events). */
export interface PlanPrice {
  id: string;
  productId: string;
  productName: string;
  /** Decimal string, per billing period and unit of quantity. */
  amount: string;
  currency: string;
  taxModel: TaxModel;
  billingPeriod: BillingPeriod;
  billingModel: BillingModel;
}

/** One service of a subscription with the days it was EFFECTIVE (folded from the subscription events). */
export interface ServiceTimeline {
  id: string;
  productId: string;
  priceTermsId: string | null;
  quantity: number;
  effective: DayInterval[];
  /** Days before this one are a free trial. */
  trialEndsOn: string | null;
}

export interface SubscriptionTimeline {
  id: string;
  contactId: string;
  accountId: string | null;
  billingDay: number;
  services: ServiceTimeline[];
}

export interface Line {
  kind: 'CHARGE' | 'ADJUSTMENT';
  serviceId: string;
  productId: string;
  description: string;
  periodStart: string;
  periodEnd: string;
  quantity: number;
  days: number;
  periodDays: number;
  unitPrice: string;
  taxModel: TaxModel;
  /** Signed minor units as canonical decimal strings of the currency. */
  net: string;
  tax: string;
  gross: string;
}

export interface Totals {
  net: string;
  tax: string;
  total: string;
}

/** What was billed already for a period, per service (sums of every earlier line for that period). */
export type Billed = Map<string, { net: bigint; tax: bigint; gross: bigint }>;
export const billedKey = (periodStart: string, serviceId: string) => `${periodStart}|${serviceId}`;

export interface PricedSubscription {
  sub: SubscriptionTimeline;
  prices: Map<string, PlanPrice>;
}

/** The price a service is billed at (its price terms), or null when billing does not know it (the service is skipped). */
const priceOf = (p: PricedSubscription, s: ServiceTimeline): PlanPrice | null => (s.priceTermsId ? (p.prices.get(s.priceTermsId) ?? null) : null);

/** The subscription's cycle terms: those of its first priced service (a subscription groups services of one cycle). */
export function termsOf(p: PricedSubscription): { period: BillingPeriod; model: BillingModel; currency: string; firstDay: string } | null {
  let firstDay: string | null = null;
  let terms: PlanPrice | null = null;
  for (const s of p.sub.services) {
    const price = priceOf(p, s);
    if (!price) continue;
    terms ??= price;
    for (const i of s.effective) if (!firstDay || i.from < firstDay) firstDay = i.from;
  }
  if (!terms || !firstDay) return null;
  return { period: terms.billingPeriod, model: terms.billingModel, currency: terms.currency, firstDay };
}

/**
 * The periods due on `billingDate` (a day): PRE_BILL bills a period from its first day, POST_BILL
 * after its last. Periods run from the first activation to the last day any service was EFFECTIVE
 * (plus the one after it, which carries the true-up of a cancellation).
 */
export function duePeriods(p: PricedSubscription, billingDate: string): Cycle[] {
  const terms = termsOf(p);
  if (!terms) return [];
  let lastDay: string | null = null;
  let open = false;
  for (const s of p.sub.services)
    for (const i of s.effective) {
      if (i.to === null) open = true;
      else if (!lastDay || i.to > lastDay) lastDay = i.to;
    }
  const out: Cycle[] = [];
  let cycle = firstCycle(terms.firstDay, p.sub.billingDay, terms.period);
  let pastEnd = 0;
  while (terms.model === 'PRE_BILL' ? cycle.start <= billingDate : cycle.end <= billingDate) {
    out.push(cycle);
    if (!open && lastDay && cycle.end >= lastDay && ++pastEnd > 1) break;
    cycle = nextCycle(cycle, terms.period);
    if (out.length > 10_000) break;
  }
  return out;
}

function lineFor(
  kind: Line['kind'],
  s: ServiceTimeline,
  price: PlanPrice,
  cycle: Cycle,
  days: number,
  split: { net: bigint; tax: bigint; gross: bigint },
): Line {
  return {
    kind,
    serviceId: s.id,
    productId: s.productId,
    description: kind === 'CHARGE' ? price.productName : `${price.productName} (adjustment ${cycle.start} – ${cycle.end})`,
    periodStart: cycle.start,
    periodEnd: cycle.end,
    quantity: s.quantity,
    days,
    periodDays: daysBetween(cycle.start, cycle.end),
    unitPrice: price.amount,
    taxModel: price.taxModel,
    net: decimalOf(split.net, price.currency),
    tax: decimalOf(split.tax, price.currency),
    gross: decimalOf(split.gross, price.currency),
  };
}

/** What one service owes for one cycle, given its days so far (open intervals run to `openUntil`). */
function charge(p: PricedSubscription, s: ServiceTimeline, cycle: Cycle, openUntil: string, rate: Fraction) {
  const price = priceOf(p, s);
  if (!price) return null;
  const periodDays = daysBetween(cycle.start, cycle.end);
  const days = coveredDays(cycle, s.effective, openUntil, s.trialEndsOn);
  const amount = minorOf(price.amount, price.currency, { num: BigInt(s.quantity * days), den: BigInt(periodDays) });
  return { price, days, split: splitTax(amount, price.taxModel, rate) };
}

/**
 * The lines of the document of `cycle`, issued on `asOf` (a day): this cycle's charges (PRE_BILL:
 * services still EFFECTIVE are charged to the cycle's end; POST_BILL: the days they were) and the
 * true-up of every earlier cycle whose billed amount differs from what its services now owe.
 */
export function linesFor(p: PricedSubscription, cycle: Cycle, earlier: Cycle[], billed: Billed, rate: Fraction): Line[] {
  const lines: Line[] = [];
  for (const previous of earlier) {
    for (const s of p.sub.services) {
      const owed = charge(p, s, previous, previous.end, rate);
      if (!owed) continue;
      const was = billed.get(billedKey(previous.start, s.id)) ?? { net: 0n, tax: 0n, gross: 0n };
      const diff = { net: owed.split.net - was.net, tax: owed.split.tax - was.tax, gross: owed.split.gross - was.gross };
      if (diff.net === 0n && diff.tax === 0n && diff.gross === 0n) continue;
      lines.push(lineFor('ADJUSTMENT', s, owed.price, previous, owed.days, diff));
    }
  }
  for (const s of p.sub.services) {
    const owed = charge(p, s, cycle, cycle.end, rate);
    if (!owed || owed.days === 0) continue;
    lines.push(lineFor('CHARGE', s, owed.price, cycle, owed.days, owed.split));
  }
  return lines;
}

/** Sums of the lines (exact, in minor units of `currency`). */
export function totalsOf(lines: Pick<Line, 'net' | 'tax' | 'gross'>[], currency: string, toMinor: (t: string) => bigint): Totals {
  let net = 0n;
  let tax = 0n;
  let total = 0n;
  for (const l of lines) {
    net += toMinor(l.net);
    tax += toMinor(l.tax);
    total += toMinor(l.gross);
  }
  return { net: decimalOf(net, currency), tax: decimalOf(tax, currency), total: decimalOf(total, currency) };
}

/** The subscription's currency (that of its cycle terms). */
export const currencyOf = (p: PricedSubscription): string | null => termsOf(p)?.currency ?? null;

export { dayOf };
