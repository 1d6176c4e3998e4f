import type { UsageAllowanceView } from './usage-views.projection';
import { fromMicros, minOf, toMicros } from './decimal';

export interface RemainingAllowance {
  productId: string;
  measurementUnit: string | null;
  /** Remaining per limit (exact decimal strings); null where there is no limit. */
  perTransaction: string | null;
  perDay: string | null;
  perBillingCycle: string | null;
}

export interface AuthorisedUsage {
  productId: string;
  requested: string;
  /** What may be consumed now: the request, capped by every remaining limit (0 for a product without an allowance). */
  authorised: string;
}

export interface AllowanceEstimate {
  products: RemainingAllowance[];
  authorised: AuthorisedUsage[];
  /** Every requested usage is authorised in full. */
  authoriseConsumption: boolean;
}

/**
 * The allowance estimate (pure, exact): remaining = limit − consumed (never below 0) per day and
 * per billing cycle, the per-transaction limit as is; each requested usage authorised up to the
 * smallest remaining limit of its product. A product the allowance does not name is not authorised.
 */
export function estimateAllowance(
  allowance: UsageAllowanceView | null,
  consumed: Map<string, { day: string; cycle: string }>,
  requested: { productId: string; amount: string }[],
): AllowanceEstimate {
  const zero = 0n;
  const remaining = (limit: string | null, used: string): bigint | null => {
    if (limit === null) return null;
    const r = toMicros(limit) - toMicros(used);
    return r < zero ? zero : r;
  };
  const products = (allowance?.allowances ?? []).map((a) => {
    const used = consumed.get(a.productId) ?? { day: '0', cycle: '0' };
    return {
      productId: a.productId,
      measurementUnit: a.measurementUnit,
      tx: a.limits.perTransaction === null ? null : toMicros(a.limits.perTransaction),
      day: remaining(a.limits.perDay, used.day),
      cycle: remaining(a.limits.perBillingCycle, used.cycle),
    };
  });
  const authorised = requested.map((r) => {
    const p = products.find((x) => x.productId === r.productId);
    const want = toMicros(r.amount);
    const caps = p ? [p.tx, p.day, p.cycle].filter((x): x is bigint => x !== null) : [zero];
    return { productId: r.productId, requested: fromMicros(want), authorised: fromMicros(minOf(want, ...caps)) };
  });
  const out = (v: bigint | null) => (v === null ? null : fromMicros(v));
  return {
    products: products.map((p) => ({
      productId: p.productId,
      measurementUnit: p.measurementUnit,
      perTransaction: out(p.tx),
      perDay: out(p.day),
      perBillingCycle: out(p.cycle),
    })),
    authorised,
    authoriseConsumption: authorised.every((a) => a.authorised === a.requested),
  };
}

/** The start of the billing cycle holding `now` for a billing day (1 to 28), at 00:00 UTC. */
export function billingCycleStart(now: Date, billingDay: number): Date {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const thisMonth = new Date(Date.UTC(y, m, billingDay));
  return thisMonth.getTime() <= now.getTime() ? thisMonth : new Date(Date.UTC(y, m - 1, billingDay));
}
