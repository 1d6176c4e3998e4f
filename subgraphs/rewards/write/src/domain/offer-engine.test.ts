import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateOffers, inWindow, localTime, periodStart, type EngineInput, type PurchaseFacts } from './offer-engine';
import { offer, SCHEME_ID } from '../testing/fixtures';

// Wednesday 2026-01-07 12:30 UTC (14:30 in Nicosia)
const AT = new Date('2026-01-07T12:30:00.000Z');

const facts = (over: Partial<PurchaseFacts> = {}): PurchaseFacts => ({
  currency: 'EUR',
  net: 5_000n,
  organisationId: 'org-1',
  classification: 'coffee',
  products: [
    { sku: 'LATTE', category: 'drinks', quantity: 2, net: 800n },
    { sku: 'CAKE', category: 'food', quantity: 1, net: 400n },
  ],
  at: AT,
  tier: 'GOLD',
  ...over,
});

const run = (o: ReturnType<typeof offer>[], f: PurchaseFacts = facts(), more: Partial<EngineInput> = {}) =>
  evaluateOffers({
    facts: f,
    offers: o,
    schemes: [{ id: SCHEME_ID, state: 'ACTIVE', resolution: 'ALL' }],
    memberOf: new Set([SCHEME_ID]),
    awardedInPeriod: () => 0n,
    ...more,
  });

describe('offer engine: each condition passes and fails (table)', () => {
  const cases: { name: string; condition: string; offer: ReturnType<typeof offer>; passes: PurchaseFacts; fails: PurchaseFacts }[] = [
    {
      name: 'minimum amount (inclusive)',
      condition: 'min_amount',
      offer: offer({ conditions: { minAmount: '50.00' } }),
      passes: facts({ net: 5_000n }),
      fails: facts({ net: 4_999n }),
    },
    {
      name: 'organisations',
      condition: 'organisations',
      offer: offer({ conditions: { organisationIds: ['org-1'] } }),
      passes: facts(),
      fails: facts({ organisationId: 'org-2' }),
    },
    {
      name: 'organisation missing',
      condition: 'organisations',
      offer: offer({ conditions: { organisationIds: ['org-1'] } }),
      passes: facts(),
      fails: facts({ organisationId: null }),
    },
    {
      name: 'classification',
      condition: 'classification',
      offer: offer({ conditions: { classifications: ['coffee'] } }),
      passes: facts(),
      fails: facts({ classification: 'fuel' }),
    },
    {
      name: 'product SKU',
      condition: 'products',
      offer: offer({ conditions: { productSkus: ['CAKE'] } }),
      passes: facts(),
      fails: facts({ products: [{ sku: 'LATTE', category: null, quantity: 1, net: 1n }] }),
    },
    {
      name: 'product category',
      condition: 'products',
      offer: offer({ conditions: { productCategories: ['food'] } }),
      passes: facts(),
      fails: facts({ products: [] }),
    },
    {
      name: 'day of week (in the offer’s zone)',
      condition: 'day_of_week',
      offer: offer({ conditions: { daysOfWeek: ['WEDNESDAY'], timeZone: 'Asia/Tokyo' } }),
      passes: facts(),
      fails: facts({ at: new Date('2026-01-07T15:30:00.000Z') }),
    },
    {
      name: 'happy-hour window',
      condition: 'time_window',
      offer: offer({ conditions: { timeWindows: [{ from: '14:00', to: '15:00' }], timeZone: 'Asia/Nicosia' } }),
      passes: facts(),
      fails: facts({ at: new Date('2026-01-07T13:00:00.000Z') }),
    },
    {
      name: 'window across midnight',
      condition: 'time_window',
      offer: offer({ conditions: { timeWindows: [{ from: '22:00', to: '02:00' }] } }),
      passes: facts({ at: new Date('2026-01-07T01:59:00.000Z') }),
      fails: facts({ at: new Date('2026-01-07T02:00:00.000Z') }),
    },
    { name: 'tier', condition: 'tier', offer: offer({ conditions: { tiers: ['GOLD'] } }), passes: facts(), fails: facts({ tier: null }) },
    { name: 'currency', condition: 'currency', offer: offer({ currency: 'USD' }), passes: facts({ currency: 'USD' }), fails: facts() },
    { name: 'offer state', condition: 'offer_state', offer: offer(), passes: facts(), fails: facts() },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const ok = run([c.offer], c.passes);
      assert.equal(ok.awards.length, 1, JSON.stringify(ok.evaluations[0]));
      assert.equal(ok.evaluations[0]!.conditions.find((x) => x.condition === c.condition)?.passed, true);
      const failing = c.condition === 'offer_state' ? { ...c.offer, state: 'INACTIVE' as const } : c.offer;
      const ko = run([failing], c.fails);
      assert.equal(ko.awards.length, 0);
      const check = ko.evaluations[0]!.conditions.find((x) => x.condition === c.condition);
      assert.equal(check?.passed, false, JSON.stringify(ko.evaluations[0]));
      assert.match(ko.evaluations[0]!.note, new RegExp(`failed: .*${c.condition}`));
    });
  }

  it('the scheme: inactive, or the contact not signed up, fails the offer', () => {
    assert.equal(run([offer()], facts(), { memberOf: new Set() }).awards.length, 0);
    const inactive = run([offer()], facts(), { schemes: [{ id: SCHEME_ID, state: 'INACTIVE', resolution: 'ALL' }] });
    assert.equal(inactive.evaluations[0]!.conditions.find((c) => c.condition === 'scheme')?.detail, 'scheme is INACTIVE');
  });

  it('lists only the configured conditions (plus state, scheme and currency)', () => {
    assert.deepEqual(
      run([offer()]).evaluations[0]!.conditions.map((c) => c.condition),
      ['offer_state', 'scheme', 'currency'],
    );
  });
});

