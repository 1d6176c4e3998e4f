import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { exponentOf, formatMoney, roundToCurrency, toMicro } from './money';

describe('order money', () => {
  it('parses decimal strings exactly and refuses anything else', () => {
    assert.equal(toMicro('12.5'), 12_500_000n);
    assert.equal(toMicro('0.000001'), 1n);
    assert.equal(toMicro('7'), 7_000_000n);
    for (const bad of ['-1', '1.0000001', '1e3', '', ' 1', '0x10']) assert.throws(() => toMicro(bad), /not a decimal/);
  });

  it('rounds half-up to the currency exponent and formats with it', () => {
    assert.equal(formatMoney(toMicro('2.105'), 'EUR'), '2.11');
    assert.equal(formatMoney(toMicro('2.104999'), 'EUR'), '2.10');
    assert.equal(formatMoney(toMicro('2.5'), 'JPY'), '3');
    assert.equal(formatMoney(toMicro('1.2345'), 'KWD'), '1.235');
    assert.equal(formatMoney(0n, 'EUR'), '0.00');
    assert.equal(roundToCurrency(toMicro('0.005'), 'EUR'), toMicro('0.01'));
    assert.equal(exponentOf('EUR'), 2);
  });
});
