import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fromMinor, toMinor } from './money';
import { looksLikeCardNumber, luhnValid } from './card-data';

describe('money (exact minor units)', () => {
  const cases: [string, string, bigint, string][] = [
    ['25.5', 'EUR', 2550n, '25.50'],
    ['0.01', 'EUR', 1n, '0.01'],
    ['1000', 'JPY', 1000n, '1000'],
    ['1.234', 'KWD', 1234n, '1.234'],
    ['999999999999999.99', 'EUR', 99999999999999999n, '999999999999999.99'],
    ['7.10', 'EUR', 710n, '7.10'],
  ];
  for (const [text, currency, minor, canonical] of cases)
    it(`${text} ${currency} is ${minor} minor units, printed ${canonical}`, () => {
      assert.equal(toMinor(text, currency), minor);
      assert.equal(fromMinor(minor, currency), canonical);
    });
  it('refuses zero, negatives, exponents and too many decimals', () => {
    for (const [text, currency] of [
      ['0', 'EUR'],
      ['-1', 'EUR'],
      ['1e3', 'EUR'],
      ['0.001', 'EUR'],
      ['0.5', 'JPY'],
    ] as const)
      assert.throws(() => toMinor(text, currency), { field: 'amount' });
  });
});

describe('card numbers are recognised (Luhn)', () => {
  it('test card numbers, with or without separators', () => {
    assert.ok(luhnValid('4242424242424242'));
    assert.ok(looksLikeCardNumber('4242 4242 4242 4242'));
    assert.ok(looksLikeCardNumber('card: 5555-5555-5555-4444.'));
    assert.ok(looksLikeCardNumber('378282246310005'));
  });
  it('ids, dates and short digit runs are not', () => {
    assert.ok(!looksLikeCardNumber('tok_visa'));
    assert.ok(!looksLikeCardNumber('1234567890123'));
    assert.ok(!looksLikeCardNumber('2026-12-07T10:00:00Z'));
    assert.ok(!looksLikeCardNumber('424242 4242'));
  });
});
