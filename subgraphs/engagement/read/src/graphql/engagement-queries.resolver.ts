import type { DataSource } from 'typeorm';
import { Arg, Ctx, Field, ID, InputType, Int, Query, Resolver } from 'type-graphql';
import { SELF } from '@crm/platform/auth';
import { AppError } from '@crm/platform/errors';
import { canonicalId } from '@crm/platform/ids';
import { Authorized, waitForVersion, type ConsistencyToken, type ReadConsistency, type SubgraphContext } from '@crm/platform/graphql';
import type { Projector } from '@crm/event-bus/kit';
import {
  ACTIVITY_AGGREGATE,
  ACTIVITY_STATES,
  APPROVAL_REQUEST_AGGREGATE,
  COMMUNICATION_AGGREGATE,
  QUEUE_AGGREGATE,
  SERVICE_REQUEST_AGGREGATE,
  SERVICE_REQUEST_STATES,
} from '@crm/event-bus/contracts/engagement';
import { EngagementViewStore } from '../persistence/engagement-views';
import type { QueueView } from '../projections/queue-view.projection';
import type { ServiceRequestView } from '../projections/service-request-view.projection';
import { Activity, ActivityPage, ActivityState, Queue, ServiceRequest, ServiceRequestPage, ServiceRequestState } from './types';
import type { ActivityView } from '../projections/activity-view.projection';
import { priorityOf } from '@crm/event-bus/contracts/engagement';

@InputType()
export class ServiceRequestFilterInput {
  @Field(() => ID, { nullable: true, description: 'A contact principal always sees its own only.' }) contactId: string | null;
  @Field(() => ID, { nullable: true }) queueId: string | null;
  @Field(() => [ServiceRequestState], { nullable: true }) states: string[] | null;
  @Field(() => ID, { nullable: true }) assignedToTeamId: string | null;
  @Field(() => ID, { nullable: true }) assignedToUserId: string | null;
  @Field(() => Date, { nullable: true }) updatedAtFrom: Date | null;
  @Field(() => String, { nullable: true, description: 'The number, or part of the description.' }) search: string | null;
}

@InputType()
export class ActivityFilterInput {
  @Field(() => ID, { nullable: true }) contactId: string | null;
  @Field(() => ID, { nullable: true }) serviceRequestId: string | null;
  @Field(() => [ActivityState], { nullable: true }) states: string[] | null;
  @Field(() => ID, { nullable: true }) assignedToTeamId: string | null;
  @Field(() => ID, { nullable: true }) assignedToUserId: string | null;
}

const toActivity = (v: ActivityView): Activity => ({
  id: v.id,
  name: v.name,
  description: v.description,
  contactId: v.contactId,
  serviceRequestId: v.serviceRequestId,
  assignedTeamId: v.teamId,
  assignedUserId: v.userId,
  dueAt: v.dueAt ? new Date(v.dueAt) : null,
  state: v.state,
  createdAt: new Date(v.createdAt),
  updatedAt: new Date(v.updatedAt),
  closedAt: v.closedAt ? new Date(v.closedAt) : null,
});

/** Read-side queries over the read model, honouring consistency tokens. */
export class EngagementQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projector: Projector | null,
    private readonly consistencyWaitMs: number,
  ) {}

  store(tenantId: string): EngagementViewStore {
    return new EngagementViewStore(this.dataSource.manager, tenantId);
  }

  /** Waits until every engagement token of the request is projected; false when time ran out. */
  async awaitTokens(tenantId: string, tokens: ConsistencyToken[]): Promise<boolean> {
    const store = this.store(tenantId);
    const wanted = tokens.filter((t) =>
      [SERVICE_REQUEST_AGGREGATE, QUEUE_AGGREGATE, ACTIVITY_AGGREGATE, COMMUNICATION_AGGREGATE, APPROVAL_REQUEST_AGGREGATE].includes(t.aggregateType),
    );
    const reached = await Promise.all(
      wanted.map((t) =>
        waitForVersion(
          t.version,
          () => store.versionOf(t.aggregateType, t.aggregateId),
          this.projector ? { emitter: this.projector.applied, event: `${tenantId}:${t.aggregateType}:${t.aggregateId}` } : null,
          this.consistencyWaitMs,
        ),
      ),
    );
    return reached.every(Boolean);
  }
}

