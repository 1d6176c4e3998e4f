import assert from 'node:assert/strict';
import { eventually } from './eventually';
import type { TestPlatform } from './test-platform';

/**
 * Defines CONTACTS custom fields for a tenant through the Back-Office route, then waits until
 * contacts-write has applied their events (contact writes are checked against its copy), so a
 * test can send contacts with those keys. `headers` pick the tenant (default: the platform's).
 */
export async function defineContactCustomFields(
  p: TestPlatform,
  fields: { key: string; field?: string; options?: string[]; mandatory?: boolean }[],
  headers: Record<string, string> = {},
): Promise<void> {
  for (const f of fields) {
    const r = await p.http(
      'POST',
      '/backoffice/v2/custom_fields',
      {
        entity: 'CONTACTS',
        key: f.key,
        label: f.key,
        field: f.field ?? 'SINGLE_LINE',
        ...(f.options ? { options: f.options } : {}),
        mandatory: f.mandatory ?? false,
      },
      headers,
    );
    assert.equal(r.status, 201, r.text);
  }
  const tenant = headers['x-dev-tenant'] ?? p.tenant;
  await eventually(`contacts-write applying the custom fields ${fields.map((f) => f.key).join(', ')}`, async () => {
    const [row] = (await p.contactsWrite.dataSource.query(
      `SELECT count(*)::int AS n FROM custom_field_rules WHERE tenant_id = $1 AND entity = 'CONTACTS' AND NOT removed AND key = ANY($2::text[])`,
      [tenant, fields.map((f) => f.key)],
    )) as { n: number }[];
    return row?.n === fields.length;
  });
}
