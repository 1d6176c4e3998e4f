import type { EntityManager } from 'typeorm';
import { refKey, type Queryable, type ReadModel } from '@crm/event-bus/kit';
import { FILE_AGGREGATE, type FileEvent } from '@crm/event-bus/contracts/settings';
import { projectFile, type FileView } from '../projections/file-view.projection';

interface Row {
  tenant_id: string;
  id: string;
  version: number;
  owner_kind: string;
  owner_id: string | null;
  entity_type: string;
  name: string;
  content_type: string;
  size_bytes: string | number;
  deleted: boolean;
  created_at: Date | string;
  updated_at: Date | string;
}

const COLUMNS = 'tenant_id, id, version, owner_kind, owner_id, entity_type, name, content_type, size_bytes, deleted, created_at, updated_at';

const toView = (r: Row): FileView => ({
  id: r.id,
  version: Number(r.version),
  ownerKind: r.owner_kind,
  ownerId: r.owner_id,
  entityType: r.entity_type,
  name: r.name,
  contentType: r.content_type,
  sizeBytes: Number(r.size_bytes),
  deleted: r.deleted,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

/**
 * `file_views` as a read model of the projector engine: one row per file with the
 * aggregate version it applied; one statement per batch, only ever moving a row forward.
 */
export const fileViewsReadModel: ReadModel<FileView> = {
  name: 'file_views',
  accepts: (e) => e.aggregateType === FILE_AGGREGATE,
  contiguous: true,
  saveIsAtomic: true,
  async load(q, refs) {
    const rows = (await q.query(`SELECT ${COLUMNS} FROM file_views WHERE (tenant_id, id) IN (SELECT * FROM unnest($1::text[], $2::uuid[]))`, [
      refs.map((r) => r.tenantId),
      refs.map((r) => r.aggregateId),
    ])) as Row[];
    return new Map(
      rows.map((r) => [
        refKey({ tenantId: r.tenant_id, aggregateType: FILE_AGGREGATE, aggregateId: r.id }),
        { version: Number(r.version), state: toView(r) },
      ]),
    );
  },
  project: (view, event) => projectFile(view, event as FileEvent),
  async save(q, changed) {
    const params: unknown[] = [];
    const values = changed.map(({ ref, state: s }) => {
      const i = params.length;
      params.push(
        ref.tenantId,
        s.id,
        s.version,
        s.ownerKind,
        s.ownerId,
        s.entityType,
        s.name,
        s.contentType,
        s.sizeBytes,
        s.deleted,
        s.createdAt,
        s.updatedAt,
      );
      const p = (n: number) => `$${i + n}`;
      return `(${p(1)}, ${p(2)}::uuid, ${p(3)}::int, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)}, ${p(9)}::bigint, ${p(10)}::boolean, ${p(11)}::timestamptz, ${p(12)}::timestamptz)`;
    });
    await q.query(
      `INSERT INTO file_views (${COLUMNS}) VALUES ${values.join(', ')}
       ON CONFLICT (tenant_id, id) DO UPDATE SET version = EXCLUDED.version, deleted = EXCLUDED.deleted, updated_at = EXCLUDED.updated_at
       WHERE file_views.version < EXCLUDED.version`,
      params,
    );
  },
};

/** File views of ONE tenant: every statement is scoped by the tenant given at construction. */
export class FileViewStore {
  constructor(
    private readonly q: Queryable | EntityManager,
    private readonly tenantId: string,
  ) {}

  async get(id: string): Promise<FileView | null> {
    const rows = (await this.q.query(`SELECT ${COLUMNS} FROM file_views WHERE tenant_id = $1 AND id = $2`, [this.tenantId, id])) as Row[];
    return rows[0] ? toView(rows[0]) : null;
  }

  async versionOf(id: string): Promise<number> {
    return (await this.get(id))?.version ?? 0;
  }
}
