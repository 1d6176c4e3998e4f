import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { type Billed, billedKey, duePeriods, linesFor, type PlanPrice, type PricedSubscription, type ServiceTimeline, totalsOf } from './engine';
import { fractionOf, minorFromDecimal, splitTax } from './decimal';
import type { BillingModel, TaxModel } from './engine';

const price = (id: string, amount: string, model: BillingModel = 'PRE_BILL', tax: TaxModel = 'TAX_EXCLUSIVE', currency = 'EUR'): PlanPrice => ({
  id,
  productId: `prod-${id}`,
  productName: `Plan ${id}`,
  amount,
  currency,
  taxModel: tax,
  billingPeriod: { duration: 1, uot: 'MONTH' },
  billingModel: model,
});

const service = (id: string, priceId: string, effective: ServiceTimeline['effective'], extra: Partial<ServiceTimeline> = {}): ServiceTimeline => ({
  id,
  productId: `prod-${priceId}`,
  priceTermsId: priceId,
  quantity: 1,
  effective,
  trialEndsOn: null,
  ...extra,
});

const subscription = (services: ServiceTimeline[], prices: PlanPrice[], billingDay = 1): PricedSubscription => ({
  sub: { id: 'sub-1', contactId: 'c-1', accountId: null, billingDay, services },
  prices: new Map(prices.map((p) => [p.id, p])),
});

const NO_TAX = fractionOf('0', 'rate');
const eur = (t: string) => minorFromDecimal(t, 'EUR');

/** Bills every due period in order as a run would (each document once), returning the documents' totals. */
function billAll(p: PricedSubscription, billingDate: string, rate = NO_TAX) {
  const billed: Billed = new Map();
  const docs: { period: string; total: string; lines: ReturnType<typeof linesFor> }[] = [];
  const due = duePeriods(p, billingDate);
  due.forEach((cycle, i) => {
    const lines = linesFor(p, cycle, due.slice(0, i), billed, rate);
    for (const l of lines) {
      const k = billedKey(l.periodStart, l.serviceId);
      const was = billed.get(k) ?? { net: 0n, tax: 0n, gross: 0n };
      billed.set(k, { net: was.net + eur(l.net), tax: was.tax + eur(l.tax), gross: was.gross + eur(l.gross) });
    }
    if (lines.length) docs.push({ period: cycle.start, total: totalsOf(lines, 'EUR', eur).total, lines });
  });
  return docs;
}

describe('billing engine: periods', () => {
  it('given activation on the billing day, when billed, then the first period is full (not prorated)', () => {
    const p = subscription([service('s1', 'A', [{ from: '2026-03-15', to: null }])], [price('A', '30.00')], 15);
    const docs = billAll(p, '2026-03-15');
    assert.deepEqual(
      docs.map((d) => [d.period, d.total]),
      [['2026-03-15', '30.00']],
    );
  });

  it('given PRE_BILL, a period is due on its first day; given POST_BILL, only after its last', () => {
    const pre = subscription([service('s1', 'A', [{ from: '2026-01-01', to: null }])], [price('A', '10')]);
    const post = subscription([service('s1', 'A', [{ from: '2026-01-01', to: null }])], [price('A', '10', 'POST_BILL')]);
    assert.deepEqual(
      duePeriods(pre, '2026-03-01').map((c) => c.start),
      ['2026-01-01', '2026-02-01', '2026-03-01'],
    );
    assert.deepEqual(
      duePeriods(post, '2026-03-01').map((c) => c.start),
      ['2026-01-01', '2026-02-01'],
    );
  });

  it('a rerun on the same date finds the same periods (what makes a run idempotent per period)', () => {
    const p = subscription([service('s1', 'A', [{ from: '2026-01-10', to: null }])], [price('A', '10')], 10);
    assert.deepEqual(duePeriods(p, '2026-04-10'), duePeriods(p, '2026-04-10'));
  });
});

