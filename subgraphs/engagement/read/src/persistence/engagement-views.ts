import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@crm/event-bus';
import { refKey, type Queryable, type ReadModel } from '@crm/event-bus/kit';
import {
  ACTIVITY_AGGREGATE,
  APPROVAL_REQUEST_AGGREGATE,
  COMMUNICATION_AGGREGATE,
  QUEUE_AGGREGATE,
  SERVICE_REQUEST_AGGREGATE,
  type ActivityEvent,
  type ApprovalRequestEvent,
  type CommunicationEvent,
  type QueueEvent,
  type ServiceRequestEvent,
} from '@crm/event-bus/contracts/engagement';
import { projectActivity, type ActivityView } from '../projections/activity-view.projection';
import { projectApprovalRequest, type ApprovalRequestView } from '../projections/approval-request-view.projection';
import { projectCommunication, type CommunicationView } from '../projections/communication-view.projection';
import { projectQueue, type QueueView } from '../projections/queue-view.projection';
import { projectServiceRequest, type ServiceRequestView } from '../projections/service-request-view.projection';

interface DocRow<V> {
  tenant_id: string;
  id: string;
  version: number;
  doc: V;
}

/**
 * A read model keeping one JSON view per aggregate beside the columns queries need: one
 * statement per batch, only ever moving a row forward.
 */
function jsonReadModel<V extends { id: string; version: number }>(def: {
  table: string;
  aggregateType: string;
  project: (view: V | null, event: EventEnvelope) => V;
  /** Column name → SQL type and value, besides tenant_id, id, version, doc. */
  columns: Record<string, { type: string; of: (v: V) => unknown }>;
}): ReadModel<V> {
  const names = Object.keys(def.columns);
  return {
    name: def.table,
    accepts: (e) => e.aggregateType === def.aggregateType,
    contiguous: true,
    saveIsAtomic: true,
    async load(q, refs) {
      const rows = (await q.query(
        `SELECT tenant_id, id, version, doc FROM ${def.table} WHERE (tenant_id, id) IN (SELECT * FROM unnest($1::text[], $2::uuid[]))`,
        [refs.map((r) => r.tenantId), refs.map((r) => r.aggregateId)],
      )) as DocRow<V>[];
      return new Map(
        rows.map((r) => [
          refKey({ tenantId: r.tenant_id, aggregateType: def.aggregateType, aggregateId: r.id }),
          { version: Number(r.version), state: r.doc },
        ]),
      );
    },
    project: def.project,
    async save(q, changed) {
      const params: unknown[] = [];
      const values = changed.map(({ ref, state }) => {
        const i = params.length;
        params.push(ref.tenantId, state.id, state.version, JSON.stringify(state), ...names.map((n) => def.columns[n]!.of(state)));
        const extra = names.map((n, k) => `, $${i + 5 + k}::${def.columns[n]!.type}`).join('');
        return `($${i + 1}, $${i + 2}::uuid, $${i + 3}::int, $${i + 4}::jsonb${extra})`;
      });
      await q.query(
        `INSERT INTO ${def.table} (tenant_id, id, version, doc${names.map((n) => `, ${n}`).join('')}) VALUES ${values.join(', ')}
         ON CONFLICT (tenant_id, id) DO UPDATE SET version = EXCLUDED.version, doc = EXCLUDED.doc${names.map((n) => `, ${n} = EXCLUDED.${n}`).join('')}
         WHERE ${def.table}.version < EXCLUDED.version`,
        params,
      );
    },
  };
}

export const queueViewsReadModel = jsonReadModel<QueueView>({
  table: 'queue_views',
  aggregateType: QUEUE_AGGREGATE,
  project: (view, event) => projectQueue(view, event as QueueEvent),
  columns: { name: { type: 'text', of: (v) => v.name } },
});

