import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { REWARD_MEMBERSHIP_AGGREGATE } from '@crm/event-bus/contracts/rewards';
import { deciderSpecification } from '@crm/platform/testing';
import {
  evolveRewardMembership,
  hashCode,
  signOut,
  signUp,
  verifySignUp,
  type RewardMembershipChange,
  type RewardMembershipState,
  type SignUp,
} from './reward-membership';
import type { RewardSchemeState } from './reward-scheme';
import { SCHEME_ID, validateChange } from '../testing/fixtures';

const at = new Date('2026-01-01T10:00:00.000Z');
const spec = <C>(decide: (s: RewardMembershipState | null, c: C) => RewardMembershipChange[]) =>
  deciderSpecification<RewardMembershipState, RewardMembershipChange, C>({
    decide,
    evolve: evolveRewardMembership,
    at,
    validate: validateChange(REWARD_MEMBERSHIP_AGGREGATE, at),
  });

const scheme = (over: Partial<RewardSchemeState> = {}): RewardSchemeState => ({
  id: SCHEME_ID,
  version: 1,
  name: 'S',
  signUpOption: 'SELF_SIGN_UP',
  emailDomains: [],
  termsAndConditions: null,
  resolution: 'ALL',
  clawBack: 'WRITE_OFF',
  state: 'ACTIVE',
  createdAt: at.toISOString(),
  updatedAt: at.toISOString(),
  ...over,
});
const C = 'c-1';
const open: RewardMembershipChange = {
  type: 'reward_membership.signed_up',
  data: { schemeId: SCHEME_ID, contactId: C, verified: true, emailAddress: null, codeHash: null },
};
const closed = scheme({ signUpOption: 'CLOSE_LOOP_SIGN_UP', emailDomains: ['crm.com'] });
const pending: RewardMembershipChange = {
  type: 'reward_membership.signed_up',
  data: { schemeId: SCHEME_ID, contactId: C, verified: false, emailAddress: 'ann@crm.com', codeHash: hashCode('code-1') },
};

describe('signUp', () => {
  const withScheme = (s: RewardSchemeState | null) => spec((state, c: SignUp) => signUp(state, s, c));
  it('signs up to an open scheme at once; again changes nothing', () => {
    withScheme(scheme()).given().when({ contactId: C, emailAddress: null, verificationCode: 'x' }).then([open]);
    withScheme(scheme()).given(open).when({ contactId: C, emailAddress: null, verificationCode: 'x' }).then([]);
  });
  it('a closed loop needs an address of its domains and stays pending (only the code’s hash is kept)', () => {
    withScheme(closed).given().when({ contactId: C, emailAddress: ' Ann@CRM.com ', verificationCode: 'code-1' }).then([pending]);
    withScheme(closed)
      .given()
      .when({ contactId: C, emailAddress: 'ann@other.com', verificationCode: 'c' })
      .thenFails({ field: 'email_address', reason: 'EMAIL_DOMAIN_NOT_ALLOWED' });
    withScheme(closed)
      .given()
      .when({ contactId: C, emailAddress: null, verificationCode: 'c' })
      .thenFails({ field: 'email_address', reason: 'REQUIRED' });
  });
  it('refuses an inactive scheme', () => {
    withScheme(scheme({ state: 'INACTIVE' }))
      .given()
      .when({ contactId: C, emailAddress: null, verificationCode: 'x' })
      .thenFails({ reason: 'SCHEME_NOT_ACTIVE' });
  });
});

describe('verifySignUp and signOut', () => {
  it('verifies with the right code only, once', () => {
    const { given } = spec(verifySignUp);
    const state = given(pending)
      .when('code-1')
      .then([{ type: 'reward_membership.verified', data: {} }]);
    assert.equal(state.verified, true);
    given(pending).when('wrong').thenFails({ reason: 'INVALID_SIGN_UP_CODE' });
    given(pending, { type: 'reward_membership.verified', data: {} }).when('code-1').then([]);
    given().when('code-1').thenFails({ reason: 'INVALID_SIGN_UP_CODE' });
  });
  it('signs out a member; refuses one who is not', () => {
    const { given } = spec((s: RewardMembershipState | null) => signOut(s));
    given(open)
      .when(undefined)
      .then([{ type: 'reward_membership.signed_out', data: {} }]);
    given(open, { type: 'reward_membership.signed_out', data: {} }).when(undefined).thenFails({ reason: 'NOT_SIGNED_UP' });
  });
});
