import { AppError } from '@crm/platform/errors';
import type { IdentityEvent } from '@crm/event-bus/contracts/identity';

/**
 * Write-side state of one contact identity: how a contact signs in (EMAIL or PHONE, or an
 * external provider's subject), keyed by (provider, subject) in the tenant.
 */
export interface ContactIdentityState {
  id: string;
  contactId: string;
  /** EMAIL, PHONE, FACEBOOK, GOOGLE or `OIDC_OAUTH:<type>`. */
  provider: string;
  subject: string;
  passwordHash: string | null;
  verifiedAt: Date | null;
  version: number;
  createdAt: Date;
}

type IdentityEventOf<T extends string> = Extract<IdentityEvent, { type: T }>;
type EventProvider = IdentityEventOf<'contact_identity.added'>['data']['provider'];

/** The sign-in key and secret of a new identity: stored, never in an event. */
export interface IdentityKey {
  provider: string;
  subject: string;
  passwordHash: string | null;
  /** Identities a provider vouched for start verified. */
  verified: boolean;
}

/** What a contact identity decider returns: the event type and data, and for a new identity what is stored with it. */
export type ContactIdentityChange =
  | { type: 'contact_identity.registered'; data: IdentityEventOf<'contact_identity.registered'>['data']; stored: IdentityKey }
  | { type: 'contact_identity.added'; data: IdentityEventOf<'contact_identity.added'>['data']; stored: IdentityKey }
  | { type: 'contact_identity.verified'; data: IdentityEventOf<'contact_identity.verified'>['data'] };

/** The new contact's details the contacts domain creates it from (`contact_identity.registered`). */
export type ContactRegistration = Omit<IdentityEventOf<'contact_identity.registered'>['data'], 'contactId'>;

/** Applies one event to the state (pure). */
export function evolveContactIdentity(
  state: ContactIdentityState | null,
  change: ContactIdentityChange,
  meta: { version: number; at: Date },
): ContactIdentityState {
  switch (change.type) {
    case 'contact_identity.registered':
    case 'contact_identity.added': {
      const { provider, subject, passwordHash, verified } = change.stored;
      return {
        id: state?.id ?? '',
        contactId: change.data.contactId,
        provider,
        subject,
        passwordHash,
        verifiedAt: verified ? meta.at : null,
        version: meta.version,
        createdAt: meta.at,
      };
    }
    case 'contact_identity.verified':
      if (!state) throw new Error('cannot verify a missing identity');
      return { ...state, verifiedAt: meta.at, version: meta.version };
  }
}

/** A new contact registering by its first identity (the contacts domain creates the contact from the event). */
export function registerIdentity(
  state: ContactIdentityState | null,
  cmd: { contactId: string; key: IdentityKey; registration: ContactRegistration },
): ContactIdentityChange[] {
  if (state) throw new Error('an identity is created once');
  return [{ type: 'contact_identity.registered', data: { contactId: cmd.contactId, ...cmd.registration }, stored: cmd.key }];
}

/** Login credentials added to a contact that already exists. */
export function addIdentity(
  state: ContactIdentityState | null,
  cmd: { contactId: string; key: IdentityKey; provider: EventProvider },
): ContactIdentityChange[] {
  if (state) throw new Error('an identity is created once');
  return [{ type: 'contact_identity.added', data: { contactId: cmd.contactId, provider: cmd.provider }, stored: cmd.key }];
}

/** The identity was proven (a one-time code or link); proving it again changes nothing. */
export function verifyIdentity(state: ContactIdentityState | null): ContactIdentityChange[] {
  if (!state) throw new Error('cannot verify a missing identity');
  if (state.verifiedAt) return [];
  return [{ type: 'contact_identity.verified', data: { contactId: state.contactId, provider: state.provider as EventProvider } }];
}

/**
 * Whether a signed-in contact may set a new password, given what it sent (the current password
 * verified by the caller, or none). An identity with a password needs the current one, or else a
 * recent sign-in (which the caller checks on the session).
 */
export function checkPasswordChange(
  state: ContactIdentityState | null,
  cmd: { currentPassword: 'absent' | 'correct' | 'wrong' },
): { needsRecentSignIn: boolean } {
  if (!state) throw AppError.validation('password', 'this contact has no EMAIL identity to set a password on', 'NO_EMAIL_IDENTITY');
  if (!state.passwordHash) return { needsRecentSignIn: false };
  if (cmd.currentPassword === 'wrong') throw AppError.validation('currentPassword', 'is not correct', 'INVALID_PASSWORD');
  return { needsRecentSignIn: cmd.currentPassword === 'absent' };
}
