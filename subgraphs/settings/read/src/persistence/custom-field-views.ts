import type { EntityManager } from 'typeorm';
import { refKey, type Queryable, type ReadModel } from '@crm/event-bus/kit';
import { CUSTOM_FIELD_AGGREGATE, type CustomFieldEntity, type CustomFieldEvent, type CustomFieldType } from '@crm/event-bus/contracts/settings';
import { projectCustomField, type CustomFieldView } from '../projections/custom-field-view.projection';

interface Row {
  tenant_id: string;
  id: string;
  version: number;
  entity: CustomFieldEntity;
  key: string;
  label: string;
  field: CustomFieldType;
  options: string[] | string;
  mandatory: boolean;
  tooltip: string | null;
  visible: boolean;
  removed: boolean;
  created_at: Date | string;
  updated_at: Date | string;
}

const COLUMNS = 'tenant_id, id, version, entity, key, label, field, options, mandatory, tooltip, visible, removed, created_at, updated_at';

const toView = (r: Row): CustomFieldView => ({
  id: r.id,
  version: Number(r.version),
  entity: r.entity,
  key: r.key,
  label: r.label,
  field: r.field,
  options: typeof r.options === 'string' ? (JSON.parse(r.options) as string[]) : r.options,
  mandatory: r.mandatory,
  tooltip: r.tooltip,
  visible: r.visible,
  removed: r.removed,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

/** `custom_field_views`: one row per definition at the version it applied; one statement per batch. */
export const customFieldViewsReadModel: ReadModel<CustomFieldView> = {
  name: 'custom_field_views',
  accepts: (e) => e.aggregateType === CUSTOM_FIELD_AGGREGATE,
  contiguous: true,
  saveIsAtomic: true,
  async load(q, refs) {
    const rows = (await q.query(`SELECT ${COLUMNS} FROM custom_field_views WHERE (tenant_id, id) IN (SELECT * FROM unnest($1::text[], $2::uuid[]))`, [
      refs.map((r) => r.tenantId),
      refs.map((r) => r.aggregateId),
    ])) as Row[];
    return new Map(
      rows.map((r) => [
        refKey({ tenantId: r.tenant_id, aggregateType: CUSTOM_FIELD_AGGREGATE, aggregateId: r.id }),
        { version: Number(r.version), state: toView(r) },
      ]),
    );
  },
  project: (view, event) => projectCustomField(view, event as CustomFieldEvent),
  async save(q, changed) {
    const params: unknown[] = [];
    const values = changed.map(({ ref, state: s }) => {
      const i = params.length;
      params.push(
        ref.tenantId,
        s.id,
        s.version,
        s.entity,
        s.key,
        s.label,
        s.field,
        JSON.stringify(s.options),
        s.mandatory,
        s.tooltip,
        s.visible,
        s.removed,
        s.createdAt,
        s.updatedAt,
      );
      const p = (n: number, cast = '') => `$${i + n}${cast}`;
      return `(${p(1)}, ${p(2, '::uuid')}, ${p(3, '::int')}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}, ${p(8, '::jsonb')}, ${p(9, '::boolean')}, ${p(10)}, ${p(11, '::boolean')}, ${p(12, '::boolean')}, ${p(13, '::timestamptz')}, ${p(14, '::timestamptz')})`;
    });
    await q.query(
      `INSERT INTO custom_field_views (${COLUMNS}) VALUES ${values.join(', ')}
       ON CONFLICT (tenant_id, id) DO UPDATE SET version = EXCLUDED.version, label = EXCLUDED.label, options = EXCLUDED.options,
         mandatory = EXCLUDED.mandatory, tooltip = EXCLUDED.tooltip, visible = EXCLUDED.visible, removed = EXCLUDED.removed, updated_at = EXCLUDED.updated_at
       WHERE custom_field_views.version < EXCLUDED.version`,
      params,
    );
  },
};

/** Custom field views of ONE tenant. */
export class CustomFieldViewStore {
  constructor(
    private readonly q: Queryable | EntityManager,
    private readonly tenantId: string,
  ) {}

  async get(id: string): Promise<CustomFieldView | null> {
    const rows = (await this.q.query(`SELECT ${COLUMNS} FROM custom_field_views WHERE tenant_id = $1 AND id = $2`, [this.tenantId, id])) as Row[];
    return rows[0] ? toView(rows[0]) : null;
  }

  /** The live definitions of an entity, by key. */
  async list(entity: string): Promise<CustomFieldView[]> {
    const rows = (await this.q.query(`SELECT ${COLUMNS} FROM custom_field_views WHERE tenant_id = $1 AND entity = $2 AND NOT removed ORDER BY key`, [
      this.tenantId,
      entity,
    ])) as Row[];
    return rows.map(toView);
  }

  async versionOf(id: string): Promise<number> {
    return (await this.get(id))?.version ?? 0;
  }
}
