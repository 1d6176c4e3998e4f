import type { AggregateStore, Queryable } from '@crm/event-bus/kit';
import { canonicalId } from '@crm/platform/ids';
import type { ContactProfileState } from '../domain/contact-profile';
import { jsonOf } from './rows';

interface Row {
  id: string;
  version: number;
  image: ContactProfileState['image'] | string | null;
  preferences: ContactProfileState['preferences'] | string;
  created_at: Date | string;
  updated_at: Date | string;
}

async function byId(q: Queryable, tenantId: string, ref: string): Promise<ContactProfileState | null> {
  const id = canonicalId(ref);
  if (!id) return null;
  const rows = (await q.query(
    `SELECT id, version, image, preferences, created_at, updated_at FROM contact_profiles WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id],
  )) as Row[];
  const r = rows[0];
  return r
    ? {
        id: r.id,
        version: Number(r.version),
        image: r.image === null ? null : jsonOf<NonNullable<ContactProfileState['image']>>(r.image),
        preferences: jsonOf<ContactProfileState['preferences']>(r.preferences),
        createdAt: new Date(r.created_at),
        updatedAt: new Date(r.updated_at),
      }
    : null;
}

/** Where contacts' profile extras live: one row per tenant and contact. */
export const contactProfileStore: AggregateStore<ContactProfileState> = {
  load: byId,
  findById: byId,
  insert: (tenantId, s) => ({
    sql: `INSERT INTO contact_profiles (tenant_id, id, version, image, preferences, created_at, updated_at)
          VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6, $7) RETURNING 1`,
    params: [tenantId, s.id, s.version, s.image ? JSON.stringify(s.image) : null, JSON.stringify(s.preferences), s.createdAt, s.updatedAt],
  }),
  update: (tenantId, s, expectedVersion) => ({
    sql: `UPDATE contact_profiles SET version = $3, image = $4::jsonb, preferences = $5::jsonb, updated_at = $6
          WHERE tenant_id = $1 AND id = $2 AND version = $7 RETURNING 1`,
    params: [tenantId, s.id, s.version, s.image ? JSON.stringify(s.image) : null, JSON.stringify(s.preferences), s.updatedAt, expectedVersion],
  }),
};
