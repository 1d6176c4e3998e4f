import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '@crm/platform/errors';
import { judgeWalletOtp, linkWallet, MAX_OTP_ATTEMPTS, normaliseIdentity, setWalletIdentity, type LinkWallet } from './wallet-link';

const W = '00000000-0000-4000-8000-00000000000a';
const OWN = '00000000-0000-4000-8000-00000000000b';
const A = '00000000-0000-4000-8000-0000000000a1';
const B = '00000000-0000-4000-8000-0000000000b1';
const refused = (fn: () => unknown, code: string, reason: string, field?: string) =>
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof AppError);
    assert.equal(e.code, code);
    assert.equal(e.reason, reason);
    if (field) assert.equal(e.field, field);
    return true;
  });

describe('wallet identities (flow 16)', () => {
  it('keys an e-mail in lower case and a phone as its digits', () => {
    assert.deepEqual(normaliseIdentity({ type: 'EMAIL', value: '  Eva@Example.COM ' }), { type: 'EMAIL', value: 'eva@example.com' });
    assert.deepEqual(normaliseIdentity({ type: 'PHONE', value: '+357 99-123 456', countryCode: 'CYP' }), { type: 'PHONE', value: '35799123456' });
  });

  it('refuses an unknown type, a non-address, a short phone and a bad country code, naming the field', () => {
    refused(() => normaliseIdentity({ type: 'FAX', value: '1' }), 'VALIDATION', 'INVALID_ENUM', 'identity.type');
    refused(() => normaliseIdentity({ type: 'EMAIL', value: 'not-an-address' }), 'VALIDATION', 'INVALID_EMAIL', 'identity.value');
    refused(() => normaliseIdentity({ type: 'PHONE', value: '12-34' }), 'VALIDATION', 'INVALID_VALUE', 'identity.value');
    refused(() => normaliseIdentity({ type: 'PHONE', value: '99123456', countryCode: 'cy' }), 'VALIDATION', 'INVALID_VALUE', 'identity.country_code');
  });

  it('gives a wallet a free identity once; one another wallet holds is a conflict', () => {
    const id = { type: 'EMAIL' as const, value: 'eva@example.com' };
    assert.deepEqual(setWalletIdentity({ id: W }, id, null), [
      { aggregateType: 'wallet', aggregateId: W, type: 'wallet.identity_set', data: { identity: id } },
    ]);
    assert.deepEqual(setWalletIdentity({ id: W }, id, W), []);
    refused(() => setWalletIdentity({ id: OWN }, id, W), 'CONFLICT', 'WALLET_IDENTITY_TAKEN', 'identity');
  });
});

describe('linking an existing wallet (flow 16)', () => {
  const base: LinkWallet = {
    contactId: B,
    target: { id: W, contactId: A, code: '1234567890123456' },
    own: { id: OWN, empty: true },
    linkedTo: null,
    code: null,
  };

  it("links the identity's wallet to the contact, naming the empty wallet it replaces", () => {
    assert.deepEqual(linkWallet(base), [
      { aggregateType: 'wallet', aggregateId: W, type: 'wallet.linked', data: { contactId: B, replacedWalletId: OWN } },
    ]);
    assert.deepEqual(linkWallet({ ...base, own: null, code: '1234567890123456' })[0]!.data, { contactId: B, replacedWalletId: null });
  });

  it('changes nothing when the wallet is the contact’s already (its own, or linked before)', () => {
    assert.deepEqual(linkWallet({ ...base, contactId: A }), []);
    assert.deepEqual(linkWallet({ ...base, linkedTo: W }), []);
  });

  it('refuses: no wallet for the identity, another code, a link to another wallet, an own wallet holding value', () => {
    refused(() => linkWallet({ ...base, target: null }), 'NOT_FOUND', 'WALLET_NOT_FOUND');
    refused(() => linkWallet({ ...base, code: '9999999999999999' }), 'VALIDATION', 'INVALID_VALUE', 'code');
    refused(() => linkWallet({ ...base, linkedTo: OWN }), 'CONFLICT', 'WALLET_ALREADY_LINKED');
    refused(() => linkWallet({ ...base, own: { id: OWN, empty: false } }), 'CONFLICT', 'WALLET_NOT_EMPTY');
  });
});

describe('wallet one-time codes', () => {
  const now = new Date('2026-01-01T10:00:00Z');
  const open = { attempts: 0, expiresAt: new Date('2026-01-01T10:10:00Z'), consumed: false };
  it('accepts the right code of an open challenge; a wrong one is counted', () => {
    assert.deepEqual(
      judgeWalletOtp(open, now, () => true),
      { ok: true },
    );
    const wrong = judgeWalletOtp(open, now, () => false);
    assert.equal(wrong.ok, false);
    assert.equal(!wrong.ok && wrong.counted, true);
  });
  it('refuses without counting: none asked, used, expired, or too many wrong codes (even the right one then)', () => {
    for (const c of [null, { ...open, consumed: true }, { ...open, expiresAt: now }, { ...open, attempts: MAX_OTP_ATTEMPTS }]) {
      const v = judgeWalletOtp(c, now, () => true);
      assert.equal(v.ok, false, JSON.stringify(c));
      assert.equal(!v.ok && v.counted, false);
    }
  });
});