const toQueue = (v: QueueView): Queue => ({
  ...v,
  defaultPriority: priorityOf(v.defaultUrgency, v.defaultImpact),
  createdAt: new Date(v.createdAt),
});

/** The GraphQL shape of a view, with its queue's stage and categories resolved. */
export function toServiceRequest(v: ServiceRequestView, queue: QueueView | undefined): ServiceRequest {
  const notes = [...v.notes].sort((a, b) => Number(b.pinned) - Number(a.pinned));
  return {
    id: v.id,
    number: v.number,
    contactId: v.contactId,
    queueId: v.queueId,
    queueName: queue?.name ?? null,
    stage: queue?.stages.find((s) => s.id === v.stageId) ?? null,
    state: v.state,
    isResolved: v.isResolved,
    closingComment: v.closingComment,
    description: v.description,
    urgency: v.urgency,
    impact: v.impact,
    priority: v.priority,
    categories: (queue?.categories ?? []).filter((c) => v.categoryIds.includes(c.id)),
    addressId: v.addressId,
    assignedTeamId: v.teamId,
    assignedUserId: v.userId,
    tags: v.tags,
    notes: notes.map((n) => ({ ...n, createdAt: new Date(n.createdAt) })),
    attachments: v.attachments.map((a) => ({ ...a, createdAt: new Date(a.createdAt) })),
    history: v.history.map((h) => ({ ...h, at: new Date(h.at) })),
    createdAt: new Date(v.createdAt),
    updatedAt: new Date(v.updatedAt),
    closedAt: v.closedAt ? new Date(v.closedAt) : null,
  };
}

/** The nil UUID: a filter id that is not an id matches no record. */
const NO_RECORD = '00000000-0000-0000-0000-000000000000';
const filterId = (raw: string | null | undefined): string | null => (raw ? (canonicalId(raw) ?? NO_RECORD) : null);

@Resolver()
export class EngagementQueriesResolver {
  constructor(
    private readonly queries: EngagementQueries,
    private readonly consistency: ReadConsistency,
  ) {}

  @Authorized(['engagement.read', SELF])
  @Query(() => [Queue], { description: 'The queues of the tenant by name (contacts may list them to raise requests).' })
  async queues(@Arg('search', () => String, { nullable: true }) search: string | null, @Ctx() ctx: SubgraphContext): Promise<Queue[]> {
    await this.consistency.before(ctx);
    return (await this.queries.store(ctx.principal.tenantId).queues(search?.trim() || null)).map(toQueue);
  }

