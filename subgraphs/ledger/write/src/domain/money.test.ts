import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exponentOf, formatMinor, parseAmount } from './money';

describe('money', () => {
  it('parses decimal strings to exact minor units with the ISO-4217 exponent, and back', () => {
    assert.equal(parseAmount('12.50', 'EUR'), 1250n);
    assert.equal(parseAmount('0.1', 'EUR'), 10n);
    assert.equal(parseAmount('1000', 'JPY'), 1000n);
    assert.equal(parseAmount('1.234', 'KWD'), 1234n);
    assert.equal(parseAmount('123456789012.34', 'EUR'), 12345678901234n);
    assert.equal(formatMinor(1250n, 'EUR'), '12.50');
    assert.equal(formatMinor(-5n, 'EUR'), '-0.05');
    assert.equal(formatMinor(1000n, 'JPY'), '1000');
    assert.equal(formatMinor(1234n, 'KWD'), '1.234');
    assert.equal(exponentOf('PTS'), 0);
  });

  it('refuses zero, negative, malformed, too many decimals and unknown currencies, naming the field', () => {
    assert.throws(() => parseAmount('0.00', 'EUR'), { field: 'amount', reason: 'AMOUNT_NOT_POSITIVE' });
    assert.throws(() => parseAmount('-1', 'EUR'), { field: 'amount', reason: 'INVALID_AMOUNT' });
    assert.throws(() => parseAmount('1e3', 'EUR'), { field: 'amount', reason: 'INVALID_AMOUNT' });
    assert.throws(() => parseAmount('1.005', 'EUR'), { field: 'amount', reason: 'TOO_MANY_DECIMALS' });
    assert.throws(() => parseAmount('1.5', 'JPY'), { field: 'amount', reason: 'TOO_MANY_DECIMALS' });
    assert.throws(() => parseAmount('1', 'XYZ'), { field: 'currency', reason: 'INVALID_CURRENCY' });
    assert.throws(() => parseAmount('1', 'eur'), { field: 'currency', reason: 'INVALID_CURRENCY' });
    assert.throws(() => parseAmount('99999999999999999', 'EUR'), { field: 'amount', reason: 'AMOUNT_TOO_LARGE' });
  });
});
