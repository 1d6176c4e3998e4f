import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { judgeOtp, OTP_MAX_ATTEMPTS, type OtpChallengeState } from './otp';

const NOW = new Date('2026-01-01T00:05:00.000Z');
const open: OtpChallengeState = { identityId: 'i1', purpose: 'LOGIN', attempts: 0, expiresAt: new Date('2026-01-01T00:06:00.000Z'), consumed: false };
const right = { now: NOW, matches: () => true };
const wrong = { now: NOW, matches: () => false };

describe('one-time code rule', () => {
  it('the right code on an open challenge is accepted', () => {
    assert.deepEqual(judgeOtp(open, right), { ok: true, identityId: 'i1', purpose: 'LOGIN' });
  });

  it('a wrong code is counted; the attempt that uses up the last try says so', () => {
    assert.deepEqual(judgeOtp(open, wrong), { ok: false, reason: 'OTP_INVALID', counted: true });
    assert.deepEqual(judgeOtp({ ...open, attempts: OTP_MAX_ATTEMPTS - 1 }, wrong), { ok: false, reason: 'OTP_ATTEMPTS_EXCEEDED', counted: true });
  });

  it('unknown, used, exhausted or expired challenges are refused without counting, even with the right code', () => {
    assert.deepEqual(judgeOtp(null, right), { ok: false, reason: 'OTP_INVALID', counted: false });
    assert.deepEqual(judgeOtp({ ...open, consumed: true }, right), { ok: false, reason: 'OTP_INVALID', counted: false });
    assert.deepEqual(judgeOtp({ ...open, identityId: null }, right), { ok: false, reason: 'OTP_INVALID', counted: false });
    assert.deepEqual(judgeOtp({ ...open, attempts: OTP_MAX_ATTEMPTS }, right), { ok: false, reason: 'OTP_ATTEMPTS_EXCEEDED', counted: false });
    assert.deepEqual(judgeOtp({ ...open, expiresAt: NOW }, right), { ok: false, reason: 'OTP_EXPIRED', counted: false });
  });

  it('the code is compared only while the challenge is open', () => {
    let compared = 0;
    judgeOtp({ ...open, consumed: true }, { now: NOW, matches: () => ++compared > 0 });
    judgeOtp({ ...open, expiresAt: NOW }, { now: NOW, matches: () => ++compared > 0 });
    assert.equal(compared, 0);
  });
});