  @Authorized(['engagement.read', SELF])
  @Query(() => Queue, { nullable: true, description: 'A queue by id; null when the tenant has none.' })
  async queue(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Queue | null> {
    await this.consistency.before(ctx);
    const canonical = canonicalId(id);
    const view = canonical ? await this.queries.store(ctx.principal.tenantId).queue(canonical) : null;
    return view ? toQueue(view) : null;
  }

  @Authorized(['engagement.read', SELF])
  @Query(() => ServiceRequest, {
    nullable: true,
    description: 'A service request by id; null when the tenant has none (a contact: none of its own).',
  })
  async serviceRequest(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<ServiceRequest | null> {
    await this.consistency.before(ctx);
    const canonical = canonicalId(id);
    if (!canonical) return null;
    const store = this.queries.store(ctx.principal.tenantId);
    const view = await store.serviceRequest(canonical);
    if (!view) return null;
    if (ctx.principal.kind === 'contact' && ctx.principal.subjectId !== view.contactId) return null;
    return toServiceRequest(view, (await store.queue(view.queueId)) ?? undefined);
  }

  @Authorized(['engagement.read', SELF])
  @Query(() => ServiceRequestPage, {
    nullable: true,
    description: 'A page of service requests, newest first by default. Null when a contact asks for another contact’s.',
  })
  async serviceRequests(
    @Arg('filter', () => ServiceRequestFilterInput, { nullable: true }) filter: ServiceRequestFilterInput | null,
    @Arg('offset', () => Int, { defaultValue: 0 }) offset: number,
    @Arg('limit', () => Int, { defaultValue: 10 }) limit: number,
    @Arg('ascending', () => Boolean, { defaultValue: false }) ascending: boolean,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ServiceRequestPage | null> {
    if (offset < 0) throw AppError.validation('page', 'must be at least 1', 'INVALID_VALUE');
    if (limit < 1 || limit > 100) throw AppError.validation('size', 'must be 1 to 100', 'INVALID_VALUE');
    await this.consistency.before(ctx);
    const f = filter ?? ({} as Partial<ServiceRequestFilterInput>);
    let contactId = filterId(f.contactId);
    if (ctx.principal.kind === 'contact') {
      if (contactId && contactId !== ctx.principal.subjectId) return null;
      contactId = ctx.principal.subjectId;
    }
    const states = f.states?.filter((s) => (SERVICE_REQUEST_STATES as readonly string[]).includes(s)) ?? null;
    const store = this.queries.store(ctx.principal.tenantId);
    const page = await store.serviceRequests(
      {
        contactId,
        queueId: filterId(f.queueId),
        states,
        teamId: filterId(f.assignedToTeamId),
        userId: filterId(f.assignedToUserId),
        updatedFrom: f.updatedAtFrom ?? null,
        search: f.search?.trim() || null,
      },
      { offset, limit, ascending },
    );
    const queues = new Map((await store.queuesByIds([...new Set(page.items.map((i) => i.queueId))])).map((q) => [q.id, q]));
    return {
      items: page.items.map((v) => toServiceRequest(v, queues.get(v.queueId))),
      total: page.total,
      hasMore: offset + page.items.length < page.total,
    };
  }

  @Authorized(['engagement.read'])
  @Query(() => Activity, { nullable: true, description: 'An activity by id; null when the tenant has none.' })
  async activity(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Activity | null> {
    await this.consistency.before(ctx);
    const canonical = canonicalId(id);
    const view = canonical ? await this.queries.store(ctx.principal.tenantId).activity(canonical) : null;
    return view ? toActivity(view) : null;
  }

  @Authorized(['engagement.read'])
  @Query(() => ActivityPage, { description: 'A page of activities, newest first.' })
  async activities(
    @Arg('filter', () => ActivityFilterInput, { nullable: true }) filter: ActivityFilterInput | null,
    @Arg('offset', () => Int, { defaultValue: 0 }) offset: number,
    @Arg('limit', () => Int, { defaultValue: 10 }) limit: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ActivityPage> {
    if (offset < 0) throw AppError.validation('page', 'must be at least 1', 'INVALID_VALUE');
    if (limit < 1 || limit > 100) throw AppError.validation('size', 'must be 1 to 100', 'INVALID_VALUE');
    await this.consistency.before(ctx);
    const f = filter ?? ({} as Partial<ActivityFilterInput>);
    const page = await this.queries.store(ctx.principal.tenantId).activities(
      {
        contactId: filterId(f.contactId),
        serviceRequestId: filterId(f.serviceRequestId),
        states: f.states?.filter((s) => (ACTIVITY_STATES as readonly string[]).includes(s)) ?? null,
        teamId: filterId(f.assignedToTeamId),
        userId: filterId(f.assignedToUserId),
      },
      { offset, limit },
    );
    return { items: page.items.map(toActivity), total: page.total, hasMore: offset + page.items.length < page.total };
  }
}
