import type { EntityManager } from 'typeorm';
import { refKey, type Queryable, type ReadModel } from '@crm/event-bus/kit';
import { SUBSCRIPTION_AGGREGATE, type SubscriptionEvent } from '@crm/event-bus/contracts/subscriptions';
import { projectSubscription, type SubscriptionView } from '../projections/subscription-view.projection';

interface Row {
  tenant_id: string;
  id: string;
  version: number;
  data: Omit<SubscriptionView, 'id' | 'version' | 'createdAt' | 'updatedAt'>;
  created_at: Date | string;
  updated_at: Date | string;
}

const COLUMNS = `tenant_id, id, version, data, created_at, updated_at`;
const toView = (r: Row): SubscriptionView => ({
  ...r.data,
  id: r.id,
  version: Number(r.version),
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});
const dataOf = (v: SubscriptionView): string => {
  const { id: _i, version: _v, createdAt: _c, updatedAt: _u, ...data } = v;
  return JSON.stringify(data);
};

/**
 * `subscription_views` as a read model of the projector engine: one row per subscription (its
 * services and actions in `data`) with the aggregate version it applied; one statement per batch,
 * only ever moving a row forward.
 */
export const subscriptionViewsReadModel: ReadModel<SubscriptionView> = {
  name: 'subscription_views',
  accepts: (e) => e.aggregateType === SUBSCRIPTION_AGGREGATE,
  contiguous: true,
  saveIsAtomic: true,
  async load(q, refs) {
    const rows = (await q.query(`SELECT ${COLUMNS} FROM subscription_views WHERE (tenant_id, id) IN (SELECT * FROM unnest($1::text[], $2::uuid[]))`, [
      refs.map((r) => r.tenantId),
      refs.map((r) => r.aggregateId),
    ])) as Row[];
    return new Map(
      rows.map((r) => [
        refKey({ tenantId: r.tenant_id, aggregateType: SUBSCRIPTION_AGGREGATE, aggregateId: r.id }),
        { version: Number(r.version), state: toView(r) },
      ]),
    );
  },
  project: (view, event) => projectSubscription(view, event as SubscriptionEvent),
  async save(q, changed) {
    const params: unknown[] = [];
    const values = changed.map(({ ref, state }) => {
      const i = params.length;
      params.push(ref.tenantId, state.id, state.version, state.contactId, state.state, dataOf(state), state.createdAt, state.updatedAt);
      return `($${i + 1}, $${i + 2}::uuid, $${i + 3}::int, $${i + 4}::uuid, $${i + 5}, $${i + 6}::jsonb, $${i + 7}::timestamptz, $${i + 8}::timestamptz)`;
    });
    await q.query(
      `INSERT INTO subscription_views (tenant_id, id, version, contact_id, state, data, created_at, updated_at) VALUES ${values.join(', ')}
       ON CONFLICT (tenant_id, id) DO UPDATE SET version = EXCLUDED.version, state = EXCLUDED.state, data = EXCLUDED.data, updated_at = EXCLUDED.updated_at
       WHERE subscription_views.version < EXCLUDED.version`,
      params,
    );
  },
};

/** Subscription views of ONE tenant: every statement is scoped by the tenant given at construction. */
export class SubscriptionViewStore {
  constructor(
    private readonly q: Queryable | EntityManager,
    private readonly tenantId: string,
  ) {}

  private async many(where: string, params: unknown[], tail = 'ORDER BY created_at, id'): Promise<SubscriptionView[]> {
    const rows = (await this.q.query(`SELECT ${COLUMNS} FROM subscription_views WHERE tenant_id = $1 AND ${where} ${tail}`, [
      this.tenantId,
      ...params,
    ])) as Row[];
    return rows.map(toView);
  }

  async get(id: string): Promise<SubscriptionView | null> {
    return (await this.many('id = $2', [id]))[0] ?? null;
  }

  /** The tenant's subscriptions (optionally one contact's, optionally in one state), oldest first. */
  list(filter: { contactId: string | null; state: string | null }, limit: number, offset: number): Promise<SubscriptionView[]> {
    return this.many(
      `($2::uuid IS NULL OR contact_id = $2::uuid) AND ($3::text IS NULL OR state = $3)`,
      [filter.contactId, filter.state, limit, offset],
      `ORDER BY created_at, id LIMIT $4 OFFSET $5`,
    );
  }

  async count(filter: { contactId: string | null; state: string | null }): Promise<number> {
    const rows = (await this.q.query(
      `SELECT count(*)::int AS n FROM subscription_views WHERE tenant_id = $1 AND ($2::uuid IS NULL OR contact_id = $2::uuid) AND ($3::text IS NULL OR state = $3)`,
      [this.tenantId, filter.contactId, filter.state],
    )) as { n: number }[];
    return Number(rows[0]?.n ?? 0);
  }

  /** The subscription holding the service. */
  async ofService(serviceId: string): Promise<SubscriptionView | null> {
    return (await this.many(`data -> 'services' @> $2::jsonb`, [JSON.stringify([{ id: serviceId }])]))[0] ?? null;
  }

  /** The subscription holding the action. */
  async ofAction(actionId: string): Promise<SubscriptionView | null> {
    return (await this.many(`data -> 'actions' @> $2::jsonb`, [JSON.stringify([{ id: actionId }])]))[0] ?? null;
  }

  async versionOf(id: string): Promise<number> {
    const rows = (await this.q.query(`SELECT version FROM subscription_views WHERE tenant_id = $1 AND id = $2`, [this.tenantId, id])) as {
      version: number;
    }[];
    return Number(rows[0]?.version ?? 0);
  }
}