export const serviceRequestViewsReadModel = jsonReadModel<ServiceRequestView>({
  table: 'service_request_views',
  aggregateType: SERVICE_REQUEST_AGGREGATE,
  project: (view, event) => projectServiceRequest(view, event as ServiceRequestEvent),
  columns: {
    number: { type: 'text', of: (v) => v.number },
    contact_id: { type: 'uuid', of: (v) => v.contactId },
    queue_id: { type: 'uuid', of: (v) => v.queueId },
    state: { type: 'text', of: (v) => v.state },
    team_id: { type: 'uuid', of: (v) => v.teamId },
    user_id: { type: 'uuid', of: (v) => v.userId },
    created_at: { type: 'timestamptz', of: (v) => v.createdAt },
    updated_at: { type: 'timestamptz', of: (v) => v.updatedAt },
  },
});

export const activityViewsReadModel = jsonReadModel<ActivityView>({
  table: 'activity_views',
  aggregateType: ACTIVITY_AGGREGATE,
  project: (view, event) => projectActivity(view, event as ActivityEvent),
  columns: {
    contact_id: { type: 'uuid', of: (v) => v.contactId },
    service_request_id: { type: 'uuid', of: (v) => v.serviceRequestId },
    state: { type: 'text', of: (v) => v.state },
    team_id: { type: 'uuid', of: (v) => v.teamId },
    user_id: { type: 'uuid', of: (v) => v.userId },
    due_at: { type: 'timestamptz', of: (v) => v.dueAt },
    created_at: { type: 'timestamptz', of: (v) => v.createdAt },
  },
});

export const communicationViewsReadModel = jsonReadModel<CommunicationView>({
  table: 'communication_views',
  aggregateType: COMMUNICATION_AGGREGATE,
  project: (view, event) => projectCommunication(view, event as CommunicationEvent),
  columns: {
    contact_id: { type: 'uuid', of: (v) => v.contactId },
    channel: { type: 'text', of: (v) => v.channel },
    state: { type: 'text', of: (v) => v.state },
    viewed: { type: 'boolean', of: (v) => v.viewed },
    archived: { type: 'boolean', of: (v) => v.archived },
    created_at: { type: 'timestamptz', of: (v) => v.createdAt },
  },
});

export const approvalRequestViewsReadModel = jsonReadModel<ApprovalRequestView>({
  table: 'approval_request_views',
  aggregateType: APPROVAL_REQUEST_AGGREGATE,
  project: (view, event) => projectApprovalRequest(view, event as ApprovalRequestEvent),
  columns: {
    contact_id: { type: 'uuid', of: (v) => v.approverContactId },
    entity_type: { type: 'text', of: (v) => v.entityType },
    state: { type: 'text', of: (v) => v.state },
    created_at: { type: 'timestamptz', of: (v) => v.createdAt },
  },
});

export interface ApprovalRequestFilter {
  contactId: string | null;
  state: string | null;
  entityTypes: string[] | null;
}

export interface CommunicationFilter {
  contactId: string | null;
  channel: string | null;
  viewed: boolean | null;
  archived: boolean | null;
  states: string[] | null;
  createdFrom: Date | null;
  createdTo: Date | null;
}

export interface ActivityFilter {
  contactId: string | null;
  serviceRequestId: string | null;
  states: string[] | null;
  teamId: string | null;
  userId: string | null;
}

export interface ServiceRequestFilter {
  contactId?: string | null;
  queueId?: string | null;
  states?: string[] | null;
  teamId?: string | null;
  userId?: string | null;
  updatedFrom?: Date | null;
  search?: string | null;
}

export interface Page<V> {
  items: V[];
  total: number;
}

/** Engagement views of ONE tenant: every statement is scoped by the tenant given at construction. */
export class EngagementViewStore {
  constructor(
    private readonly q: Queryable | EntityManager,
    private readonly tenantId: string,
  ) {}

  private async doc<V>(table: string, id: string): Promise<(V & { version: number }) | null> {
    const rows = (await this.q.query(`SELECT doc FROM ${table} WHERE tenant_id = $1 AND id = $2`, [this.tenantId, id])) as {
      doc: V & { version: number };
    }[];
    return rows[0]?.doc ?? null;
  }

