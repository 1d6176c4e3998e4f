import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { epochSeconds, isoOfEpochSeconds, minorUnitsOfMoney, moneyOfMinorUnits } from './format';

describe('time and money as the contracts write them', () => {
  it('epoch seconds round down from ISO strings, milliseconds and dates, and back', () => {
    assert.equal(epochSeconds('2026-12-07T13:00:00.999Z'), 1796648400);
    assert.equal(epochSeconds(1796648400999), 1796648400);
    assert.equal(epochSeconds(new Date('2026-12-07T13:00:00Z')), 1796648400);
    assert.equal(isoOfEpochSeconds(1796648400), '2026-12-07T13:00:00.000Z');
  });

  it('money: minor units to a decimal amount with the currency exponent, and back without float drift', () => {
    assert.equal(moneyOfMinorUnits(1999), 19.99);
    assert.equal(moneyOfMinorUnits(5, 3), 0.005);
    assert.equal(moneyOfMinorUnits(-250), -2.5);
    assert.equal(minorUnitsOfMoney(19.99), 1999);
    assert.equal(minorUnitsOfMoney(0.1 + 0.2), 30);
    assert.equal(minorUnitsOfMoney(1.005, 3), 1005);
  });
});
