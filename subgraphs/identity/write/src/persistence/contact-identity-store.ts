import type { AggregateDefinition, AggregateStore, Queryable } from '@crm/event-bus/kit';
import { AGGREGATES } from '@crm/event-bus/contracts/identity';
import { type ContactIdentityChange, type ContactIdentityState, evolveContactIdentity } from '../domain/contact-identity';
import { versionConflict } from './versions';

interface Row {
  id: string;
  contact_id: string;
  provider: string;
  subject: string;
  password_hash: string | null;
  verified_at: Date | string | null;
  version: number;
  created_at: Date | string;
}

const toState = (r: Row): ContactIdentityState => ({
  id: r.id,
  contactId: r.contact_id,
  provider: r.provider,
  subject: r.subject,
  passwordHash: r.password_hash,
  verifiedAt: r.verified_at === null ? null : new Date(r.verified_at),
  version: Number(r.version),
  createdAt: new Date(r.created_at),
});

const COLUMNS = 'id, contact_id, provider, subject, password_hash, verified_at, version, created_at';

async function one(q: Queryable, sql: string, params: unknown[]): Promise<ContactIdentityState | null> {
  const [row] = (await q.query(`SELECT ${COLUMNS} FROM contact_identities WHERE ${sql}`, params)) as Row[];
  return row ? toState(row) : null;
}

/**
 * Where contact identities live (the command handler's store). A command locks the identity it
 * loads. A new identity whose (provider, subject) another one took, also one that committed while
 * this insert waited on the unique index, is not written (no error: the caller's transaction goes
 * on), which the handler reports as a version conflict on the create.
 */
export const contactIdentityStore: AggregateStore<ContactIdentityState> = {
  load: (q, tenantId, id) => one(q, `tenant_id = $1 AND id = $2 FOR UPDATE`, [tenantId, id]),

  findById: (q, tenantId, id) => one(q, `tenant_id = $1 AND id = $2`, [tenantId, id]),

  insert: (tenantId, s) => ({
    sql: `INSERT INTO contact_identities (id, tenant_id, contact_id, provider, subject, password_hash, verified_at, version, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (tenant_id, provider, subject) DO NOTHING RETURNING 1`,
    params: [s.id, tenantId, s.contactId, s.provider, s.subject, s.passwordHash, s.verifiedAt, s.version, s.createdAt],
  }),

  update: (tenantId, s, expectedVersion) => ({
    sql: `UPDATE contact_identities SET password_hash = $3, verified_at = $4, version = $5 WHERE tenant_id = $1 AND id = $2 AND version = $6 RETURNING 1`,
    params: [tenantId, s.id, s.passwordHash, s.verifiedAt, s.version, expectedVersion],
  }),
};

/** The contact identity aggregate, as the kit's command handler runs it. */
export const contactIdentityAggregate: AggregateDefinition<ContactIdentityState, ContactIdentityChange> = {
  type: AGGREGATES.contactIdentity,
  evolve: evolveContactIdentity,
  store: contactIdentityStore,
  versionConflict: versionConflict('contact identity'),
};

/** The identity with this sign-in key (`lock`: for the rest of the transaction). */
export const identityByKey = (q: Queryable, tenantId: string, provider: string, subject: string, lock = false) =>
  one(q, `tenant_id = $1 AND provider = $2 AND subject = $3${lock ? ' FOR UPDATE' : ''}`, [tenantId, provider, subject]);

/** The contact's EMAIL identity (the one a password belongs to), if it has one. */
export const emailIdentityOf = (q: Queryable, tenantId: string, contactId: string) =>
  one(q, `tenant_id = $1 AND contact_id = $2 AND provider = 'EMAIL'`, [tenantId, contactId]);

/** A new password (not an event: sessions end through their own events). */
export async function setPasswordHash(q: Queryable, tenantId: string, id: string, hash: string): Promise<void> {
  await q.query(`UPDATE contact_identities SET password_hash = $3 WHERE tenant_id = $1 AND id = $2`, [tenantId, id, hash]);
}
