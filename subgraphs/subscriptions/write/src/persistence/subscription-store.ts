import type { AggregateStore, Queryable } from '@crm/event-bus/kit';
import { AppError } from '@crm/platform/errors';
import { canonicalId } from '@crm/platform/ids';
import type { SubscriptionState } from '../domain/subscription';

interface Row {
  id: string;
  version: number;
  data: Omit<SubscriptionState, 'id' | 'version' | 'createdAt' | 'updatedAt'>;
  created_at: Date | string;
  updated_at: Date | string;
}

const COLUMNS = `id, version, data, created_at, updated_at`;
const toState = (r: Row): SubscriptionState => ({
  ...r.data,
  id: r.id,
  version: Number(r.version),
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});
const dataOf = (s: SubscriptionState): string => {
  const { id: _id, version: _v, createdAt: _c, updatedAt: _u, ...data } = s;
  return JSON.stringify(data);
};

async function byId(q: Queryable, tenantId: string, ref: string): Promise<SubscriptionState | null> {
  const id = canonicalId(ref);
  if (!id) return null;
  const rows = (await q.query(`SELECT ${COLUMNS} FROM subscriptions WHERE tenant_id = $1 AND id = $2`, [tenantId, id])) as Row[];
  return rows[0] ? toState(rows[0]) : null;
}

/** The contact's live (not churned) subscription for the account, or null. */
export async function liveSubscriptionOf(
  q: Queryable,
  tenantId: string,
  contactId: string,
  accountId: string | null,
): Promise<SubscriptionState | null> {
  const rows = (await q.query(
    `SELECT ${COLUMNS} FROM subscriptions WHERE tenant_id = $1 AND contact_id = $2 AND account_key = $3 AND state <> 'CHURNED'`,
    [tenantId, contactId, accountId ?? ''],
  )) as Row[];
  return rows[0] ? toState(rows[0]) : null;
}

/** The id of the subscription holding the service, or null. */
export async function subscriptionIdOfService(q: Queryable, tenantId: string, serviceId: string): Promise<string | null> {
  const rows = (await q.query(`SELECT id FROM subscriptions WHERE tenant_id = $1 AND data -> 'services' @> $2::jsonb`, [
    tenantId,
    JSON.stringify([{ id: serviceId }]),
  ])) as { id: string }[];
  return rows[0]?.id ?? null;
}

/** The id of the subscription a scheduled action belongs to, or null. */
export async function subscriptionIdOfAction(q: Queryable, tenantId: string, actionId: string): Promise<string | null> {
  const rows = (await q.query(`SELECT subscription_id FROM subscription_actions WHERE tenant_id = $1 AND id = $2`, [tenantId, actionId])) as {
    subscription_id: string;
  }[];
  return rows[0]?.subscription_id ?? null;
}

/** Where subscription aggregates live: tenant-scoped reads, and the writes the command handler runs with the outbox append. */
export const subscriptionStore: AggregateStore<SubscriptionState> = {
  load: byId,
  findById: byId,
  insert: (tenantId, s) => ({
    sql: `INSERT INTO subscriptions (id, tenant_id, version, contact_id, account_key, state, data, created_at, updated_at)
          VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9) RETURNING 1`,
    params: [s.id, tenantId, s.version, s.contactId, s.accountId ?? '', s.state, dataOf(s), s.createdAt, s.updatedAt],
  }),
  /** Optimistic concurrency: writes only if the stored version is still `expectedVersion`. */
  update: (tenantId, s, expectedVersion) => ({
    sql: `UPDATE subscriptions SET version = $3, state = $4, data = $5::jsonb, updated_at = $6 WHERE tenant_id = $1 AND id = $2 AND version = $7 RETURNING 1`,
    params: [tenantId, s.id, s.version, s.state, dataOf(s), s.updatedAt, expectedVersion],
  }),
  /** Two first requests for the same contact raced to open its subscription: retry, the second joins the first's. */
  mapError: (err) =>
    (err as { code?: string; constraint?: string }).code === '23505'
      ? new AppError('CONFLICT', 'the subscription was opened by another request; retry', { reason: 'VERSION_CONFLICT' })
      : err,
};
