import type { DataSource } from 'typeorm';
import { AppError } from '@crm/platform/errors';
import { newId } from '@crm/platform/ids';
import type { Principal } from '@crm/platform/auth';
import type { EventRegistry } from '@crm/event-bus';
import { type AggregateDefinition, CommandHandler, type CommandResult, type RequestContext } from '@crm/event-bus/kit';
import { ACTIVITY_AGGREGATE, QUEUE_AGGREGATE, SERVICE_REQUEST_AGGREGATE, type Level } from '@crm/event-bus/contracts/engagement';
import { evolveActivity, type ActivityChange, type ActivityState } from '../domain/activity';
import { createActivity, type CreateActivity } from '../domain/create-activity';
import { updateActivity, type UpdateActivity } from '../domain/update-activity';
import { evolveQueue, type QueueChange, type QueueState } from '../domain/queue';
import { evolve, existing, type ServiceRequestChange, type ServiceRequestState } from '../domain/service-request';
import { type CreateQueue, createQueue } from '../domain/create-queue';
import { raiseServiceRequest, type RaiseServiceRequest } from '../domain/raise-service-request';
import { progressServiceRequest, type ProgressServiceRequest } from '../domain/progress-service-request';
import { assignServiceRequest, type AssignServiceRequest } from '../domain/assign-service-request';
import { categoriseServiceRequest } from '../domain/categorise-service-request';
import { tagServiceRequest } from '../domain/tag-service-request';
import { addServiceRequestNote } from '../domain/add-service-request-note';
import { attachToServiceRequest, detachFromServiceRequest, type AttachToServiceRequest } from '../domain/attach-to-service-request';
import { activityStore, nextServiceRequestNumber, queueStore, serviceRequestStore } from '../persistence/stores';
import { contactExists } from '../consumers/known-contacts.consumer';

/** The error a lost optimistic race surfaces as (409, VERSION_CONFLICT). */
export const versionConflict = (what: string) => () =>
  new AppError('CONFLICT', `the ${what} was changed by another request; retry`, { reason: 'VERSION_CONFLICT' });

export const queueAggregate: AggregateDefinition<QueueState, QueueChange> = {
  type: QUEUE_AGGREGATE,
  evolve: evolveQueue,
  store: queueStore,
  versionConflict: versionConflict('queue'),
};

export const serviceRequestAggregate: AggregateDefinition<ServiceRequestState, ServiceRequestChange> = {
  type: SERVICE_REQUEST_AGGREGATE,
  evolve,
  store: serviceRequestStore,
  versionConflict: versionConflict('service request'),
};

export const activityAggregate: AggregateDefinition<ActivityState, ActivityChange> = {
  type: ACTIVITY_AGGREGATE,
  evolve: evolveActivity,
  store: activityStore,
  versionConflict: versionConflict('activity'),
};

/** The caller, as the commands need it: the request context of the kit plus who it is. */
export interface Caller extends RequestContext {
  principal: Principal;
}

/** A contact may act only on its own service requests; to it, another contact's request does not exist. */
function ownedBy(caller: Caller, state: ServiceRequestState | null): ServiceRequestState {
  const current = existing(state);
  if (caller.principal.kind === 'contact' && caller.principal.subjectId !== current.contactId) existing(null);
  return current;
}

export interface QueueInput {
  name: string;
  stages: { name: string; isClosing: boolean }[];
  categories: { name: string; description: string | null }[];
  defaultUrgency: Level | null;
  defaultImpact: Level | null;
}

/** Queue and service request commands on the kit's command handler (load → decide → save state + outbox in one statement). */
export class EngagementCommands {
  private readonly queues: CommandHandler<QueueState, QueueChange>;
  private readonly requests: CommandHandler<ServiceRequestState, ServiceRequestChange>;
  private readonly activities: CommandHandler<ActivityState, ActivityChange>;

  constructor(
    private readonly dataSource: DataSource,
    registry: EventRegistry,
    onCommitted: () => void,
  ) {
    this.queues = new CommandHandler(dataSource, registry, queueAggregate, onCommitted);
    this.requests = new CommandHandler(dataSource, registry, serviceRequestAggregate, onCommitted);
    this.activities = new CommandHandler(dataSource, registry, activityAggregate, onCommitted);
  }

  createQueue(ctx: RequestContext, input: QueueInput, idempotencyKey: string | null): Promise<CommandResult<QueueState>> {
    const command: CreateQueue = {
      name: input.name,
      stages: input.stages.map((s) => ({ id: newId(), ...s })),
      categories: input.categories.map((c) => ({ id: newId(), ...c })),
      defaultUrgency: input.defaultUrgency ?? 'MEDIUM',
      defaultImpact: input.defaultImpact ?? 'MEDIUM',
    };
    const idempotency = idempotencyKey ? { scope: 'engagement.queue.create', key: idempotencyKey, request: input } : null;
    return this.queues.run(ctx, { create: true, id: null }, (state) => createQueue(state, command), idempotency);
  }

  private queue(tenantId: string, id: string): Promise<QueueState | null> {
    return queueStore.findById(this.dataSource, tenantId, id);
  }

