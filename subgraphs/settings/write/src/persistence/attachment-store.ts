import type { AggregateStore, Queryable } from '@crm/event-bus/kit';
import { canonicalId } from '@crm/platform/ids';
import type { AttachmentState } from '../domain/attachment';

interface Row {
  id: string;
  version: number;
  contact_id: string;
  file: AttachmentState['file'] | string | null;
  link: string | null;
  description: string | null;
  removed: boolean;
  created_at: Date | string;
  updated_at: Date | string;
}

const toState = (r: Row): AttachmentState => ({
  id: r.id,
  version: Number(r.version),
  contactId: r.contact_id,
  file: typeof r.file === 'string' ? (JSON.parse(r.file) as AttachmentState['file']) : r.file,
  link: r.link,
  description: r.description,
  removed: r.removed,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

async function byId(q: Queryable, tenantId: string, ref: string): Promise<AttachmentState | null> {
  const id = canonicalId(ref);
  if (!id) return null;
  const rows = (await q.query(
    `SELECT id, version, contact_id, file, link, description, removed, created_at, updated_at FROM attachments WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id],
  )) as Row[];
  return rows[0] ? toState(rows[0]) : null;
}

/** Where contact attachments live (tenant-scoped). */
export const attachmentStore: AggregateStore<AttachmentState> = {
  load: byId,
  findById: byId,
  insert: (tenantId, s) => ({
    sql: `INSERT INTO attachments (id, tenant_id, version, contact_id, file, link, description, removed, created_at, updated_at)
          VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10) RETURNING 1`,
    params: [
      s.id,
      tenantId,
      s.version,
      s.contactId,
      s.file ? JSON.stringify(s.file) : null,
      s.link,
      s.description,
      s.removed,
      s.createdAt,
      s.updatedAt,
    ],
  }),
  update: (tenantId, s, expectedVersion) => ({
    sql: `UPDATE attachments SET version = $3, removed = $4, updated_at = $5 WHERE tenant_id = $1 AND id = $2 AND version = $6 RETURNING 1`,
    params: [tenantId, s.id, s.version, s.removed, s.updatedAt, expectedVersion],
  }),
};
