import { Arg, Ctx, Field, ID, Mutation, ObjectType, Resolver } from 'type-graphql';
import { SELF } from '@crm/platform/auth';
import { canonicalId } from '@crm/platform/ids';
import { AppError } from '@crm/platform/errors';
import { asPayload, Authorized, formatConsistencyToken, UserError, type SubgraphContext } from '@crm/platform/graphql';
import type { CommandResult } from '@crm/event-bus/kit';
import type { Caller, EngagementCommands } from '../application/engagement-commands';
import {
  AssignServiceRequestInput,
  CreateActivityInput,
  UpdateActivityInput,
  CreateQueueInput,
  RaiseServiceRequestInput,
  ServiceRequestActionInput,
  ServiceRequestAttachmentInput,
} from './inputs';

@ObjectType({ description: 'Result of an engagement mutation.' })
export class EngagementPayload {
  @Field(() => ID, { nullable: true, description: 'The queue or service request changed.' }) id: string | null;
  @Field(() => ID, { nullable: true, description: 'The note or attachment created, for those mutations.' }) childId: string | null;
  @Field(() => String, { nullable: true, description: 'Send as `x-consistency-token` with a later query to read at least this write.' })
  consistencyToken: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

/** The payload of a refused mutation (its errors are added by asPayload). */
export const empty = (): EngagementPayload => ({ id: null, childId: null, consistencyToken: null, errors: [] });
/** The payload of a command's result. */
export const payloadOf = (result: CommandResult<{ id: string }>, childId: string | null = null): EngagementPayload => ({
  id: result.state.id,
  childId,
  consistencyToken: formatConsistencyToken(result.consistency),
  errors: [],
});

/** The caller of a resolver, as the commands take it. */
export const callerOf = (ctx: SubgraphContext): Caller => ({
  tenantId: ctx.principal.tenantId,
  correlationId: ctx.correlationId,
  actor: { kind: ctx.principal.kind, id: ctx.principal.subjectId },
  principal: ctx.principal,
});

/** An id argument in canonical form; anything else cannot name a record (404). */
const idOf = (raw: string): string => {
  const id = canonicalId(raw);
  if (!id) throw new AppError('NOT_FOUND', `service request ${raw} was not found`, { reason: 'SERVICE_REQUEST_NOT_FOUND' });
  return id;
};
/** An optional id argument (omitted or null: none); anything else that is not an id: 400 naming the field. */
const optionalId = (field: string, raw: string | null | undefined): string | null => {
  if (raw === null || raw === undefined) return null;
  const id = canonicalId(raw);
  if (!id) throw AppError.validation(field, 'must be an id', 'INVALID_ID');
  return id;
};

@Resolver()
export class EngagementMutationsResolver {
  constructor(private readonly commands: EngagementCommands) {}

