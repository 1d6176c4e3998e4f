import type { AggregateStore, Queryable } from '@crm/event-bus/kit';
import { AppError } from '@crm/platform/errors';
import { canonicalId } from '@crm/platform/ids';
import { sqlStateOf, UNIQUE_VIOLATION } from '@crm/platform/db';
import type { RelationshipState } from './relationship';

interface Row {
  id: string;
  version: number;
  doc: Omit<RelationshipState, 'id' | 'version' | 'createdAt' | 'updatedAt'>;
  created_at: Date | string;
  updated_at: Date | string;
}

const toState = (r: Row): RelationshipState => ({
  ...r.doc,
  id: r.id,
  version: Number(r.version),
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

const docOf = (s: RelationshipState): string => {
  const { id: _id, version: _v, createdAt: _c, updatedAt: _u, ...doc } = s;
  return JSON.stringify(doc);
};

const COLUMNS = 'id, version, doc, created_at, updated_at';

async function byId(q: Queryable, tenantId: string, ref: string): Promise<RelationshipState | null> {
  const id = canonicalId(ref);
  if (!id) return null;
  const rows = (await q.query(`SELECT ${COLUMNS} FROM community_relationships WHERE tenant_id = $1 AND id = $2`, [tenantId, id])) as Row[];
  return rows[0] ? toState(rows[0]) : null;
}

/** Where community relationships live: tenant-scoped reads, tenant-scoped optimistic writes. */
export const relationshipStore: AggregateStore<RelationshipState> = {
  load: byId,
  findById: byId,
  insert: (tenantId, s) => ({
    sql: `INSERT INTO community_relationships (id, tenant_id, version, owner_id, member_id, state, grp, doc, created_at, updated_at)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10) RETURNING 1`,
    params: [s.id, tenantId, s.version, s.ownerId, s.memberId, s.state, s.group, docOf(s), s.createdAt, s.updatedAt],
  }),
  update: (tenantId, s, expectedVersion) => ({
    sql: `UPDATE community_relationships SET version = $3, state = $4, grp = $5, doc = $6::jsonb, updated_at = $7
          WHERE tenant_id = $1 AND id = $2 AND version = $8 RETURNING 1`,
    params: [tenantId, s.id, s.version, s.state, s.group, docOf(s), s.updatedAt, expectedVersion],
  }),
  mapError: (err) =>
    sqlStateOf(err) === UNIQUE_VIOLATION
      ? new AppError('CONFLICT', 'this contact is already in the community or invited', { field: 'phone', reason: 'ALREADY_COMMUNITY_MEMBER' })
      : err,
};

export const relationshipVersionConflict = (): AppError =>
  new AppError('CONFLICT', 'the relationship was changed by another request; retry', { reason: 'VERSION_CONFLICT' });

/** The owner's live (pending or accepted) members. */
export async function liveMemberIds(q: Queryable, tenantId: string, ownerId: string): Promise<string[]> {
  const rows = (await q.query(
    `SELECT member_id FROM community_relationships WHERE tenant_id = $1 AND owner_id = $2 AND state IN ('PENDING', 'ACCEPTED')`,
    [tenantId, ownerId],
  )) as { member_id: string }[];
  return rows.map((r) => r.member_id);
}

/** The owner's live relationships in a group. */
export async function relationshipIdsInGroup(q: Queryable, tenantId: string, ownerId: string, group: string): Promise<string[]> {
  const rows = (await q.query(
    `SELECT id FROM community_relationships WHERE tenant_id = $1 AND owner_id = $2 AND grp = $3 AND state IN ('PENDING', 'ACCEPTED') ORDER BY created_at`,
    [tenantId, ownerId, group],
  )) as { id: string }[];
  return rows.map((r) => r.id);
}

/** The accepted relationship making `memberId` a member of `ownerId`'s community, if any. */
export async function acceptedRelationship(q: Queryable, tenantId: string, ownerId: string, memberId: string): Promise<RelationshipState | null> {
  const rows = (await q.query(
    `SELECT ${COLUMNS} FROM community_relationships WHERE tenant_id = $1 AND owner_id = $2 AND member_id = $3 AND state = 'ACCEPTED'`,
    [tenantId, ownerId, memberId],
  )) as Row[];
  return rows[0] ? toState(rows[0]) : null;
}

/** Whether the tenant has a live contact with this id. */
export async function isLiveContact(q: Queryable, tenantId: string, id: string): Promise<boolean> {
  const rows = (await q.query(`SELECT 1 FROM contacts WHERE tenant_id = $1 AND id = $2 AND status = 'ACTIVE'`, [tenantId, id])) as unknown[];
  return rows.length > 0;
}

/**
 * The tenant's live contact with this email address (case-insensitive), else with this phone
 * number (digits; the country code too when given); null when none or when several match.
 */
export async function findInvitee(
  q: Queryable,
  tenantId: string,
  by: { email: string | null; phoneNumber: string | null; countryCode: string | null },
): Promise<string | null> {
  if (by.email) {
    const rows = (await q.query(`SELECT id FROM contacts WHERE tenant_id = $1 AND status = 'ACTIVE' AND lower(state->>'email') = lower($2) LIMIT 2`, [
      tenantId,
      by.email,
    ])) as { id: string }[];
    if (rows.length === 1) return rows[0]!.id;
  }
  if (by.phoneNumber) {
    const rows = (await q.query(
      `SELECT id FROM contacts c WHERE tenant_id = $1 AND status = 'ACTIVE' AND EXISTS (
         SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(c.state->'phones') = 'array' THEN c.state->'phones' ELSE '[]'::jsonb END) p
         WHERE regexp_replace(p->>'number', '\\D', '', 'g') = $2 AND ($3::text IS NULL OR p->>'countryCode' = $3)) LIMIT 2`,
      [tenantId, by.phoneNumber.replace(/\D/g, ''), by.countryCode],
    )) as { id: string }[];
    if (rows.length === 1) return rows[0]!.id;
  }
  return null;
}
