import { errorResponseOf } from '../../kit/openapi';
import type { OpenApiFragment } from '../../kit/resource';

/** Tags and responses the identity resources share (back-office users, roles, teams, keys, organisations; contact auth). */
export const BOU = 'Back-office users';
export const BOD = 'Back-office directory';

export const BOU_TAG = { name: BOU, description: 'Back-office user sessions: sign in, refresh, sign out, switch organisation (NOTES §1.3); users.' };
export const BOD_TAG = { name: BOD, description: 'User roles, teams, API keys and organisations of the business (NOTES §3.2, §6).' };

/** Sign-in responses of both user and contact auth. */
export const signInComponents: OpenApiFragment = {
  responses: {
    InvalidLogin: errorResponseOf(
      'The api_key is missing or invalid (CRM.EXCEPTIONS.UNAUTHORIZEDEXCEPTION), or the username or password is not correct (CRM.EXCEPTIONS.INVALIDLOGINEXCEPTION; the same answer for an unknown user, a wrong password and a disabled user).',
    ),
    InvalidRefresh: errorResponseOf(
      'The refresh token is missing, invalid, expired, spent or its session ended, or an api_key sent along belongs to another tenant (CRM.EXCEPTIONS.UNAUTHORIZEDEXCEPTION): sign in again.',
    ),
    TooManyLogins: errorResponseOf(
      'Too many failed sign-ins for this username (or from this address); the same answer whether or not the user exists (CRM.EXCEPTIONS.TOOMANYREQUESTSEXCEPTION).',
      { 'Retry-After': { description: 'Seconds until sign-in is allowed again.', schema: { type: 'string' } } },
    ),
  },
};
