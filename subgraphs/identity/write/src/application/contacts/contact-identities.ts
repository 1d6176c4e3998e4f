import { AppError } from '@crm/platform/errors';
import { newId } from '@crm/platform/ids';
import {
  addIdentity,
  type ContactIdentityChange,
  type ContactIdentityState,
  type ContactRegistration,
  registerIdentity,
} from '../../domain/contact-identity';
import { contactIdentityAggregate } from '../../persistence/contact-identity-store';
import type { Tx } from '../unit-of-work';

export type { ContactRegistration };

export interface NewContactIdentity {
  contactId: string;
  /** EMAIL, PHONE, FACEBOOK, GOOGLE or `OIDC_OAUTH:<type>`. */
  provider: string;
  subject: string;
  passwordHash?: string | null;
  /** Identities a provider vouched for start verified. */
  verified?: boolean;
}

const keyOf = (identity: Omit<NewContactIdentity, 'contactId'>) => ({
  provider: identity.provider,
  subject: identity.subject,
  passwordHash: identity.passwordHash ?? null,
  verified: identity.verified === true,
});

/**
 * Creates a contact identity (version 1) in the transaction and returns its id, or `null` when
 * (tenant, provider, subject) is already taken, also by a transaction that committed while this
 * one waited on the unique index: nothing is recorded then and the transaction goes on (the
 * caller decides whether that is a conflict or the identity to reuse).
 */
async function created(tx: Tx, decide: (state: ContactIdentityState | null) => ContactIdentityChange[]): Promise<string | null> {
  try {
    return (await tx.command(contactIdentityAggregate, { create: true, id: null }, decide)).state.id;
  } catch (err) {
    if (err instanceof AppError && err.reason === 'VERSION_CONFLICT') return null;
    throw err;
  }
}

/** Adds login credentials to an existing contact (`contact_identity.added`, naming `provider`); `null` when taken. */
export function addContactIdentity(
  tx: Tx,
  identity: NewContactIdentity,
  provider: Parameters<typeof addIdentity>[1]['provider'],
): Promise<string | null> {
  return created(tx, (state) => addIdentity(state, { contactId: identity.contactId, key: keyOf(identity), provider }));
}

/**
 * Registers a new contact by its first identity (`contact_identity.registered` for a new contact
 * id, which the contacts domain creates). `null` when the identity is already taken.
 */
export async function registerContactIdentity(
  tx: Tx,
  identity: Omit<NewContactIdentity, 'contactId'>,
  registration: ContactRegistration,
): Promise<{ contactId: string; identityId: string } | null> {
  const contactId = newId();
  const identityId = await created(tx, (state) => registerIdentity(state, { contactId, key: keyOf(identity), registration }));
  return identityId ? { contactId, identityId } : null;
}
