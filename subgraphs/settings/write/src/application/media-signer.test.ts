import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MediaSigner } from './media-signer';

const SECRET = 's'.repeat(40);
const CONTACT = '0190a000-0000-7000-8000-00000000a11c';

describe('MediaSigner', () => {
  let now = new Date('2026-01-01T00:00:00Z');
  const signer = new MediaSigner(SECRET, 900, () => now);

  it('signs the fields with an expiry, and the signature verifies for the same tenant until it expires', () => {
    now = new Date('2026-01-01T00:00:00Z');
    const s = signer.sign('t1', { contactId: CONTACT, usageType: 'AVATAR', folder: 'avatars/2026' });
    assert.equal(s.expiresAt.toISOString(), '2026-01-01T00:15:00.000Z');
    assert.match(s.signature, /^[0-9a-f]{64}$/);
    assert.equal(signer.verify('t1', s.signedFields, s.signature)['contactId'], CONTACT);
    // another replica with the same secret verifies it too
    assert.doesNotThrow(() => new MediaSigner(SECRET, 900, () => now).verify('t1', s.signedFields, s.signature));
    now = new Date('2026-01-01T00:15:00Z');
    assert.throws(() => signer.verify('t1', s.signedFields, s.signature), /expired/);
  });

  it('refuses an altered field, another tenant, a forged signature and another secret', () => {
    now = new Date('2026-01-01T00:00:00Z');
    const s = signer.sign('t1', { contactId: CONTACT, usageType: 'AVATAR' });
    assert.throws(() => signer.verify('t1', s.signedFields.replace('AVATAR', 'LOGO'), s.signature), /does not match/);
    assert.throws(() => signer.verify('t2', s.signedFields, s.signature), /does not match/);
    assert.throws(() => signer.verify('t1', s.signedFields, 'f'.repeat(64)), /does not match/);
    assert.throws(() => signer.verify('t1', s.signedFields, 'not hex'), /does not match/);
    assert.throws(() => new MediaSigner('x'.repeat(40), 900, () => now).verify('t1', s.signedFields, s.signature), /does not match/);
  });

  it('refuses an unknown usage type and a folder that climbs out, naming them', () => {
    assert.throws(
      () => signer.sign('t1', { contactId: null, usageType: 'EXE' }),
      (e: { field?: string }) => e.field === 'usage_type',
    );
    assert.throws(
      () => signer.sign('t1', { contactId: null, folder: '../etc' }),
      (e: { field?: string }) => e.field === 'folder',
    );
  });
});
