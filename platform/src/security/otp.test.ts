import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateOtp, hashOtp, otpMatches } from './otp';

const SECRET = 'otp-secret-0123456789-0123456789-abcdef';

describe('generateOtp', () => {
  it('always yields exactly six digits, keeping leading zeros', () => {
    let leadingZero = 0;
    for (let i = 0; i < 5000; i++) {
      const code = generateOtp();
      assert.match(code, /^[0-9]{6}$/);
      if (code.startsWith('0')) leadingZero++;
    }
    assert.ok(leadingZero > 0, 'codes starting with 0 must exist');
  });

  it('spreads the leading digit evenly (chi-squared over 20,000 codes)', () => {
    const n = 20_000;
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < n; i++) counts[Number(generateOtp()[0])]!++;
    const expected = n / 10;
    const chi2 = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
    // 9 degrees of freedom: 40 is exceeded by chance with probability < 1e-5.
    assert.ok(chi2 < 40, `chi2=${chi2.toFixed(1)} counts=${counts.join(',')}`);
  });

  it('rarely repeats (birthday bound over 1,000 draws from 10^6)', () => {
    const codes = Array.from({ length: 1000 }, generateOtp);
    // expected duplicates ≈ 0.5; more than 8 would mean a broken generator
    assert.ok(codes.length - new Set(codes).size <= 8);
  });
});

describe('hashOtp / otpMatches', () => {
  it('hashes deterministically, bound to secret and salt', () => {
    const h = hashOtp('123456', SECRET, 'challenge-1');
    assert.match(h, /^[0-9a-f]{64}$/);
    assert.equal(h, hashOtp('123456', SECRET, 'challenge-1'));
    assert.notEqual(h, hashOtp('123456', SECRET, 'challenge-2'));
    assert.notEqual(h, hashOtp('123456', `${SECRET}x`, 'challenge-1'));
    assert.notEqual(h, hashOtp('123457', SECRET, 'challenge-1'));
  });

  it('matches only the right code for the right challenge', () => {
    const code = generateOtp();
    const stored = hashOtp(code, SECRET, 'c-42');
    assert.equal(otpMatches(code, SECRET, 'c-42', stored), true);
    assert.equal(otpMatches(code, SECRET, 'c-42', stored.toUpperCase()), true);
    assert.equal(otpMatches(code, SECRET, 'c-43', stored), false);
    const other = code === '000000' ? '000001' : '000000';
    assert.equal(otpMatches(other, SECRET, 'c-42', stored), false);
  });

  it('never matches malformed input', () => {
    const stored = hashOtp('012345', SECRET, 'c');
    for (const input of ['12345', '0123456', ' 012345', '012345 ', '01234a', '０１２３４５', '', undefined, null, 12345]) {
      assert.equal(otpMatches(input, SECRET, 'c', stored), false, String(input));
    }
    // a stored hash of the empty code must not be matchable by malformed input either
    assert.equal(otpMatches('abc', SECRET, 'c', hashOtp('', SECRET, 'c')), false);
  });
});