describe('offer engine: award amounts and caps (table)', () => {
  const cases: { name: string; offer: ReturnType<typeof offer>; f?: PurchaseFacts; awarded?: bigint; expect: bigint }[] = [
    { name: 'fixed', offer: offer({ award: { method: 'FIXED', amount: '2.50' } }), expect: 250n },
    { name: 'percent of net', offer: offer({ award: { method: 'PERCENT', amount: null, percent: '5' } }), expect: 250n },
    {
      name: 'percent rounds down',
      offer: offer({ award: { method: 'PERCENT', amount: null, percent: '2.5' } }),
      f: facts({ net: 999n }),
      expect: 24n,
    },
    {
      name: 'fractional percent',
      offer: offer({ award: { method: 'PERCENT', amount: null, percent: '0.1234' } }),
      f: facts({ net: 1_000_000n }),
      expect: 1234n,
    },
    { name: 'per product unit (by SKU)', offer: offer({ award: { method: 'PER_PRODUCT', amount: '0.50', productSkus: ['LATTE'] } }), expect: 100n },
    {
      name: 'per product unit (by category)',
      offer: offer({ award: { method: 'PER_PRODUCT', amount: '0.50', productCategories: ['drinks', 'food'] } }),
      expect: 150n,
    },
    {
      name: 'per-purchase cap',
      offer: offer({ award: { method: 'PERCENT', amount: null, percent: '10' }, caps: { perPurchase: '3.00' } }),
      expect: 300n,
    },
    {
      name: 'per-contact cap: what is left',
      offer: offer({ award: { method: 'FIXED', amount: '5.00' }, caps: { perContact: { amount: '8.00', period: 'MONTH' } } }),
      awarded: 600n,
      expect: 200n,
    },
    {
      name: 'per-contact cap: used up',
      offer: offer({ award: { method: 'FIXED', amount: '5.00' }, caps: { perContact: { amount: '8.00', period: 'MONTH' } } }),
      awarded: 800n,
      expect: 0n,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = run([c.offer], c.f ?? facts(), { awardedInPeriod: () => c.awarded ?? 0n });
      assert.equal(r.awards[0]?.amount ?? 0n, c.expect, JSON.stringify(r.evaluations[0]));
    });
  }

  it('validity → the award expires that many days after the purchase; a commerce pool is carried', () => {
    const r = run([offer({ validityDays: 30, commercePoolId: 'pool-1' })]);
    assert.equal(r.awards[0]!.expiresAt?.toISOString(), '2026-02-06T12:30:00.000Z');
    assert.equal(r.awards[0]!.commercePoolId, 'pool-1');
  });
});