  /** The queue of an existing request the caller may see (a 404 otherwise). */
  private async queueOf(caller: Caller, id: string): Promise<QueueState> {
    const request = ownedBy(caller, await serviceRequestStore.load(this.dataSource, caller.tenantId, id));
    const queue = await this.queue(caller.tenantId, request.queueId);
    if (!queue) throw new Error(`queue ${request.queueId} of service request ${id} is missing`);
    return queue;
  }

  async raise(
    caller: Caller,
    input: Omit<RaiseServiceRequest, 'queue' | 'number'> & { queueId: string },
    idempotencyKey: string | null,
  ): Promise<CommandResult<ServiceRequestState>> {
    const notFound = () => new AppError('NOT_FOUND', `contact ${input.contactId} was not found`, { reason: 'CONTACT_NOT_FOUND' });
    if (caller.principal.kind === 'contact' && caller.principal.subjectId !== input.contactId) throw notFound();
    if (!(await contactExists(this.dataSource, caller.tenantId, input.contactId))) throw notFound();
    const queue = await this.queue(caller.tenantId, input.queueId);
    const number = await nextServiceRequestNumber(this.dataSource, caller.tenantId);
    const { queueId: _q, ...rest } = input;
    const idempotency = idempotencyKey ? { scope: 'engagement.service_request.raise', key: idempotencyKey, request: input } : null;
    return this.requests.run(caller, { create: true, id: null }, (state) => raiseServiceRequest(state, { ...rest, queue, number }), idempotency);
  }

  async progress(caller: Caller, id: string, input: Omit<ProgressServiceRequest, 'queue'>): Promise<CommandResult<ServiceRequestState>> {
    const queue = await this.queueOf(caller, id);
    return this.requests.run(caller, { create: false, ref: id }, (state) => progressServiceRequest(ownedBy(caller, state), { ...input, queue }));
  }

  assign(caller: Caller, id: string, input: AssignServiceRequest): Promise<CommandResult<ServiceRequestState>> {
    return this.requests.run(caller, { create: false, ref: id }, (state) => assignServiceRequest(ownedBy(caller, state), input));
  }

  async categorise(caller: Caller, id: string, categoryIds: string[]): Promise<CommandResult<ServiceRequestState>> {
    const queue = await this.queueOf(caller, id);
    return this.requests.run(caller, { create: false, ref: id }, (state) => categoriseServiceRequest(ownedBy(caller, state), { queue, categoryIds }));
  }

  tag(caller: Caller, id: string, tags: string[]): Promise<CommandResult<ServiceRequestState>> {
    return this.requests.run(caller, { create: false, ref: id }, (state) => tagServiceRequest(ownedBy(caller, state), { tags }));
  }

  async addNote(
    caller: Caller,
    id: string,
    input: { note: string; pinned: boolean },
  ): Promise<{ result: CommandResult<ServiceRequestState>; noteId: string }> {
    const noteId = newId();
    const kind = caller.principal.kind === 'anonymous' ? 'service' : caller.principal.kind;
    const by = { kind, id: caller.principal.subjectId };
    const result = await this.requests.run(caller, { create: false, ref: id }, (state) =>
      addServiceRequestNote(ownedBy(caller, state), { noteId, ...input, by }),
    );
    return { result, noteId };
  }

  async attach(
    caller: Caller,
    id: string,
    input: Omit<AttachToServiceRequest, 'attachmentId'>,
  ): Promise<{ result: CommandResult<ServiceRequestState>; attachmentId: string }> {
    const attachmentId = newId();
    const result = await this.requests.run(caller, { create: false, ref: id }, (state) =>
      attachToServiceRequest(ownedBy(caller, state), { attachmentId, ...input }),
    );
    return { result, attachmentId };
  }

  detach(caller: Caller, id: string, attachmentId: string): Promise<CommandResult<ServiceRequestState>> {
    return this.requests.run(caller, { create: false, ref: id }, (state) => detachFromServiceRequest(ownedBy(caller, state), { attachmentId }));
  }

  /** Creates an activity; a named service request is loaded (tenant-scoped) so the task belongs to its contact. */
  async createActivity(
    caller: Caller,
    input: Omit<CreateActivity, 'serviceRequest'> & { serviceRequestId: string | null },
    idempotencyKey: string | null,
  ): Promise<CommandResult<ActivityState>> {
    const { serviceRequestId, ...rest } = input;
    if (rest.contactId && !(await contactExists(this.dataSource, caller.tenantId, rest.contactId)))
      throw AppError.validation('linked_to', `contact ${rest.contactId} is not a contact of the business`, 'INVALID_ID');
    const serviceRequest = serviceRequestId
      ? ((await serviceRequestStore.findById(this.dataSource, caller.tenantId, serviceRequestId)) ?? 'missing')
      : null;
    const idempotency = idempotencyKey ? { scope: 'engagement.activity.create', key: idempotencyKey, request: input } : null;
    return this.activities.run(caller, { create: true, id: null }, (state) => createActivity(state, { ...rest, serviceRequest }), idempotency);
  }

  updateActivity(caller: Caller, id: string, input: UpdateActivity): Promise<CommandResult<ActivityState>> {
    return this.activities.run(caller, { create: false, ref: id }, (state) => updateActivity(state, input));
  }
}