  queue(id: string): Promise<QueueView | null> {
    return this.doc<QueueView>('queue_views', id);
  }

  serviceRequest(id: string): Promise<ServiceRequestView | null> {
    return this.doc<ServiceRequestView>('service_request_views', id);
  }

  async queues(search: string | null): Promise<QueueView[]> {
    const rows = (await this.q.query(
      `SELECT doc FROM queue_views WHERE tenant_id = $1 AND ($2::text IS NULL OR strpos(lower(name), lower($2)) > 0) ORDER BY lower(name), id LIMIT 500`,
      [this.tenantId, search],
    )) as { doc: QueueView }[];
    return rows.map((r) => r.doc);
  }

  async queuesByIds(ids: string[]): Promise<QueueView[]> {
    if (ids.length === 0) return [];
    const rows = (await this.q.query(`SELECT doc FROM queue_views WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [this.tenantId, ids])) as {
      doc: QueueView;
    }[];
    return rows.map((r) => r.doc);
  }

  /** A page of service requests, newest first (or oldest with `ascending`), by creation time then id. */
  async serviceRequests(f: ServiceRequestFilter, page: { offset: number; limit: number; ascending: boolean }): Promise<Page<ServiceRequestView>> {
    const where = [
      'tenant_id = $1',
      '($2::uuid IS NULL OR contact_id = $2)',
      '($3::uuid IS NULL OR queue_id = $3)',
      '($4::text[] IS NULL OR state = ANY($4))',
      '($5::uuid IS NULL OR team_id = $5)',
      '($6::uuid IS NULL OR user_id = $6)',
      '($7::timestamptz IS NULL OR updated_at >= $7)',
      `($8::text IS NULL OR number = $8 OR strpos(lower(doc->>'description'), lower($8)) > 0)`,
    ].join(' AND ');
    const params = [
      this.tenantId,
      f.contactId ?? null,
      f.queueId ?? null,
      f.states?.length ? f.states : null,
      f.teamId ?? null,
      f.userId ?? null,
      f.updatedFrom ?? null,
      f.search ?? null,
    ];
    const dir = page.ascending ? 'ASC' : 'DESC';
    const [rows, count] = await Promise.all([
      this.q.query(`SELECT doc FROM service_request_views WHERE ${where} ORDER BY created_at ${dir}, id ${dir} OFFSET $9 LIMIT $10`, [
        ...params,
        page.offset,
        page.limit,
      ]) as Promise<{ doc: ServiceRequestView }[]>,
      this.q.query(`SELECT count(*)::int AS n FROM service_request_views WHERE ${where}`, params) as Promise<{ n: number }[]>,
    ]);
    return { items: rows.map((r) => r.doc), total: Number(count[0]?.n ?? 0) };
  }

  activity(id: string): Promise<ActivityView | null> {
    return this.doc<ActivityView>('activity_views', id);
  }

  /** A page of activities, newest first. */
  async activities(f: ActivityFilter, page: { offset: number; limit: number }): Promise<Page<ActivityView>> {
    const where = [
      'tenant_id = $1',
      '($2::uuid IS NULL OR contact_id = $2)',
      '($3::uuid IS NULL OR service_request_id = $3)',
      '($4::text[] IS NULL OR state = ANY($4))',
      '($5::uuid IS NULL OR team_id = $5)',
      '($6::uuid IS NULL OR user_id = $6)',
    ].join(' AND ');
    const params = [this.tenantId, f.contactId, f.serviceRequestId, f.states?.length ? f.states : null, f.teamId, f.userId];
    const [rows, count] = await Promise.all([
      this.q.query(`SELECT doc FROM activity_views WHERE ${where} ORDER BY created_at DESC, id DESC OFFSET $7 LIMIT $8`, [
        ...params,
        page.offset,
        page.limit,
      ]) as Promise<{ doc: ActivityView }[]>,
      this.q.query(`SELECT count(*)::int AS n FROM activity_views WHERE ${where}`, params) as Promise<{ n: number }[]>,
    ]);
    return { items: rows.map((r) => r.doc), total: Number(count[0]?.n ?? 0) };
  }

  communication(id: string): Promise<CommunicationView | null> {
    return this.doc<CommunicationView>('communication_views', id);
  }

  /** A page of communications, newest first (or oldest with `ascending`). */
  async communications(f: CommunicationFilter, page: { offset: number; limit: number; ascending: boolean }): Promise<Page<CommunicationView>> {
    const where = [
      'tenant_id = $1',
      '($2::uuid IS NULL OR contact_id = $2)',
      '($3::text IS NULL OR channel = $3)',
      '($4::boolean IS NULL OR viewed = $4)',
      '($5::boolean IS NULL OR archived = $5)',
      '($6::text[] IS NULL OR state = ANY($6))',
      '($7::timestamptz IS NULL OR created_at >= $7)',
      '($8::timestamptz IS NULL OR created_at <= $8)',
    ].join(' AND ');
    const params = [this.tenantId, f.contactId, f.channel, f.viewed, f.archived, f.states?.length ? f.states : null, f.createdFrom, f.createdTo];
    const dir = page.ascending ? 'ASC' : 'DESC';
    const [rows, count] = await Promise.all([
      this.q.query(`SELECT doc FROM communication_views WHERE ${where} ORDER BY created_at ${dir}, id ${dir} OFFSET $9 LIMIT $10`, [
        ...params,
        page.offset,
        page.limit,
      ]) as Promise<{ doc: CommunicationView }[]>,
      this.q.query(`SELECT count(*)::int AS n FROM communication_views WHERE ${where}`, params) as Promise<{ n: number }[]>,
    ]);
    return { items: rows.map((r) => r.doc), total: Number(count[0]?.n ?? 0) };
  }

  approvalRequest(id: string): Promise<ApprovalRequestView | null> {
    return this.doc<ApprovalRequestView>('approval_request_views', id);
  }

  /** A page of approval requests, newest first (or oldest with `ascending`). */
  async approvalRequests(f: ApprovalRequestFilter, page: { offset: number; limit: number; ascending: boolean }): Promise<Page<ApprovalRequestView>> {
    const where = [
      'tenant_id = $1',
      '($2::uuid IS NULL OR contact_id = $2)',
      '($3::text IS NULL OR state = $3)',
      '($4::text[] IS NULL OR entity_type = ANY($4))',
    ].join(' AND ');
    const params = [this.tenantId, f.contactId, f.state, f.entityTypes?.length ? f.entityTypes : null];
    const dir = page.ascending ? 'ASC' : 'DESC';
    const [rows, count] = await Promise.all([
      this.q.query(`SELECT doc FROM approval_request_views WHERE ${where} ORDER BY created_at ${dir}, id ${dir} OFFSET $5 LIMIT $6`, [
        ...params,
        page.offset,
        page.limit,
      ]) as Promise<{ doc: ApprovalRequestView }[]>,
      this.q.query(`SELECT count(*)::int AS n FROM approval_request_views WHERE ${where}`, params) as Promise<{ n: number }[]>,
    ]);
    return { items: rows.map((r) => r.doc), total: Number(count[0]?.n ?? 0) };
  }

  async versionOf(aggregateType: string, id: string): Promise<number> {
    const table =
      aggregateType === QUEUE_AGGREGATE
        ? 'queue_views'
        : aggregateType === ACTIVITY_AGGREGATE
          ? 'activity_views'
          : aggregateType === COMMUNICATION_AGGREGATE
            ? 'communication_views'
            : aggregateType === APPROVAL_REQUEST_AGGREGATE
              ? 'approval_request_views'
              : 'service_request_views';
    const rows = (await this.q.query(`SELECT version FROM ${table} WHERE tenant_id = $1 AND id = $2`, [this.tenantId, id])) as { version: number }[];
    return Number(rows[0]?.version ?? 0);
  }
}
