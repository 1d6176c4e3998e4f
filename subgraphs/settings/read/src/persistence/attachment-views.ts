import type { EntityManager } from 'typeorm';
import { refKey, type Queryable, type ReadModel } from '@crm/event-bus/kit';
import { ATTACHMENT_AGGREGATE, type AttachmentEvent } from '@crm/event-bus/contracts/settings';
import { projectAttachment, type AttachmentView } from '../projections/attachment-view.projection';

interface Row {
  tenant_id: string;
  id: string;
  version: number;
  contact_id: string;
  file: AttachmentView['file'] | string | null;
  link: string | null;
  description: string | null;
  removed: boolean;
  created_at: Date | string;
}

const COLUMNS = 'tenant_id, id, version, contact_id, file, link, description, removed, created_at';

const toView = (r: Row): AttachmentView => ({
  id: r.id,
  version: Number(r.version),
  contactId: r.contact_id,
  file: typeof r.file === 'string' ? (JSON.parse(r.file) as AttachmentView['file']) : r.file,
  link: r.link,
  description: r.description,
  removed: r.removed,
  createdAt: new Date(r.created_at),
});

/** `attachment_views`: one row per attachment at the version it applied. */
export const attachmentViewsReadModel: ReadModel<AttachmentView> = {
  name: 'attachment_views',
  accepts: (e) => e.aggregateType === ATTACHMENT_AGGREGATE,
  contiguous: true,
  saveIsAtomic: true,
  async load(q, refs) {
    const rows = (await q.query(`SELECT ${COLUMNS} FROM attachment_views WHERE (tenant_id, id) IN (SELECT * FROM unnest($1::text[], $2::uuid[]))`, [
      refs.map((r) => r.tenantId),
      refs.map((r) => r.aggregateId),
    ])) as Row[];
    return new Map(
      rows.map((r) => [
        refKey({ tenantId: r.tenant_id, aggregateType: ATTACHMENT_AGGREGATE, aggregateId: r.id }),
        { version: Number(r.version), state: toView(r) },
      ]),
    );
  },
  project: (view, event) => projectAttachment(view, event as AttachmentEvent),
  async save(q, changed) {
    const params: unknown[] = [];
    const values = changed.map(({ ref, state: s }) => {
      const i = params.length;
      params.push(ref.tenantId, s.id, s.version, s.contactId, s.file ? JSON.stringify(s.file) : null, s.link, s.description, s.removed, s.createdAt);
      const p = (n: number, cast = '') => `$${i + n}${cast}`;
      return `(${p(1)}, ${p(2, '::uuid')}, ${p(3, '::int')}, ${p(4, '::uuid')}, ${p(5, '::jsonb')}, ${p(6)}, ${p(7)}, ${p(8, '::boolean')}, ${p(9, '::timestamptz')})`;
    });
    await q.query(
      `INSERT INTO attachment_views (${COLUMNS}) VALUES ${values.join(', ')}
       ON CONFLICT (tenant_id, id) DO UPDATE SET version = EXCLUDED.version, removed = EXCLUDED.removed
       WHERE attachment_views.version < EXCLUDED.version`,
      params,
    );
  },
};

/** Attachment views of ONE tenant. */
export class AttachmentViewStore {
  constructor(
    private readonly q: Queryable | EntityManager,
    private readonly tenantId: string,
  ) {}

  async ofContact(contactId: string): Promise<AttachmentView[]> {
    const rows = (await this.q.query(
      `SELECT ${COLUMNS} FROM attachment_views WHERE tenant_id = $1 AND contact_id = $2 AND NOT removed ORDER BY created_at, id`,
      [this.tenantId, contactId],
    )) as Row[];
    return rows.map(toView);
  }

  async versionOf(id: string): Promise<number> {
    const rows = (await this.q.query(`SELECT version FROM attachment_views WHERE tenant_id = $1 AND id = $2`, [this.tenantId, id])) as {
      version: number;
    }[];
    return Number(rows[0]?.version ?? 0);
  }
}