  @Authorized(['engagement.manage'])
  @Mutation(() => EngagementPayload, {
    description: 'Creates a service request queue. Repeating a call with the same idempotencyKey returns the first result.',
  })
  createQueue(
    @Arg('input', () => CreateQueueInput) input: CreateQueueInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<EngagementPayload> {
    const queue = {
      name: input.name,
      stages: input.stages.map((s) => ({ name: s.name, isClosing: s.isClosing ?? false })),
      categories: (input.categories ?? []).map((c) => ({ name: c.name, description: c.description ?? null })),
      defaultUrgency: input.defaultUrgency ?? null,
      defaultImpact: input.defaultImpact ?? null,
    };
    return asPayload(async () => payloadOf(await this.commands.createQueue(callerOf(ctx), queue, idempotencyKey)), empty);
  }

  @Authorized(['engagement.write', SELF])
  @Mutation(() => EngagementPayload, {
    description: 'Raises a service request for a contact (a contact: for itself). State NEW, numbered per tenant.',
  })
  raiseServiceRequest(
    @Arg('input', () => RaiseServiceRequestInput) input: RaiseServiceRequestInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<EngagementPayload> {
    return asPayload(async () => {
      const contactId = canonicalId(input.contactId);
      if (!contactId) throw new AppError('NOT_FOUND', `contact ${input.contactId} was not found`, { reason: 'CONTACT_NOT_FOUND' });
      const queueId = canonicalId(input.queueId) ?? '00000000-0000-0000-0000-000000000000';
      const categoryIds = (input.categoryIds ?? []).map((c) => optionalId('categories', c)!);
      const raise = {
        contactId,
        queueId,
        description: input.description,
        urgency: input.urgency ?? null,
        impact: input.impact ?? null,
        categoryIds,
        addressId: optionalId('address', input.addressId),
      };
      const result = await this.commands.raise(callerOf(ctx), raise, idempotencyKey);
      return payloadOf(result);
    }, empty);
  }

  @Authorized(['engagement.write'])
  @Mutation(() => EngagementPayload, { description: 'START_PROGRESS or PROGRESS a service request through the stages of its queue.' })
  actOnServiceRequest(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => ServiceRequestActionInput) input: ServiceRequestActionInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<EngagementPayload> {
    return asPayload(
      async () =>
        payloadOf(
          await this.commands.progress(callerOf(ctx), idOf(id), {
            action: input.action,
            stageId: optionalId('stage_id', input.stageId),
            comment: input.comment ?? null,
            closingComment: input.closingComment ?? null,
            isResolved: input.isResolved ?? null,
          }),
        ),
      empty,
    );
  }

  @Authorized(['engagement.write'])
  @Mutation(() => EngagementPayload, { description: 'Assigns an open service request to a team and/or a user.' })
  assignServiceRequest(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => AssignServiceRequestInput) input: AssignServiceRequestInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<EngagementPayload> {
    return asPayload(async () => {
      const assignment = { teamId: optionalId('assigned_to.team_id', input.teamId), userId: optionalId('assigned_to.user_id', input.userId) };
      return payloadOf(await this.commands.assign(callerOf(ctx), idOf(id), assignment));
    }, empty);
  }

  @Authorized(['engagement.write'])
  @Mutation(() => EngagementPayload, { description: 'Replaces the categories of an open service request (categories of its queue).' })
  setServiceRequestCategories(
    @Arg('id', () => ID) id: string,
    @Arg('categoryIds', () => [ID]) categoryIds: string[],
    @Ctx() ctx: SubgraphContext,
  ): Promise<EngagementPayload> {
    return asPayload(
      async () =>
        payloadOf(
          await this.commands.categorise(
            callerOf(ctx),
            idOf(id),
            categoryIds.map((c) => optionalId('categories', c)!),
          ),
        ),
      empty,
    );
  }

  @Authorized(['engagement.write'])
  @Mutation(() => EngagementPayload, { description: 'Replaces the tags of a service request.' })
  setServiceRequestTags(
    @Arg('id', () => ID) id: string,
    @Arg('tags', () => [String]) tags: string[],
    @Ctx() ctx: SubgraphContext,
  ): Promise<EngagementPayload> {
    return asPayload(async () => payloadOf(await this.commands.tag(callerOf(ctx), idOf(id), tags)), empty);
  }

  @Authorized(['engagement.write', SELF])
  @Mutation(() => EngagementPayload, { description: 'Adds a note (a contact: to its own requests, unpinned). childId is the note.' })
  addServiceRequestNote(
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String) note: string,
    @Arg('pinned', () => Boolean, { defaultValue: false }) pinned: boolean,
    @Ctx() ctx: SubgraphContext,
  ): Promise<EngagementPayload> {
    return asPayload(async () => {
      const { result, noteId } = await this.commands.addNote(callerOf(ctx), idOf(id), { note, pinned });
      return payloadOf(result, noteId);
    }, empty);
  }

  @Authorized(['engagement.write', SELF])
  @Mutation(() => EngagementPayload, { description: 'Attaches a file (by id) or a link. childId is the attachment.' })
  addServiceRequestAttachment(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => ServiceRequestAttachmentInput) input: ServiceRequestAttachmentInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<EngagementPayload> {
    return asPayload(async () => {
      const attachment = { fileId: input.fileId ?? null, link: input.link ?? null, description: input.description ?? null };
      const { result, attachmentId } = await this.commands.attach(callerOf(ctx), idOf(id), attachment);
      return payloadOf(result, attachmentId);
    }, empty);
  }

  @Authorized(['engagement.write', SELF])
  @Mutation(() => EngagementPayload, { description: 'Removes an attachment of a service request.' })
  removeServiceRequestAttachment(
    @Arg('id', () => ID) id: string,
    @Arg('attachmentId', () => ID) attachmentId: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<EngagementPayload> {
    return asPayload(async () => {
      const attachment = canonicalId(attachmentId);
      if (!attachment) throw new AppError('NOT_FOUND', `attachment ${attachmentId} was not found`, { reason: 'ATTACHMENT_NOT_FOUND' });
      return payloadOf(await this.commands.detach(callerOf(ctx), idOf(id), attachment));
    }, empty);
  }

  @Authorized(['engagement.write'])
  @Mutation(() => EngagementPayload, { description: 'Creates a pending activity (task) for a contact, optionally on one of its service requests.' })
  createActivity(
    @Arg('input', () => CreateActivityInput) input: CreateActivityInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<EngagementPayload> {
    return asPayload(async () => {
      const activity = {
        name: input.name,
        description: input.description ?? null,
        contactId: optionalId('linked_to', input.contactId),
        serviceRequestId: optionalId('linked_to', input.serviceRequestId),
        teamId: optionalId('assigned_to.team_id', input.teamId),
        userId: optionalId('assigned_to.user_id', input.userId),
        dueAt: input.dueAt ? input.dueAt.toISOString() : null,
      };
      return payloadOf(await this.commands.createActivity(callerOf(ctx), activity, idempotencyKey));
    }, empty);
  }

  @Authorized(['engagement.write'])
  @Mutation(() => EngagementPayload, { description: 'Changes a pending activity and/or completes or cancels it.' })
  updateActivity(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateActivityInput) input: UpdateActivityInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<EngagementPayload> {
    return asPayload(async () => {
      const activityId = canonicalId(id);
      if (!activityId) throw new AppError('NOT_FOUND', `activity ${id} was not found`, { reason: 'ACTIVITY_NOT_FOUND' });
      if (input.name === null) throw AppError.validation('name', 'must not be empty', 'REQUIRED');
      const change = {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.teamId !== undefined ? { teamId: optionalId('assigned_to.team_id', input.teamId) } : {}),
        ...(input.userId !== undefined ? { userId: optionalId('assigned_to.user_id', input.userId) } : {}),
        ...(input.dueAt !== undefined ? { dueAt: input.dueAt ? input.dueAt.toISOString() : null } : {}),
        ...(input.state ? { state: input.state } : {}),
      };
      return payloadOf(await this.commands.updateActivity(callerOf(ctx), activityId, change));
    }, empty);
  }
}
