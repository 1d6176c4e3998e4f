import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { monthsOf, parseAnalyticsQuery, sumOf } from './windows';

const iso = (d: Date) => d.toISOString();

describe('contact analytics windows', () => {
  const now = new Date('2026-02-15T12:00:00Z');
  it('covers whole calendar months, oldest first, across a year boundary', () => {
    assert.deepEqual(
      monthsOf('THIS_MONTH', now).map((m) => [iso(m.from), iso(m.to)]),
      [['2026-02-01T00:00:00.000Z', '2026-02-28T23:59:59.999Z']],
    );
    assert.deepEqual(
      monthsOf('LAST_MONTH', now).map((m) => iso(m.from)),
      ['2026-01-01T00:00:00.000Z'],
    );
    assert.deepEqual(
      monthsOf('LAST_QUARTER', now).map((m) => iso(m.from)),
      ['2025-12-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z'],
    );
    assert.equal(monthsOf('LAST_SIX_MONTHS', now)[0]!.from.toISOString(), '2025-09-01T00:00:00.000Z');
  });
  it('refuses a missing or unknown frequency or metric, naming the parameter', () => {
    const field = (q: string) => {
      try {
        parseAnalyticsQuery(new URLSearchParams(q));
        return null;
      } catch (e) {
        return (e as { field?: string }).field;
      }
    };
    assert.equal(field('metrics=ORDER_TOTALS'), 'frequency');
    assert.equal(field('frequency=YESTERDAY&metrics=ORDER_TOTALS'), 'frequency');
    assert.equal(field('frequency=THIS_MONTH'), 'metrics');
    assert.equal(field('frequency=THIS_MONTH&metrics=ORDER_TOTALS,PROFIT'), 'metrics');
    assert.equal(field('frequency=THIS_MONTH&metrics=ORDER_TOTALS&x=1'), 'x');
    assert.deepEqual(parseAnalyticsQuery(new URLSearchParams('frequency=LAST_MONTH&metrics=WALLET_TOTALS, AWARDS_PER_MONTH,WALLET_TOTALS')).metrics, [
      'WALLET_TOTALS',
      'AWARDS_PER_MONTH',
    ]);
  });
  it('sums decimal amounts of one type and entry exactly', () => {
    const totals = [
      { type: 'TOP_UP', entry: 'CREDIT', amount: '10.10' },
      { type: 'TOP_UP', entry: 'CREDIT', amount: '0.2' },
      { type: 'TOP_UP', entry: 'DEBIT', amount: '5.00' },
      { type: 'SPEND', entry: 'DEBIT', amount: '3.33' },
    ];
    assert.equal(sumOf(totals, 'TOP_UP', 'CREDIT'), 10.3);
    assert.equal(sumOf(totals, 'SPEND', 'DEBIT'), 3.33);
    assert.equal(sumOf(totals, 'AWARD', 'CREDIT'), 0);
  });
});
