import type { AggregateStore, Queryable } from '@crm/event-bus/kit';
import type { FileEntityType, FileOwner } from '@crm/event-bus/contracts/settings';
import { canonicalId } from '@crm/platform/ids';
import type { FileState } from '../domain/file';

interface Row {
  id: string;
  version: number;
  owner_kind: FileOwner['kind'];
  owner_id: string | null;
  entity_type: FileEntityType;
  name: string;
  content_type: string;
  size_bytes: string | number;
  sha256: string;
  deleted: boolean;
  created_at: Date | string;
  updated_at: Date | string;
}

const COLUMNS = 'id, version, owner_kind, owner_id, entity_type, name, content_type, size_bytes, sha256, deleted, created_at, updated_at';

const toState = (r: Row): FileState => ({
  id: r.id,
  version: Number(r.version),
  owner: { kind: r.owner_kind, id: r.owner_id },
  entityType: r.entity_type,
  name: r.name,
  contentType: r.content_type,
  sizeBytes: Number(r.size_bytes),
  sha256: r.sha256,
  deleted: r.deleted,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

async function byId(q: Queryable, tenantId: string, ref: string): Promise<FileState | null> {
  const id = canonicalId(ref);
  if (!id) return null;
  const rows = (await q.query(`SELECT ${COLUMNS} FROM files WHERE tenant_id = $1 AND id = $2`, [tenantId, id])) as Row[];
  return rows[0] ? toState(rows[0]) : null;
}

/** Files a contact keeps (not deleted); run under the owner's lock so concurrent uploads count each other. */
export async function countOwnerFiles(q: Queryable, tenantId: string, owner: FileOwner): Promise<number> {
  const rows = (await q.query(`SELECT count(*)::int AS n FROM files WHERE tenant_id = $1 AND owner_kind = $2 AND owner_id = $3 AND NOT deleted`, [
    tenantId,
    owner.kind,
    owner.id,
  ])) as { n: number }[];
  return Number(rows[0]?.n ?? 0);
}

/** Serialises one owner's uploads for the rest of the transaction (the per-contact count is then exact). */
export async function lockOwner(q: Queryable, tenantId: string, owner: FileOwner): Promise<void> {
  await q.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`settings.files:${tenantId}:${owner.kind}:${owner.id ?? ''}`]);
}

/** Where file aggregates live: tenant-scoped reads, and the writes the command handler runs with the outbox append. */
export const fileStore: AggregateStore<FileState> = {
  load: byId,
  findById: byId,
  insert: (tenantId, s) => ({
    sql: `INSERT INTO files (id, tenant_id, version, owner_kind, owner_id, entity_type, name, content_type, size_bytes, sha256, deleted, created_at, updated_at)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING 1`,
    params: [
      s.id,
      tenantId,
      s.version,
      s.owner.kind,
      s.owner.id,
      s.entityType,
      s.name,
      s.contentType,
      s.sizeBytes,
      s.sha256,
      s.deleted,
      s.createdAt,
      s.updatedAt,
    ],
  }),
  /** Optimistic concurrency: writes only if the stored version is still `expectedVersion`. */
  update: (tenantId, s, expectedVersion) => ({
    sql: `UPDATE files SET version = $3, deleted = $4, updated_at = $5 WHERE tenant_id = $1 AND id = $2 AND version = $6 RETURNING 1`,
    params: [tenantId, s.id, s.version, s.deleted, s.updatedAt, expectedVersion],
  }),
};
