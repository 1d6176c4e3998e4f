import type { Queryable } from '@crm/event-bus/kit';
import { canonicalId } from '@crm/platform/ids';
import type { ServiceStateName } from '@crm/event-bus/contracts/subscriptions';

/** A service with its subscription and contact, as commands of other aggregates check it. */
export interface ServiceRow {
  id: string;
  subscriptionId: string;
  contactId: string;
  state: ServiceStateName;
}

/**
 * The service (tenant-scoped), its subscription row held FOR SHARE until the caller's transaction
 * ends: the service cannot change state between a check and the write that relies on it.
 */
export async function serviceRowFor(q: Queryable, tenantId: string, ref: string): Promise<ServiceRow | null> {
  const id = canonicalId(ref);
  if (!id) return null;
  const rows = (await q.query(
    `SELECT s.id, s.contact_id, x.state FROM subscriptions s, jsonb_to_recordset(s.data -> 'services') AS x(id uuid, state text)
      WHERE s.tenant_id = $1 AND s.data -> 'services' @> $2::jsonb AND x.id = $3 FOR SHARE OF s`,
    [tenantId, JSON.stringify([{ id }]), id],
  )) as { id: string; contact_id: string; state: ServiceStateName }[];
  const r = rows[0];
  return r ? { id, subscriptionId: r.id, contactId: r.contact_id, state: r.state } : null;
}
