import type { AggregateStore, Queryable } from '@crm/event-bus/kit';
import { AppError } from '@crm/platform/errors';
import { canonicalId } from '@crm/platform/ids';
import type { ActivityState } from '../domain/activity';
import type { QueueState } from '../domain/queue';
import type { ServiceRequestState } from '../domain/service-request';
import type { CommunicationState, CommunicationTemplateState } from '../domain/communication';
import type { ApprovalRequestState } from '../domain/approval-request';

interface Row {
  id: string;
  version: number;
  doc: Record<string, unknown>;
  created_at: Date | string;
  updated_at: Date | string;
}

/** A store keeping an aggregate's state as JSON beside the columns its SQL needs (`columns`: name → value of the state). */
function jsonStore<S extends { id: string; version: number; createdAt: Date; updatedAt: Date }>(
  table: string,
  columns: Record<string, (s: S) => unknown>,
  mapError?: (err: unknown) => unknown,
): AggregateStore<S> {
  const docOf = (s: S) => {
    const { id: _id, version: _v, createdAt: _c, updatedAt: _u, ...doc } = s;
    return JSON.stringify(doc);
  };
  const byId = async (q: Queryable, tenantId: string, ref: string): Promise<S | null> => {
    const id = canonicalId(ref);
    if (!id) return null;
    const rows = (await q.query(`SELECT id, version, doc, created_at, updated_at FROM ${table} WHERE tenant_id = $1 AND id = $2`, [
      tenantId,
      id,
    ])) as Row[];
    const r = rows[0];
    return r ? ({ ...r.doc, id: r.id, version: Number(r.version), createdAt: new Date(r.created_at), updatedAt: new Date(r.updated_at) } as S) : null;
  };
  const names = Object.keys(columns);
  return {
    load: byId,
    findById: byId,
    insert: (tenantId, s) => ({
      sql: `INSERT INTO ${table} (id, tenant_id, version, doc, created_at, updated_at${names.map((n) => `, ${n}`).join('')})
            VALUES ($1, $2, $3, $4::jsonb, $5, $6${names.map((_, i) => `, $${7 + i}`).join('')}) RETURNING 1`,
      params: [s.id, tenantId, s.version, docOf(s), s.createdAt, s.updatedAt, ...names.map((n) => columns[n]!(s))],
    }),
    /** Optimistic concurrency: writes only if the stored version is still `expectedVersion`. */
    update: (tenantId, s, expectedVersion) => ({
      sql: `UPDATE ${table} SET version = $3, doc = $4::jsonb, updated_at = $5${names.map((n, i) => `, ${n} = $${7 + i}`).join('')}
            WHERE tenant_id = $1 AND id = $2 AND version = $6 RETURNING 1`,
      params: [tenantId, s.id, s.version, docOf(s), s.updatedAt, expectedVersion, ...names.map((n) => columns[n]!(s))],
    }),
    mapError,
  };
}

const constraintOf = (err: unknown): string | undefined => {
  const e = err as { constraint?: unknown; driverError?: { constraint?: unknown } } | null;
  const name = e?.driverError?.constraint ?? e?.constraint;
  return typeof name === 'string' ? name : undefined;
};

export const queueStore = jsonStore<QueueState>('queues', { name: (s) => s.name }, (err) =>
  constraintOf(err) === 'queues_tenant_name_key'
    ? new AppError('CONFLICT', 'a queue with that name exists', { reason: 'QUEUE_NAME_TAKEN', field: 'name' })
    : err,
);

export const serviceRequestStore = jsonStore<ServiceRequestState>('service_requests', { number: (s) => s.number });

export const activityStore = jsonStore<ActivityState>('activities', { contact_id: (s) => s.contactId });

export const communicationStore = jsonStore<CommunicationState>('communications', {
  contact_id: (s) => s.contactId,
  state: (s) => s.state,
  next_attempt_at: (s) => s.nextAttemptAt,
});

export const communicationTemplateStore = jsonStore<CommunicationTemplateState>('communication_templates', {
  trigger: (s) => s.trigger,
  channel: (s) => s.channel,
  language: (s) => s.language,
});

export const approvalRequestStore = jsonStore<ApprovalRequestState>('approval_requests', { contact_id: (s) => s.approverContactId });

/** The templates of a trigger on a channel, every language. */
export async function templatesOf(q: Queryable, tenantId: string, trigger: string, channel: string): Promise<CommunicationTemplateState[]> {
  const rows = (await q.query(
    `SELECT id, version, doc, created_at, updated_at FROM communication_templates WHERE tenant_id = $1 AND trigger = $2 AND channel = $3`,
    [tenantId, trigger, channel],
  )) as Row[];
  return rows.map(
    (r) =>
      ({
        ...r.doc,
        id: r.id,
        version: Number(r.version),
        createdAt: new Date(r.created_at),
        updatedAt: new Date(r.updated_at),
      }) as CommunicationTemplateState,
  );
}

/**
 * The next service request number of a tenant (1, 2, …), taken in its own statement: a request
 * that then fails (or an idempotent replay) leaves a gap, never a duplicate.
 */
export async function nextServiceRequestNumber(q: Queryable, tenantId: string): Promise<string> {
  const rows = (await q.query(
    `INSERT INTO service_request_numbers (tenant_id, last_number) VALUES ($1, 1)
     ON CONFLICT (tenant_id) DO UPDATE SET last_number = service_request_numbers.last_number + 1 RETURNING last_number`,
    [tenantId],
  )) as { last_number: string | number }[];
  return String(rows[0]!.last_number);
}