describe('offer engine: resolution per scheme (table)', () => {
  const a = offer({ id: '00000000-0000-4000-8000-0000000000a1', name: 'A', priority: 20, award: { amount: '1.00' } });
  const b = offer({ id: '00000000-0000-4000-8000-0000000000b1', name: 'B', priority: 10, award: { amount: '3.00' } });
  const c = offer({ id: '00000000-0000-4000-8000-0000000000c1', name: 'C', priority: 5, award: { amount: '2.00' } });
  const failing = offer({
    id: '00000000-0000-4000-8000-0000000000d1',
    name: 'D',
    priority: 1,
    award: { amount: '9.00' },
    conditions: { minAmount: '1000' },
  });
  const cases: { rule: 'ALL' | 'BEST' | 'FIRST'; expect: string[] }[] = [
    { rule: 'ALL', expect: ['C', 'B', 'A'] },
    { rule: 'BEST', expect: ['B'] },
    { rule: 'FIRST', expect: ['C'] },
  ];
  for (const t of cases) {
    it(`${t.rule}`, () => {
      const r = run([a, b, c, failing], facts(), { schemes: [{ id: SCHEME_ID, state: 'ACTIVE', resolution: t.rule }] });
      const names = r.awards.map((w) => [a, b, c].find((o) => o.id === w.offerId)!.name);
      assert.deepEqual(names, t.expect);
      assert.deepEqual(r.resolutions, [{ schemeId: SCHEME_ID, rule: t.rule }]);
      const d = r.evaluations.find((e) => e.offerName === 'D')!;
      assert.equal(d.selected, false);
      assert.equal(d.eligible, false);
      if (t.rule !== 'ALL') assert.ok(r.evaluations.some((e) => e.eligible && !e.selected && e.note === `not chosen: scheme resolution ${t.rule}`));
    });
  }

  it('BEST ties go to the lower priority number; an offer capped to zero is not a candidate', () => {
    const x = offer({ id: '00000000-0000-4000-8000-0000000000e1', priority: 50, award: { amount: '3.00' } });
    const y = offer({ id: '00000000-0000-4000-8000-0000000000f1', priority: 40, award: { amount: '3.00' } });
    const z = offer({
      id: '00000000-0000-4000-8000-0000000000f2',
      priority: 1,
      award: { amount: '5.00' },
      caps: { perContact: { amount: '1.00', period: 'DAY' } },
    });
    const r = run([x, y, z], facts(), {
      schemes: [{ id: SCHEME_ID, state: 'ACTIVE', resolution: 'BEST' }],
      awardedInPeriod: (id) => (id === z.id ? 100n : 0n),
    });
    assert.deepEqual(
      r.awards.map((w) => w.offerId),
      [y.id],
    );
  });

  it('resolves each scheme on its own', () => {
    const other = '00000000-0000-4000-8000-00000000a002';
    const r = run([a, b, offer({ id: '00000000-0000-4000-8000-0000000000c9', schemeId: other, award: { amount: '0.10' } })], facts(), {
      schemes: [
        { id: SCHEME_ID, state: 'ACTIVE', resolution: 'FIRST' },
        { id: other, state: 'ACTIVE', resolution: 'ALL' },
      ],
      memberOf: new Set([SCHEME_ID, other]),
    });
    assert.deepEqual(
      r.awards.map((w) => w.amount),
      [300n, 10n],
    );
  });
});

describe('offer engine: clock helpers', () => {
  it('local time in a zone, windows, period starts', () => {
    assert.deepEqual(localTime(AT, 'Asia/Nicosia'), { day: 'WEDNESDAY', minute: 14 * 60 + 30, hhmm: '14:30' });
    assert.equal(inWindow(0, { from: '23:00', to: '01:00' }), true);
    assert.equal(inWindow(60, { from: '23:00', to: '01:00' }), false);
    assert.equal(periodStart(AT, 'DAY').toISOString(), '2026-01-07T00:00:00.000Z');
    assert.equal(periodStart(AT, 'WEEK').toISOString(), '2026-01-05T00:00:00.000Z');
    assert.equal(periodStart(new Date('2026-01-11T23:00:00Z'), 'WEEK').toISOString(), '2026-01-05T00:00:00.000Z');
    assert.equal(periodStart(AT, 'MONTH').toISOString(), '2026-01-01T00:00:00.000Z');
    assert.equal(periodStart(AT, 'YEAR').toISOString(), '2026-01-01T00:00:00.000Z');
  });
});
