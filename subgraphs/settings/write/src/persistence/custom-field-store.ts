import type { AggregateStore, Queryable } from '@crm/event-bus/kit';
import type { CustomFieldEntity, CustomFieldType } from '@crm/event-bus/contracts/settings';
import { AppError } from '@crm/platform/errors';
import { canonicalId } from '@crm/platform/ids';
import type { CustomFieldState } from '../domain/custom-field';

interface Row {
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

const COLUMNS = 'id, version, entity, key, label, field, options, mandatory, tooltip, visible, removed, created_at, updated_at';

const toState = (r: Row): CustomFieldState => ({
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

async function byId(q: Queryable, tenantId: string, ref: string): Promise<CustomFieldState | null> {
  const id = canonicalId(ref);
  if (!id) return null;
  const rows = (await q.query(`SELECT ${COLUMNS} FROM custom_fields WHERE tenant_id = $1 AND id = $2`, [tenantId, id])) as Row[];
  return rows[0] ? toState(rows[0]) : null;
}

function constraintOf(err: unknown): string | undefined {
  const e = err as { constraint?: unknown; driverError?: { constraint?: unknown } } | null;
  const name = e?.driverError?.constraint ?? e?.constraint;
  return typeof name === 'string' ? name : undefined;
}

/** Where custom field definitions live; a taken key (per tenant and entity) is a 409 naming `key`. */
export const customFieldStore: AggregateStore<CustomFieldState> = {
  load: byId,
  findById: byId,
  insert: (tenantId, s) => ({
    sql: `INSERT INTO custom_fields (id, tenant_id, version, entity, key, label, field, options, mandatory, tooltip, visible, removed, created_at, updated_at)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12, $13, $14) RETURNING 1`,
    params: [
      s.id,
      tenantId,
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
    ],
  }),
  update: (tenantId, s, expectedVersion) => ({
    sql: `UPDATE custom_fields SET version = $3, label = $4, options = $5::jsonb, mandatory = $6, tooltip = $7, visible = $8, removed = $9, updated_at = $10
          WHERE tenant_id = $1 AND id = $2 AND version = $11 RETURNING 1`,
    params: [
      tenantId,
      s.id,
      s.version,
      s.label,
      JSON.stringify(s.options),
      s.mandatory,
      s.tooltip,
      s.visible,
      s.removed,
      s.updatedAt,
      expectedVersion,
    ],
  }),
  mapError: (err) =>
    constraintOf(err) === 'custom_fields_key_uq'
      ? new AppError('CONFLICT', 'key: the entity has a custom field with this key already', { field: 'key', reason: 'CUSTOM_FIELD_KEY_TAKEN' })
      : err,
};
