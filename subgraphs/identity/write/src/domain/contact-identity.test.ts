import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AGGREGATES } from '@crm/event-bus/contracts/identity';
import { identityDeciders, T0 } from './decider-test-kit';
import {
  addIdentity,
  checkPasswordChange,
  type ContactIdentityChange,
  evolveContactIdentity,
  registerIdentity,
  verifyIdentity,
} from './contact-identity';

const ID = '00000000-0000-4000-8000-0000000000d1';
const CONTACT = '00000000-0000-4000-8000-0000000000d2';

const spec = identityDeciders(AGGREGATES.contactIdentity, ID, evolveContactIdentity);

const emailKey = { provider: 'EMAIL', subject: 'ann@example.com', passwordHash: 'hash-1', verified: false };
const registration = {
  provider: 'EMAIL' as const,
  firstName: 'Ann',
  lastName: 'Lee',
  email: 'ann@example.com',
  phone: null,
  smsOptOut: false,
  emailOptOut: true,
  languageCode: 'EN',
};
const registered: ContactIdentityChange = {
  type: 'contact_identity.registered',
  data: { contactId: CONTACT, ...registration },
  stored: emailKey,
};

describe('contact identity deciders', () => {
  it('registerIdentity: the new contact comes with its first identity; the password hash is stored, never in the event', () => {
    const state = spec(registerIdentity).given().when({ contactId: CONTACT, key: emailKey, registration }).then([registered]);
    assert.deepEqual(state, {
      id: ID,
      contactId: CONTACT,
      provider: 'EMAIL',
      subject: 'ann@example.com',
      passwordHash: 'hash-1',
      verifiedAt: null,
      version: 100,
      createdAt: T0,
    });
    assert.equal(JSON.stringify(registered.data).includes('hash-1'), false);
  });

  it('addIdentity: an external provider vouched for the identity, so it starts verified; the event names the provider family', () => {
    const key = { provider: 'OIDC_OAUTH:acme', subject: 'sub-1', passwordHash: null, verified: true };
    const state = spec(addIdentity)
      .given()
      .when({ contactId: CONTACT, key, provider: 'OIDC_OAUTH' })
      .then([{ type: 'contact_identity.added', data: { contactId: CONTACT, provider: 'OIDC_OAUTH' }, stored: key }]);
    assert.deepEqual([state.provider, state.verifiedAt], ['OIDC_OAUTH:acme', T0]);
  });

  it('verifyIdentity: an unverified identity is verified once; again changes nothing', () => {
    const state = spec(verifyIdentity)
      .given(registered)
      .when(undefined)
      .then([{ type: 'contact_identity.verified', data: { contactId: CONTACT, provider: 'EMAIL' } }]);
    assert.equal(state.verifiedAt, T0);
    spec(verifyIdentity)
      .given(registered, { type: 'contact_identity.verified', data: { contactId: CONTACT, provider: 'EMAIL' } })
      .when(undefined)
      .then([]);
  });

  it('checkPasswordChange: no EMAIL identity is refused; without a password set, anything goes', () => {
    assert.throws(() => checkPasswordChange(null, { currentPassword: 'correct' }), {
      code: 'VALIDATION',
      field: 'password',
      reason: 'NO_EMAIL_IDENTITY',
    });
    const noPassword = spec(verifyIdentity).fold([{ ...registered, stored: { ...emailKey, passwordHash: null } }]);
    assert.deepEqual(checkPasswordChange(noPassword, { currentPassword: 'absent' }), { needsRecentSignIn: false });
    assert.deepEqual(checkPasswordChange(noPassword, { currentPassword: 'wrong' }), { needsRecentSignIn: false });
  });

  it('checkPasswordChange: with a password set, the current one must be right, or left out for a recent sign-in', () => {
    const withPassword = spec(verifyIdentity).fold([registered]);
    assert.deepEqual(checkPasswordChange(withPassword, { currentPassword: 'correct' }), { needsRecentSignIn: false });
    assert.deepEqual(checkPasswordChange(withPassword, { currentPassword: 'absent' }), { needsRecentSignIn: true });
    assert.throws(() => checkPasswordChange(withPassword, { currentPassword: 'wrong' }), {
      code: 'VALIDATION',
      field: 'currentPassword',
      reason: 'INVALID_PASSWORD',
    });
  });
});
