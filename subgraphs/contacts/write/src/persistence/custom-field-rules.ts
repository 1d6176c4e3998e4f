import type { Queryable } from '@crm/event-bus/kit';
import type { CustomFieldType } from '@crm/event-bus/contracts/settings';
import type { CustomFieldRule } from '../domain/custom-field-rules';

/** The live CONTACTS custom field rules of one tenant. */
export async function contactCustomFieldRules(q: Queryable, tenantId: string): Promise<CustomFieldRule[]> {
  const rows = (await q.query(
    `SELECT key, field, options, mandatory FROM custom_field_rules WHERE tenant_id = $1 AND entity = 'CONTACTS' AND NOT removed`,
    [tenantId],
  )) as { key: string; field: CustomFieldType; options: string[] | string; mandatory: boolean }[];
  return rows.map((r) => ({
    key: r.key,
    field: r.field,
    options: typeof r.options === 'string' ? (JSON.parse(r.options) as string[]) : r.options,
    mandatory: r.mandatory,
  }));
}

export interface RuleChange {
  tenantId: string;
  id: string;
  version: number;
  entity: string;
  key: string;
  field: string | null;
  options: string[] | null;
  mandatory: boolean | null;
  removed: boolean;
}

/** Applies one definition event, only ever moving a rule forward (redeliveries and stale events change nothing). */
export async function saveRule(q: Queryable, c: RuleChange): Promise<void> {
  if (c.removed) {
    await q.query(`UPDATE custom_field_rules SET removed = true, version = $3 WHERE tenant_id = $1 AND id = $2 AND version < $3`, [
      c.tenantId,
      c.id,
      c.version,
    ]);
    return;
  }
  await q.query(
    `INSERT INTO custom_field_rules (tenant_id, id, version, entity, key, field, options, mandatory, removed)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, false)
     ON CONFLICT (tenant_id, id) DO UPDATE SET version = EXCLUDED.version, field = EXCLUDED.field, options = EXCLUDED.options, mandatory = EXCLUDED.mandatory
     WHERE custom_field_rules.version < EXCLUDED.version`,
    [c.tenantId, c.id, c.version, c.entity, c.key, c.field, JSON.stringify(c.options ?? []), c.mandatory ?? false],
  );
}
