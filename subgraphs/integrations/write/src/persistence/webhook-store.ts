import type { AggregateStore } from '@crm/event-bus/kit';
import { canonicalId } from '@crm/platform/ids';
import type { SealedSecret, WebhookState } from '../domain/webhook';

interface Row {
  id: string;
  version: number;
  url: string;
  events: string[];
  description: string | null;
  enabled: boolean;
  secrets: SealedSecret[];
  disabled_reason: string | null;
  deleted: boolean;
  created_at: Date | string;
  updated_at: Date | string;
}

export const ENDPOINT_COLUMNS = 'id, version, url, events, description, enabled, secrets, disabled_reason, deleted, created_at, updated_at';

export const toState = (r: Row): WebhookState => ({
  id: r.id,
  version: Number(r.version),
  url: r.url,
  events: r.events,
  description: r.description,
  enabled: r.enabled,
  secrets: r.secrets,
  disabledReason: r.disabled_reason,
  deleted: r.deleted,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

type Q = Parameters<AggregateStore<WebhookState>['load']>[0];

async function byId(q: Q, tenantId: string, ref: string): Promise<WebhookState | null> {
  const id = canonicalId(ref);
  if (!id) return null;
  const rows = (await q.query(`SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE tenant_id = $1 AND id = $2`, [tenantId, id])) as Row[];
  return rows[0] ? toState(rows[0]) : null;
}

/** The enabled endpoints of a tenant (the dispatcher matches each event against them). */
export async function enabledEndpoints(q: Q, tenantId: string): Promise<WebhookState[]> {
  const rows = (await q.query(`SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE tenant_id = $1 AND enabled AND NOT deleted`, [
    tenantId,
  ])) as Row[];
  return rows.map(toState);
}

/** Where webhook endpoints live: tenant-scoped reads, and the writes the command handler runs with the outbox append. Secrets are stored sealed. */
export const webhookStore: AggregateStore<WebhookState> = {
  load: byId,
  findById: byId,
  insert: (tenantId, s) => ({
    sql: `INSERT INTO webhook_endpoints (id, tenant_id, version, url, events, description, enabled, secrets, disabled_reason, deleted, created_at, updated_at)
          VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8::jsonb, $9, $10, $11, $12) RETURNING 1`,
    params: [
      s.id,
      tenantId,
      s.version,
      s.url,
      JSON.stringify(s.events),
      s.description,
      s.enabled,
      JSON.stringify(s.secrets),
      s.disabledReason,
      s.deleted,
      s.createdAt,
      s.updatedAt,
    ],
  }),
  /** Optimistic concurrency: writes only if the stored version is still `expectedVersion`. */
  update: (tenantId, s, expectedVersion) => ({
    sql: `UPDATE webhook_endpoints SET version = $3, url = $4, events = $5::jsonb, description = $6, enabled = $7, secrets = $8::jsonb,
          disabled_reason = $9, deleted = $10, updated_at = $11 WHERE tenant_id = $1 AND id = $2 AND version = $12 RETURNING 1`,
    params: [
      tenantId,
      s.id,
      s.version,
      s.url,
      JSON.stringify(s.events),
      s.description,
      s.enabled,
      JSON.stringify(s.secrets),
      s.disabledReason,
      s.deleted,
      s.updatedAt,
      expectedVersion,
    ],
  }),
};
