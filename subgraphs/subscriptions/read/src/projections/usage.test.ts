import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { billingCycleStart, estimateAllowance } from './allowance-estimate';
import { fromMicros, toMicros } from './decimal';
import type { UsageAllowanceView } from './usage-views.projection';

const allowance: UsageAllowanceView = {
  serviceId: '00000000-0000-4000-8000-00000000a001',
  contactId: '00000000-0000-4000-8000-00000000c001',
  subscriptionId: '00000000-0000-4000-8000-00000000e001',
  version: 1,
  updatedAt: '2026-05-01T00:00:00.000Z',
  allowances: [
    { productId: 'data-mb', measurementUnit: 'MB', limits: { perTransaction: '100', perDay: '150.5', perBillingCycle: '1000' } },
    { productId: 'sms', measurementUnit: null, limits: { perTransaction: null, perDay: null, perBillingCycle: '10' } },
  ],
};

describe('exact decimals', () => {
  it('round-trips and adds without floats', () => {
    assert.equal(fromMicros(toMicros('0.1') + toMicros('0.2')), '0.3');
    assert.equal(fromMicros(toMicros('123456789012.000001') * 3n), '370370367036.000003');
    assert.equal(fromMicros(toMicros('5') - toMicros('7.25')), '-2.25');
    assert.throws(() => toMicros('1.0000001'));
  });
});

describe('estimateAllowance', () => {
  it('remaining = limit − consumed per day and cycle; requests capped by the smallest remaining limit', () => {
    const e = estimateAllowance(
      allowance,
      new Map([
        ['data-mb', { day: '100.25', cycle: '900' }],
        ['sms', { day: '0', cycle: '12' }],
      ]),
      [
        { productId: 'data-mb', amount: '60' },
        { productId: 'sms', amount: '1' },
        { productId: 'voice', amount: '3' },
      ],
    );
    assert.deepEqual(e.products, [
      { productId: 'data-mb', measurementUnit: 'MB', perTransaction: '100', perDay: '50.25', perBillingCycle: '100' },
      { productId: 'sms', measurementUnit: null, perTransaction: null, perDay: null, perBillingCycle: '0' },
    ]);
    assert.deepEqual(e.authorised, [
      { productId: 'data-mb', requested: '60', authorised: '50.25' },
      { productId: 'sms', requested: '1', authorised: '0' },
      { productId: 'voice', requested: '3', authorised: '0' },
    ]);
    assert.equal(e.authoriseConsumption, false);
  });
  it('authorises in full what fits', () => {
    const e = estimateAllowance(allowance, new Map(), [{ productId: 'data-mb', amount: '0.000001' }]);
    assert.equal(e.authoriseConsumption, true);
    assert.deepEqual(estimateAllowance(null, new Map(), []).products, []);
  });
});

describe('billingCycleStart', () => {
  it('is the last billing day at or before now', () => {
    assert.equal(billingCycleStart(new Date('2026-05-10T10:00:00Z'), 5).toISOString(), '2026-05-05T00:00:00.000Z');
    assert.equal(billingCycleStart(new Date('2026-05-03T10:00:00Z'), 5).toISOString(), '2026-04-05T00:00:00.000Z');
    assert.equal(billingCycleStart(new Date('2026-01-03T10:00:00Z'), 28).toISOString(), '2025-12-28T00:00:00.000Z');
  });
});
