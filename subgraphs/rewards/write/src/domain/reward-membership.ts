import { createHash } from 'node:crypto';
import { AppError } from '@crm/platform/errors';
import type { RewardSchemeState } from './reward-scheme';

/** A contact's membership of one scheme (id derived from tenant, scheme and contact). */
export interface RewardMembershipState {
  id: string;
  version: number;
  schemeId: string;
  contactId: string;
  signedUp: boolean;
  verified: boolean;
  emailAddress: string | null;
  codeHash: string | null;
  createdAt: string;
  updatedAt: string;
}

export type RewardMembershipChange =
  | {
      type: 'reward_membership.signed_up';
      data: { schemeId: string; contactId: string; verified: boolean; emailAddress: string | null; codeHash: string | null };
    }
  | { type: 'reward_membership.verified'; data: Record<string, never> }
  | { type: 'reward_membership.signed_out'; data: Record<string, never> };

export function evolveRewardMembership(
  state: RewardMembershipState | null,
  change: RewardMembershipChange,
  meta: { version: number; at: Date },
): RewardMembershipState {
  const at = meta.at.toISOString();
  switch (change.type) {
    case 'reward_membership.signed_up':
      return {
        id: state?.id ?? '',
        ...change.data,
        signedUp: true,
        version: meta.version,
        createdAt: state?.createdAt ?? at,
        updatedAt: at,
      };
    case 'reward_membership.verified':
      return { ...state!, verified: true, codeHash: null, version: meta.version, updatedAt: at };
    case 'reward_membership.signed_out':
      return { ...state!, signedUp: false, verified: false, codeHash: null, version: meta.version, updatedAt: at };
  }
}

export const hashCode = (code: string): string => createHash('sha256').update(code).digest('hex');

export interface SignUp {
  contactId: string;
  emailAddress: string | null;
  /** The verification code to send (closed loop by email); its hash is stored. */
  verificationCode: string;
}

/** Signs a contact up (pure): the scheme must be ACTIVE; a closed loop needs an email of its domains and stays pending until verified. */
export function signUp(state: RewardMembershipState | null, scheme: RewardSchemeState | null, cmd: SignUp): RewardMembershipChange[] {
  if (!scheme) throw AppError.notFound('reward scheme', '');
  if (scheme.state !== 'ACTIVE') throw AppError.validation('reward_scheme_id', 'the reward scheme is not active', 'SCHEME_NOT_ACTIVE');
  if (state?.signedUp && state.verified) return [];
  if (scheme.signUpOption !== 'CLOSE_LOOP_SIGN_UP') {
    return [
      {
        type: 'reward_membership.signed_up',
        data: { schemeId: scheme.id, contactId: cmd.contactId, verified: true, emailAddress: null, codeHash: null },
      },
    ];
  }
  const email = cmd.emailAddress?.trim().toLowerCase() ?? '';
  if (!email) throw AppError.validation('email_address', 'a closed-loop scheme needs the email address to verify', 'REQUIRED');
  const domain = email.split('@')[1] ?? '';
  if (!/^[^@\s]+@[^@\s]+$/.test(email) || !scheme.emailDomains.includes(domain)) {
    throw AppError.validation('email_address', `must be an address of ${scheme.emailDomains.join(', ')}`, 'EMAIL_DOMAIN_NOT_ALLOWED');
  }
  return [
    {
      type: 'reward_membership.signed_up',
      data: { schemeId: scheme.id, contactId: cmd.contactId, verified: false, emailAddress: email, codeHash: hashCode(cmd.verificationCode) },
    },
  ];
}

/** Verifies a pending closed-loop sign-up with the code that was sent. */
export function verifySignUp(state: RewardMembershipState | null, code: string): RewardMembershipChange[] {
  if (!state || !state.signedUp) throw AppError.validation('sign_up_code', 'no pending sign-up', 'INVALID_SIGN_UP_CODE');
  if (state.verified) return [];
  if (!state.codeHash || state.codeHash !== hashCode(code)) throw AppError.validation('sign_up_code', 'does not match', 'INVALID_SIGN_UP_CODE');
  return [{ type: 'reward_membership.verified', data: {} }];
}

/** Signs a contact out (pure): refused when it is not signed up. */
export function signOut(state: RewardMembershipState | null): RewardMembershipChange[] {
  if (!state?.signedUp) throw AppError.validation('reward_scheme_id', 'the contact is not signed up to this scheme', 'NOT_SIGNED_UP');
  return [{ type: 'reward_membership.signed_out', data: {} }];
}