describe('billing engine: proration table (31-day March, 30-day April, price 31.00 / month)', () => {
  // [case, billing model, services, billing date, expected document totals by period]
  const A = price('A', '31.00');
  const B = price('B', '62.00');
  const Apost = price('A', '31.00', 'POST_BILL');
  const Bpost = price('B', '62.00', 'POST_BILL');
  const table: [string, PricedSubscription, string, [string, string][]][] = [
    [
      'PRE_BILL start mid-period (10 of 31 days)',
      subscription([service('s1', 'A', [{ from: '2026-03-22', to: null }])], [A]),
      '2026-03-22',
      [['2026-03-01', '10.00']],
    ],
    [
      'POST_BILL start mid-period',
      subscription([service('s1', 'A', [{ from: '2026-03-22', to: null }])], [Apost]),
      '2026-04-01',
      [['2026-03-01', '10.00']],
    ],
    [
      'PRE_BILL upgrade A→B on day 11: B charged 21 days, A credited 21 days on the next document',
      subscription([service('s1', 'A', [{ from: '2026-03-01', to: '2026-03-11' }]), service('s2', 'B', [{ from: '2026-03-11', to: null }])], [A, B]),
      '2026-04-01',
      // March billed (after the change was known): A 10 days = 10.00, B 21 days = 42.00; April: B 62.00
      [
        ['2026-03-01', '52.00'],
        ['2026-04-01', '62.00'],
      ],
    ],
    [
      'POST_BILL upgrade A→B on day 11',
      subscription(
        [service('s1', 'A', [{ from: '2026-03-01', to: '2026-03-11' }]), service('s2', 'B', [{ from: '2026-03-11', to: null }])],
        [Apost, Bpost],
      ),
      '2026-04-01',
      [['2026-03-01', '52.00']],
    ],
    [
      'POST_BILL downgrade B→A on day 21',
      subscription(
        [service('s1', 'B', [{ from: '2026-03-01', to: '2026-03-21' }]), service('s2', 'A', [{ from: '2026-03-21', to: null }])],
        [Apost, Bpost],
      ),
      '2026-04-01',
      // B 20 days of 62 = 40.00, A 11 days of 31 = 11.00
      [['2026-03-01', '51.00']],
    ],
    [
      'POST_BILL pause days 11-20 (10 days unpaid)',
      subscription(
        [
          service('s1', 'A', [
            { from: '2026-03-01', to: '2026-03-11' },
            { from: '2026-03-21', to: null },
          ]),
        ],
        [Apost],
      ),
      '2026-04-01',
      [['2026-03-01', '21.00']],
    ],
    [
      'POST_BILL cancel on day 16 (15 days)',
      subscription([service('s1', 'A', [{ from: '2026-03-01', to: '2026-03-16' }])], [Apost]),
      '2026-05-01',
      [['2026-03-01', '15.00']],
    ],
    [
      'trial of 10 days, then paid (POST_BILL)',
      subscription([service('s1', 'A', [{ from: '2026-03-01', to: null }], { trialEndsOn: '2026-03-11' })], [Apost]),
      '2026-04-01',
      [['2026-03-01', '21.00']],
    ],
  ];
  for (const [name, sub, date, expected] of table)
    it(name, () => {
      assert.deepEqual(
        billAll(sub, date).map((d) => [d.period, d.total]),
        expected,
      );
    });

  it('PRE_BILL cancel after the period was billed: the unused days come back once, as a credit on the next document', () => {
    const A = price('A', '31.00');
    // March billed in advance while the service was open
    const open = subscription([service('s1', 'A', [{ from: '2026-03-01', to: null }])], [A]);
    const billed: Billed = new Map();
    const march = duePeriods(open, '2026-03-01');
    const first = linesFor(open, march[0]!, [], billed, NO_TAX);
    assert.equal(totalsOf(first, 'EUR', eur).total, '31.00');
    billed.set(billedKey('2026-03-01', 's1'), { net: 3100n, tax: 0n, gross: 3100n });
    // then cancelled on 16 March: April's document carries the 16-day credit, no April charge
    const cancelled = subscription([service('s1', 'A', [{ from: '2026-03-01', to: '2026-03-16' }])], [A]);
    const due = duePeriods(cancelled, '2026-06-01');
    assert.deepEqual(
      due.map((c) => c.start),
      ['2026-03-01', '2026-04-01'],
    );
    const april = linesFor(cancelled, due[1]!, due.slice(0, 1), billed, NO_TAX);
    assert.deepEqual(
      april.map((l) => [l.kind, l.periodStart, l.gross]),
      [['ADJUSTMENT', '2026-03-01', '-16.00']],
    );
    billed.set(billedKey('2026-03-01', 's1'), { net: 1500n, tax: 0n, gross: 1500n });
    // nothing more is owed for March after the credit
    assert.deepEqual(linesFor(cancelled, due[1]!, due.slice(0, 1), billed, NO_TAX), []);
  });
});

describe('billing engine: taxes and rounding (exact to the minor unit)', () => {
  it('TAX_EXCLUSIVE adds the tax on the net: 10.00 at 19% is 10.00 + 1.90 = 11.90', () => {
    assert.deepEqual(splitTax(1000n, 'TAX_EXCLUSIVE', fractionOf('19', 'rate')), { net: 1000n, tax: 190n, gross: 1190n });
  });
  it('TAX_INCLUSIVE takes the tax out of the gross: 11.90 at 19% is 10.00 + 1.90', () => {
    assert.deepEqual(splitTax(1190n, 'TAX_INCLUSIVE', fractionOf('19', 'rate')), { net: 1000n, tax: 190n, gross: 1190n });
  });
  it('rounds half away from zero once per line: 0.05 at 7.5% tax is 0.0037 → 0.00; 9.99 at 7.5% → 0.75', () => {
    assert.equal(splitTax(5n, 'TAX_EXCLUSIVE', fractionOf('7.5', 'rate')).tax, 0n);
    assert.equal(splitTax(999n, 'TAX_EXCLUSIVE', fractionOf('7.5', 'rate')).tax, 75n);
  });
  it('a prorated line is rounded once: 10 of 31 days of 9.99 is 3.22 (3.2225…), and the totals add the lines exactly', () => {
    const p = subscription([service('s1', 'A', [{ from: '2026-03-22', to: null }], { quantity: 3 })], [price('A', '9.99')]);
    const docs = billAll(p, '2026-03-22', fractionOf('19', 'rate'));
    const line = docs[0]!.lines[0]!;
    // 3 × 9.99 × 10/31 = 9.6677… → 9.67 net, 19% = 1.8373 → 1.84, gross 11.51
    assert.deepEqual([line.net, line.tax, line.gross], ['9.67', '1.84', '11.51']);
    assert.deepEqual(totalsOf(docs[0]!.lines, 'EUR', eur), { net: '9.67', tax: '1.84', total: '11.51' });
  });
  it('zero-decimal currencies round to whole units', () => {
    const p = subscription([service('s1', 'J', [{ from: '2026-03-22', to: null }])], [price('J', '1000', 'PRE_BILL', 'TAX_EXCLUSIVE', 'JPY')]);
    const docs = billAll(p, '2026-03-22');
    // 1000 × 10/31 = 322.58 → 323
    assert.equal(docs[0]!.lines[0]!.gross.replace(/\..*/, ''), '323');
  });
});
