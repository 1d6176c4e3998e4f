import { AppError } from '@crm/platform/errors';
import type { RewardSchemeChange, RewardSchemeState } from './reward-scheme';

export interface CreateRewardScheme {
  name: string;
  signUpOption: string;
  emailDomains: string[];
  termsAndConditions: string | null;
  resolution: string;
  clawBack: string;
  state: string;
}

const SIGN_UP = ['AUTO_SIGN_UP', 'SELF_SIGN_UP', 'CLOSE_LOOP_SIGN_UP'] as const;
const RESOLUTION = ['ALL', 'BEST', 'FIRST'] as const;
const CLAW_BACK = ['WRITE_OFF', 'CLAIM'] as const;
const STATES = ['ACTIVE', 'INACTIVE'] as const;
const DOMAIN = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/;

export function oneOf<T extends string>(field: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw AppError.validation(field, `must be one of ${allowed.join(', ')}`, 'INVALID_VALUE');
  return value as T;
}

/** Creates a reward scheme (pure): ACTIVE unless INACTIVE is asked; a closed loop names its email domains. */
export function createRewardScheme(state: RewardSchemeState | null, cmd: CreateRewardScheme): RewardSchemeChange[] {
  if (state) throw new AppError('CONFLICT', 'the reward scheme exists already', { reason: 'REWARD_SCHEME_EXISTS' });
  const name = cmd.name.trim();
  if (name.length === 0) throw AppError.validation('name', 'must not be empty', 'REQUIRED');
  if (name.length > 100) throw AppError.validation('name', 'must be at most 100 characters', 'TOO_LONG');
  const signUpOption = oneOf('signUpOption', cmd.signUpOption, SIGN_UP);
  const emailDomains = [...new Set(cmd.emailDomains.map((d) => d.trim().toLowerCase()))];
  emailDomains.forEach((d, i) => {
    if (!DOMAIN.test(d)) throw AppError.validation(`emailDomains.${i}`, 'must be a domain name such as example.com', 'INVALID_VALUE');
  });
  if (signUpOption === 'CLOSE_LOOP_SIGN_UP' && emailDomains.length === 0) {
    throw AppError.validation('emailDomains', 'a closed-loop scheme needs at least one email domain', 'REQUIRED');
  }
  return [
    {
      type: 'reward_scheme.created',
      data: {
        name,
        signUpOption,
        emailDomains,
        termsAndConditions: cmd.termsAndConditions?.trim() || null,
        resolution: oneOf('resolution', cmd.resolution, RESOLUTION),
        clawBack: oneOf('clawBack', cmd.clawBack, CLAW_BACK),
        state: oneOf('state', cmd.state, STATES),
      },
    },
  ];
}

/** Turns a scheme on or off (no event when it already is). */
export function setRewardSchemeState(state: RewardSchemeState | null, next: string): RewardSchemeChange[] {
  if (!state) throw AppError.notFound('reward scheme', '');
  const value = oneOf('state', next, STATES);
  return value === state.state ? [] : [{ type: 'reward_scheme.state_changed', data: { state: value } }];
}
