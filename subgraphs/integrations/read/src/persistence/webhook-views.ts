import type { EntityManager } from 'typeorm';
import { refKey, type Queryable, type ReadModel } from '@crm/event-bus/kit';
import { WEBHOOK_AGGREGATE, type WebhookEvent } from '@crm/event-bus/contracts/integrations';
import { projectWebhook, type WebhookView } from '../projections/webhook-view.projection';

interface Row {
  tenant_id: string;
  id: string;
  version: number;
  url: string;
  events: string[];
  description: string | null;
  enabled: boolean;
  disabled_reason: string | null;
  deleted: boolean;
  created_at: Date | string;
  updated_at: Date | string;
}

const COLUMNS = 'tenant_id, id, version, url, events, description, enabled, disabled_reason, deleted, created_at, updated_at';

const toView = (r: Row): WebhookView => ({
  id: r.id,
  version: Number(r.version),
  url: r.url,
  events: r.events,
  description: r.description,
  enabled: r.enabled,
  disabledReason: r.disabled_reason,
  deleted: r.deleted,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

/**
 * `webhook_views` as a read model of the projector engine: one row per webhook with the
 * aggregate version it applied; one statement per batch, only ever moving a row forward.
 */
export const webhookViewsReadModel: ReadModel<WebhookView> = {
  name: 'webhook_views',
  accepts: (e) => e.aggregateType === WEBHOOK_AGGREGATE,
  contiguous: true,
  saveIsAtomic: true,
  async load(q, refs) {
    const rows = (await q.query(`SELECT ${COLUMNS} FROM webhook_views WHERE (tenant_id, id) IN (SELECT * FROM unnest($1::text[], $2::uuid[]))`, [
      refs.map((r) => r.tenantId),
      refs.map((r) => r.aggregateId),
    ])) as Row[];
    return new Map(
      rows.map((r) => [
        refKey({ tenantId: r.tenant_id, aggregateType: WEBHOOK_AGGREGATE, aggregateId: r.id }),
        { version: Number(r.version), state: toView(r) },
      ]),
    );
  },
  project: (view, event) => projectWebhook(view, event as WebhookEvent),
  async save(q, changed) {
    const params: unknown[] = [];
    const values = changed.map(({ ref, state }) => {
      const i = params.length;
      params.push(
        ref.tenantId,
        state.id,
        state.version,
        state.url,
        JSON.stringify(state.events),
        state.description,
        state.enabled,
        state.disabledReason,
        state.deleted,
        state.createdAt,
        state.updatedAt,
      );
      const p = (n: number) => `$${i + n}`;
      return `(${p(1)}, ${p(2)}::uuid, ${p(3)}::int, ${p(4)}, ${p(5)}::jsonb, ${p(6)}, ${p(7)}::boolean, ${p(8)}, ${p(9)}::boolean, ${p(10)}::timestamptz, ${p(11)}::timestamptz)`;
    });
    await q.query(
      `INSERT INTO webhook_views (${COLUMNS}) VALUES ${values.join(', ')}
       ON CONFLICT (tenant_id, id) DO UPDATE SET version = EXCLUDED.version, url = EXCLUDED.url, events = EXCLUDED.events,
         description = EXCLUDED.description, enabled = EXCLUDED.enabled, disabled_reason = EXCLUDED.disabled_reason,
         deleted = EXCLUDED.deleted, updated_at = EXCLUDED.updated_at
       WHERE webhook_views.version < EXCLUDED.version`,
      params,
    );
  },
};

/** Webhook views of ONE tenant: every statement is scoped by the tenant given at construction. */
export class WebhookViewStore {
  constructor(
    private readonly q: Queryable | EntityManager,
    private readonly tenantId: string,
  ) {}

  async get(id: string): Promise<WebhookView | null> {
    const rows = (await this.q.query(`SELECT ${COLUMNS} FROM webhook_views WHERE tenant_id = $1 AND id = $2`, [this.tenantId, id])) as Row[];
    return rows[0] ? toView(rows[0]) : null;
  }

  /** The tenant's endpoints (deleted ones left out), newest first. */
  async page(offset: number, size: number): Promise<{ total: number; content: WebhookView[] }> {
    const [rows, count] = await Promise.all([
      this.q.query(`SELECT ${COLUMNS} FROM webhook_views WHERE tenant_id = $1 AND NOT deleted ORDER BY created_at DESC, id DESC OFFSET $2 LIMIT $3`, [
        this.tenantId,
        offset,
        size,
      ]) as Promise<Row[]>,
      this.q.query(`SELECT count(*)::int AS n FROM webhook_views WHERE tenant_id = $1 AND NOT deleted`, [this.tenantId]) as Promise<{ n: number }[]>,
    ]);
    return { total: Number(count[0]?.n ?? 0), content: rows.map(toView) };
  }

  async versionOf(id: string): Promise<number> {
    return (await this.get(id))?.version ?? 0;
  }
}
