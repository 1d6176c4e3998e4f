import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { PriceModel, Tier } from '@crm/event-bus/contracts/catalogue';
import { amountFor, tiersProblem } from './pricing';
import { fromMicros, normaliseAmount, toMicros } from './money';

const tiers: Tier[] = [
  { lower: 1, upper: 10, price: '5.00' },
  { lower: 11, upper: 20, price: '4.00' },
  { lower: 21, upper: null, price: '3.10' },
];
const priced = (priceModel: PriceModel, t: Tier[] = tiers) => ({ price: '9.99', priceModel, tiers: t });

describe('amountFor: the amount for a quantity under each price model', () => {
  const table: [PriceModel, number, string | null][] = [
    ['FLAT', 0, '0.00'],
    ['FLAT', 1, '9.99'],
    ['FLAT', 3, '29.97'],
    // graduated: 10 × 5 + 10 × 4 + 5 × 3.10
    ['TIERED', 25, '105.50'],
    ['TIERED', 10, '50.00'],
    ['TIERED', 11, '54.00'],
    ['TIERED', 0, '0.00'],
    // volume: every unit at the tier of the whole quantity
    ['VOLUME', 10, '50.00'],
    ['VOLUME', 11, '44.00'],
    ['VOLUME', 25, '77.50'],
    ['VOLUME', 0, null],
    // stair-step: the tier's price is the total
    ['STAIRSTEP', 1, '5.00'],
    ['STAIRSTEP', 10, '5.00'],
    ['STAIRSTEP', 11, '4.00'],
    ['STAIRSTEP', 1000, '3.10'],
  ];
  for (const [model, quantity, expected] of table) {
    it(`${model} × ${quantity} → ${expected}`, () => assert.equal(amountFor(priced(model), quantity), expected));
  }

  it('is exact where floats are not (0.1 × 3, 0.000001 × 1 000 000)', () => {
    assert.equal(amountFor({ price: '0.1', priceModel: 'FLAT', tiers: [] }, 3), '0.30');
    assert.equal(amountFor({ price: '0.000001', priceModel: 'FLAT', tiers: [] }, 1_000_000), '1.00');
    assert.equal(amountFor({ price: '999999999999.999999', priceModel: 'FLAT', tiers: [] }, 2), '1999999999999.999998');
  });

  it('answers null when a bounded last tier does not reach the quantity', () => {
    const bounded: Tier[] = [{ lower: 1, upper: 5, price: '2' }];
    assert.equal(amountFor(priced('TIERED', bounded), 6), null);
    assert.equal(amountFor(priced('VOLUME', bounded), 6), null);
    assert.equal(amountFor(priced('STAIRSTEP', bounded), 6), null);
  });

  it('refuses a quantity that is not a non-negative integer', () => {
    assert.throws(() => amountFor(priced('FLAT'), 1.5));
    assert.throws(() => amountFor(priced('FLAT'), -1));
  });
});

describe('tiersProblem', () => {
  it('accepts contiguous tiers ending open, and none for FLAT', () => {
    assert.equal(tiersProblem('TIERED', tiers), null);
    assert.equal(tiersProblem('FLAT', []), null);
  });
  it('names the problem of gaps, overlaps, open middles, missing tiers and tiers on FLAT', () => {
    assert.match(tiersProblem('VOLUME', [tiers[0]!, tiers[2]!])!, /tier 2: must start right after tier 1 \(at 11\)/);
    assert.match(tiersProblem('VOLUME', [{ lower: 1, upper: null, price: '1' }, tiers[1]!])!, /only the last tier may be open-ended/);
    assert.match(tiersProblem('STAIRSTEP', [{ lower: 5, upper: 2, price: '1' }])!, /first tier must start/);
    assert.match(tiersProblem('STAIRSTEP', [{ lower: 1, upper: 0, price: '1' }])!, /upper is below lower/);
    assert.match(tiersProblem('TIERED', [])!, /needs at least one tier/);
    assert.match(tiersProblem('FLAT', tiers)!, /has no tiers/);
  });
});

describe('money', () => {
  it('round-trips decimal strings through micro-units', () => {
    assert.equal(toMicros('12.5'), 12_500_000n);
    assert.equal(fromMicros(12_500_000n), '12.50');
    assert.equal(normaliseAmount('007.123400'), '7.1234');
    assert.throws(() => toMicros('1.2345678'));
    assert.throws(() => toMicros('-1'));
  });
});
