import type { AggregateStore } from '@crm/event-bus/kit';
import { canonicalId } from '@crm/platform/ids';
import type { Action, AutomationState, Condition } from '../domain/automation';

interface Row {
  id: string;
  version: number;
  name: string;
  event: string;
  conditions: Condition[];
  actions: Action[];
  enabled: boolean;
  deleted: boolean;
  created_at: Date | string;
  updated_at: Date | string;
}

const COLUMNS = 'id, version, name, event, conditions, actions, enabled, deleted, created_at, updated_at';

const toState = (r: Row): AutomationState => ({
  id: r.id,
  version: Number(r.version),
  name: r.name,
  event: r.event,
  conditions: r.conditions,
  actions: r.actions,
  enabled: r.enabled,
  deleted: r.deleted,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

type Q = Parameters<AggregateStore<AutomationState>['load']>[0];

async function byId(q: Q, tenantId: string, ref: string): Promise<AutomationState | null> {
  const id = canonicalId(ref);
  if (!id) return null;
  const rows = (await q.query(`SELECT ${COLUMNS} FROM automations WHERE tenant_id = $1 AND id = $2`, [tenantId, id])) as Row[];
  return rows[0] ? toState(rows[0]) : null;
}

/** The enabled automations of a tenant triggered by one event type. */
export async function triggeredBy(q: Q, tenantId: string, eventType: string): Promise<AutomationState[]> {
  const rows = (await q.query(`SELECT ${COLUMNS} FROM automations WHERE tenant_id = $1 AND event = $2 AND enabled AND NOT deleted`, [
    tenantId,
    eventType,
  ])) as Row[];
  return rows.map(toState);
}

/** A page of a tenant's automations, newest first. */
export async function automationPage(q: Q, tenantId: string, offset: number, size: number): Promise<{ total: number; content: AutomationState[] }> {
  const [rows, count] = await Promise.all([
    q.query(`SELECT ${COLUMNS} FROM automations WHERE tenant_id = $1 AND NOT deleted ORDER BY created_at DESC, id DESC OFFSET $2 LIMIT $3`, [
      tenantId,
      offset,
      size,
    ]) as Promise<Row[]>,
    q.query(`SELECT count(*)::int AS n FROM automations WHERE tenant_id = $1 AND NOT deleted`, [tenantId]) as Promise<{ n: number }[]>,
  ]);
  return { total: Number(count[0]?.n ?? 0), content: rows.map(toState) };
}

/** Every automation of a tenant, oldest first (the export). */
export async function allAutomations(q: Q, tenantId: string): Promise<AutomationState[]> {
  const rows = (await q.query(`SELECT ${COLUMNS} FROM automations WHERE tenant_id = $1 AND NOT deleted ORDER BY created_at, id`, [
    tenantId,
  ])) as Row[];
  return rows.map(toState);
}

/** Where automations live: tenant-scoped reads, and the writes the command handler runs with the outbox append. */
export const automationStore: AggregateStore<AutomationState> = {
  load: byId,
  findById: byId,
  insert: (tenantId, s) => ({
    sql: `INSERT INTO automations (id, tenant_id, version, name, event, conditions, actions, enabled, deleted, created_at, updated_at)
          VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9, $10, $11) RETURNING 1`,
    params: [
      s.id,
      tenantId,
      s.version,
      s.name,
      s.event,
      JSON.stringify(s.conditions),
      JSON.stringify(s.actions),
      s.enabled,
      s.deleted,
      s.createdAt,
      s.updatedAt,
    ],
  }),
  update: (tenantId, s, expectedVersion) => ({
    sql: `UPDATE automations SET version = $3, name = $4, event = $5, conditions = $6::jsonb, actions = $7::jsonb, enabled = $8, deleted = $9,
          updated_at = $10 WHERE tenant_id = $1 AND id = $2 AND version = $11 RETURNING 1`,
    params: [
      tenantId,
      s.id,
      s.version,
      s.name,
      s.event,
      JSON.stringify(s.conditions),
      JSON.stringify(s.actions),
      s.enabled,
      s.deleted,
      s.updatedAt,
      expectedVersion,
    ],
  }),
};
