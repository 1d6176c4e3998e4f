import type { Price, PriceModel, Tier } from '@crm/event-bus/contracts/catalogue';
import { fromMicros, toMicros } from './money';

/** Why a set of tiers is refused (null = fine). */
export function tiersProblem(model: PriceModel, tiers: readonly Tier[]): string | null {
  if (model === 'FLAT') return tiers.length === 0 ? null : 'a FLAT price has no tiers';
  if (tiers.length === 0) return `a ${model} price needs at least one tier`;
  if (tiers[0]!.lower > 1) return 'the first tier must start at quantity 0 or 1';
  for (let i = 0; i < tiers.length; i++) {
    const t = tiers[i]!;
    const last = i === tiers.length - 1;
    if (t.upper === null && !last) return `tier ${i + 1}: only the last tier may be open-ended`;
    if (t.upper !== null && t.upper < t.lower) return `tier ${i + 1}: upper is below lower`;
    if (i > 0 && t.lower !== tiers[i - 1]!.upper! + 1) return `tier ${i + 1}: must start right after tier ${i} (at ${tiers[i - 1]!.upper! + 1})`;
  }
  return null;
}

const contains = (t: Tier, quantity: number) => quantity >= t.lower && (t.upper === null || quantity <= t.upper);

/**
 * What `quantity` units cost under the price's model (exact, as a decimal string), or null when
 * no tier covers the quantity:
 * - FLAT: price × quantity;
 * - TIERED (graduated): each unit at the price of the tier it falls in;
 * - VOLUME: every unit at the price of the tier the whole quantity falls in;
 * - STAIRSTEP: the tier's price is the total for any quantity inside it.
 */
export function amountFor(p: Pick<Price, 'price' | 'priceModel' | 'tiers'>, quantity: number): string | null {
  if (!Number.isInteger(quantity) || quantity < 0) throw new Error(`not a quantity: ${quantity}`);
  const q = BigInt(quantity);
  switch (p.priceModel) {
    case 'FLAT':
      return fromMicros(toMicros(p.price) * q);
    case 'TIERED': {
      if (quantity === 0) return fromMicros(0n);
      const last = p.tiers[p.tiers.length - 1];
      if (!last || (last.upper !== null && quantity > last.upper) || p.tiers[0]!.lower > 1) return null;
      let total = 0n;
      for (const t of p.tiers) {
        const from = Math.max(t.lower, 1);
        const to = Math.min(quantity, t.upper ?? quantity);
        if (to >= from) total += toMicros(t.price) * BigInt(to - from + 1);
      }
      return fromMicros(total);
    }
    case 'VOLUME': {
      const t = p.tiers.find((x) => contains(x, quantity));
      return t ? fromMicros(toMicros(t.price) * q) : null;
    }
    case 'STAIRSTEP': {
      const t = p.tiers.find((x) => contains(x, quantity));
      return t ? fromMicros(toMicros(t.price)) : null;
    }
  }
}
