import { describe, it } from 'node:test';
import { REWARD_SCHEME_AGGREGATE } from '@crm/event-bus/contracts/rewards';
import { deciderSpecification } from '@crm/platform/testing';
import { createRewardScheme, setRewardSchemeState, type CreateRewardScheme } from './create-reward-scheme';
import { evolveRewardScheme, type RewardSchemeChange, type RewardSchemeState } from './reward-scheme';
import { validateChange } from '../testing/fixtures';

const at = new Date('2026-01-01T10:00:00.000Z');
const spec = <C>(decide: (s: RewardSchemeState | null, c: C) => RewardSchemeChange[]) =>
  deciderSpecification<RewardSchemeState, RewardSchemeChange, C>({
    decide,
    evolve: evolveRewardScheme,
    at,
    validate: validateChange(REWARD_SCHEME_AGGREGATE, at),
  });

const cmd = (over: Partial<CreateRewardScheme> = {}): CreateRewardScheme => ({
  name: ' Loyalty ',
  signUpOption: 'SELF_SIGN_UP',
  emailDomains: [],
  termsAndConditions: null,
  resolution: 'ALL',
  clawBack: 'WRITE_OFF',
  state: 'ACTIVE',
  ...over,
});
const created: RewardSchemeChange = {
  type: 'reward_scheme.created',
  data: {
    name: 'Loyalty',
    signUpOption: 'SELF_SIGN_UP',
    emailDomains: [],
    termsAndConditions: null,
    resolution: 'ALL',
    clawBack: 'WRITE_OFF',
    state: 'ACTIVE',
  },
};

describe('createRewardScheme', () => {
  const { given } = spec(createRewardScheme);
  it('creates an ACTIVE scheme with its trimmed name', () => {
    given().when(cmd()).then([created]);
  });
  it('a closed loop keeps its lower-cased email domains, and needs one', () => {
    given()
      .when(cmd({ signUpOption: 'CLOSE_LOOP_SIGN_UP', emailDomains: ['CRM.com', 'crm.com'], state: 'INACTIVE', resolution: 'BEST' }))
      .then([
        {
          type: 'reward_scheme.created',
          data: { ...created.data, signUpOption: 'CLOSE_LOOP_SIGN_UP', emailDomains: ['crm.com'], state: 'INACTIVE', resolution: 'BEST' },
        },
      ]);
    given()
      .when(cmd({ signUpOption: 'CLOSE_LOOP_SIGN_UP' }))
      .thenFails({ field: 'emailDomains', reason: 'REQUIRED' });
    given()
      .when(cmd({ emailDomains: ['not a domain'] }))
      .thenFails({ field: 'emailDomains.0' });
  });
  it('refuses unknown enums and empty names, naming the field', () => {
    given()
      .when(cmd({ name: '  ' }))
      .thenFails({ field: 'name', reason: 'REQUIRED' });
    given()
      .when(cmd({ signUpOption: 'MAGIC' }))
      .thenFails({ field: 'signUpOption' });
    given()
      .when(cmd({ resolution: 'SOME' }))
      .thenFails({ field: 'resolution' });
    given()
      .when(cmd({ clawBack: 'FORGET' }))
      .thenFails({ field: 'clawBack' });
    given()
      .when(cmd({ state: 'ON' }))
      .thenFails({ field: 'state' });
  });
  it('refuses to create a scheme twice', () => {
    given(created).when(cmd()).thenFails({ reason: 'REWARD_SCHEME_EXISTS' });
  });
});

describe('setRewardSchemeState', () => {
  const { given } = spec(setRewardSchemeState);
  it('turns a scheme off and on; no event when unchanged', () => {
    given(created)
      .when('INACTIVE')
      .then([{ type: 'reward_scheme.state_changed', data: { state: 'INACTIVE' } }]);
    given(created).when('ACTIVE').then([]);
    given(created).when('PAUSED').thenFails({ field: 'state' });
  });
});
