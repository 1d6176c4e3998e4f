import { newId } from '@crm/platform/ids';
import { AGGREGATES, type ContactIdentityRegisteredV1 } from '@crm/event-bus/contracts/identity';
import type { Tx } from '../unit-of-work';

export interface NewContactIdentity {
  contactId: string;
  /** EMAIL, PHONE, FACEBOOK, GOOGLE or `OIDC_OAUTH:<type>`. */
  provider: string;
  subject: string;
  passwordHash?: string | null;
  /** Identities a provider vouched for start verified. */
  verified?: boolean;
}

/**
 * Inserts a contact identity (version 1) and returns its id, or `null` when (tenant, provider,
 * subject) is already taken, also by a transaction that committed while this one waited on the
 * unique index: the caller decides whether that is a conflict or the identity to reuse.
 */
export async function insertContactIdentity(tx: Tx, identity: NewContactIdentity): Promise<string | null> {
  const rows = (await tx.m.query(
    `INSERT INTO contact_identities (id, tenant_id, contact_id, provider, subject, password_hash, verified_at, version, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8)
     ON CONFLICT (tenant_id, provider, subject) DO NOTHING RETURNING id`,
    [
      newId(),
      tx.tenantId,
      identity.contactId,
      identity.provider,
      identity.subject,
      identity.passwordHash ?? null,
      identity.verified ? tx.now : null,
      tx.now,
    ],
  )) as { id: string }[];
  return rows[0]?.id ?? null;
}

/** The new contact's details the contacts domain creates it from (`contact_identity.registered`). */
export type ContactRegistration = Omit<ContactIdentityRegisteredV1['data'], 'contactId'>;

/**
 * Registers a new contact by its first identity: inserts the identity for a new contact id and
 * records `contact_identity.registered`. `null` when the identity is already taken (nothing is
 * recorded then).
 */
export async function registerContactIdentity(
  tx: Tx,
  identity: Omit<NewContactIdentity, 'contactId'>,
  registration: ContactRegistration,
): Promise<{ contactId: string; identityId: string } | null> {
  const contactId = newId();
  const identityId = await insertContactIdentity(tx, { ...identity, contactId });
  if (!identityId) return null;
  tx.emit({
    type: 'contact_identity.registered',
    aggregateType: AGGREGATES.contactIdentity,
    aggregateId: identityId,
    aggregateVersion: 1,
    data: { contactId, ...registration },
  });
  return { contactId, identityId };
}
