import { z } from 'zod';
import { AppError, type ReasonOf } from '@crm/platform/errors';
import { noQuery, sendJson, type Handler, type RestContext } from '../../kit/context';
import { guid, validateBody } from '../../kit/body';
import { snakeCaseFields } from '../../kit/field-names';
import { epochSeconds, isoOfEpochSeconds } from '../../kit/format';
import { query } from '../../kit/openapi';
import { integer, PAGING_PARAMS } from '../../kit/paging';
import { idempotencyKeyOf, queryParams } from '../../kit/request';
import { defineResource, mergeFragments } from '../../kit/resource';
import { attachmentBody, backOfficeRaiseBody, noteBody } from '../../domains/engagement/bodies';
import {
  addAttachment,
  addNote,
  listAttachments,
  listNotes,
  mutate,
  removeAttachment,
  serviceRequestId,
  serviceRequestNotFound,
  serviceRequestOut,
  serviceRequestPage,
} from '../../domains/engagement/handlers';
import {
  ACT_ON_SERVICE_REQUEST,
  ADD_SERVICE_REQUEST_ATTACHMENT,
  ADD_SERVICE_REQUEST_NOTE,
  ASSIGN_SERVICE_REQUEST,
  CHECK_ASSIGNEES,
  CHECK_CONTACT,
  GET_QUEUE,
  GET_SERVICE_REQUEST,
  GET_SERVICE_REQUEST_ATTACHMENTS,
  GET_SERVICE_REQUEST_HISTORY,
  GET_SERVICE_REQUEST_NOTES,
  LIST_SERVICE_REQUESTS,
  RAISE_SERVICE_REQUEST,
  REMOVE_SERVICE_REQUEST_ATTACHMENT,
  SET_SERVICE_REQUEST_CATEGORIES,
  SET_SERVICE_REQUEST_TAGS,
  type GqlHistoryEntry,
  type GqlQueue,
  type GqlServiceRequest,
} from '../../domains/engagement/operations';
import {
  attachmentPageResponse,
  historyResponse,
  notePageResponse,
  serviceRequestPageResponse,
  serviceRequestResponse,
} from '../../domains/engagement/schemas';
import { BO_TAG as TAG, engagementComponents } from '../../domains/engagement/openapi';

/** PUT /backoffice/v2/service_requests/{id}: the assignment, the categories and/or the tags. */
export const updateBody = z
  .strictObject({
    assigned_to: z.strictObject({ team_id: guid.nullable().optional(), user_id: guid.nullable().optional() }).optional(),
    categories: z
      .array(z.strictObject({ id: guid }))
      .max(50)
      .optional(),
    tags: z.array(z.string().min(1).max(50)).max(50).optional(),
  })
  .refine((b) => b.assigned_to !== undefined || b.categories !== undefined || b.tags !== undefined, {
    error: 'name assigned_to, categories or tags',
    path: ['assigned_to'],
  });

/** POST /backoffice/v2/service_requests/{id}/actions. */
export const actionBody = z.strictObject({
  action: z.enum(['START_PROGRESS', 'PROGRESS']),
  stage_id: guid.optional(),
  comment: z.string().max(2000).optional(),
  closing_comment: z.string().max(2000).optional(),
  is_resolved: z.boolean().optional(),
});

const LIST_PARAMS = [
  ...PAGING_PARAMS,
  'assigned_to_user_id',
  'assigned_to_team_id',
  'states',
  'updated_at_from',
  'contact_id',
  'queue_id',
  'search_value',
  'order',
  'sort',
] as const;
const STATES = ['NEW', 'IN_PROGRESS', 'CLOSED'];

function guidQuery(params: Map<string, string>, name: string): string | null {
  const raw = params.get(name);
  if (raw === undefined) return null;
  const parsed = guid.safeParse(raw);
  if (!parsed.success) throw AppError.validation(name, 'must be a GUID', 'INVALID_ID');
  return parsed.data;
}

/** `states=NEW,IN_PROGRESS` (comma-separated, any case). */
export function statesQuery(params: Map<string, string>): string[] | null {
  const raw = params.get('states');
  if (raw === undefined) return null;
  const states = raw.split(',').map((s) => s.trim().toUpperCase());
  for (const s of states)
    if (!STATES.includes(s)) throw AppError.validation('states', `must be ${STATES.join(', ')} (comma-separated)`, 'INVALID_ENUM');
  return states;
}

/** GET /backoffice/v2/service_requests → the paging envelope, newest first. */
const listServiceRequests: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, LIST_PARAMS);
  const updatedFrom = params.get('updated_at_from');
  const filter = {
    contactId: guidQuery(params, 'contact_id'),
    queueId: guidQuery(params, 'queue_id'),
    assignedToTeamId: guidQuery(params, 'assigned_to_team_id'),
    assignedToUserId: guidQuery(params, 'assigned_to_user_id'),
    states: statesQuery(params),
    updatedAtFrom: updatedFrom === undefined ? null : isoOfEpochSeconds(integer('updated_at_from', updatedFrom, 0, 253402300799)),
    search: params.get('search_value') ?? null,
  };
  const { page, paging } = await serviceRequestPage(ctx, params, filter);
  sendJson(ctx.res, 200, { paging, content: (page?.items ?? []).map(serviceRequestOut) });
};

/** GET /backoffice/v2/service_requests/{id}. */
const getServiceRequest: Handler = async (ctx) => {
  noQuery(ctx);
  const id = serviceRequestId(ctx);
  const data = await ctx.gateway.run(GET_SERVICE_REQUEST, { id }, snakeCaseFields);
  const found = data['serviceRequest'] as GqlServiceRequest | null | undefined;
  if (!found) throw serviceRequestNotFound(id);
  sendJson(ctx.res, 200, serviceRequestOut(found));
};

/** POST /backoffice/v2/service_requests (ours): raise a request on behalf of a contact → 201 `{id}`. */
const raiseServiceRequest: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(backOfficeRaiseBody, await ctx.readBody());
  const contact = await ctx.gateway.run(CHECK_CONTACT, { id: body.contact_id }, snakeCaseFields);
  if (!contact['contact']) throw AppError.validation('contact_id', 'is not a contact of the business', 'INVALID_ID');
  const input = {
    contactId: body.contact_id,
    queueId: body.queue_id,
    description: body.description,
    urgency: body.urgency ?? null,
    impact: body.impact ?? null,
    categoryIds: (body.categories ?? []).map((c) => c.id),
    addressId: body.address?.id ?? null,
  };
  const payload = await mutate(ctx, RAISE_SERVICE_REQUEST, { input, idempotencyKey: idempotencyKeyOf(ctx.req) }, 'raiseServiceRequest');
  sendJson(ctx.res, 201, { id: payload.id });
};

/** The team and user must be the business's own, in identity's directory (400 naming the field otherwise). */
async function checkAssignees(ctx: RestContext, teamId: string | null, userId: string | null): Promise<void> {
  if (!teamId && !userId) return;
  const data = await ctx.gateway.run(
    CHECK_ASSIGNEES,
    { teamId: teamId ?? '', userId: userId ?? '', withTeam: teamId !== null, withUser: userId !== null },
    snakeCaseFields,
  );
  if (teamId && !data['team']) throw AppError.validation('assigned_to.team_id', 'is not a team of the business', 'INVALID_ID');
  if (userId && !data['user']) throw AppError.validation('assigned_to.user_id', 'is not a user of the business', 'INVALID_ID');
}

/**
 * PUT /backoffice/v2/service_requests/{id} → 200 `{id}`. Everything is checked before the first
 * write (the request exists, the assignees are identity's, the categories its queue's), so a bad
 * field changes nothing.
 */
const updateServiceRequest: Handler = async (ctx) => {
  noQuery(ctx);
  const id = serviceRequestId(ctx);
  const body = validateBody(updateBody, await ctx.readBody());
  const data = await ctx.gateway.run(GET_SERVICE_REQUEST, { id }, snakeCaseFields);
  const found = data['serviceRequest'] as GqlServiceRequest | null | undefined;
  if (!found) throw serviceRequestNotFound(id);
  if (found.state === 'CLOSED' && (body.assigned_to || body.categories))
    throw new AppError('CONFLICT', 'the service request is closed', { reason: 'SERVICE_REQUEST_CLOSED' as ReasonOf<'CONFLICT'> });
  const teamId = body.assigned_to ? (body.assigned_to.team_id ?? null) : null;
  const userId = body.assigned_to ? (body.assigned_to.user_id ?? null) : null;
  if (body.assigned_to && !teamId && !userId) throw AppError.validation('assigned_to', 'name a team_id, a user_id or both', 'REQUIRED');
  await checkAssignees(ctx, teamId, userId);
  if (body.categories) {
    const q = await ctx.gateway.run(GET_QUEUE, { id: found.queueId }, snakeCaseFields);
    const known = new Set(((q['queue'] as GqlQueue | null)?.categories ?? []).map((c) => c.id));
    const bad = body.categories.find((c) => !known.has(c.id));
    if (bad) throw AppError.validation('categories', `${bad.id} is not a category of the queue`, 'INVALID_ID');
  }
  if (body.assigned_to) await mutate(ctx, ASSIGN_SERVICE_REQUEST, { id, input: { teamId, userId } }, 'assignServiceRequest');
  if (body.categories)
    await mutate(ctx, SET_SERVICE_REQUEST_CATEGORIES, { id, categoryIds: body.categories.map((c) => c.id) }, 'setServiceRequestCategories');
  if (body.tags) await mutate(ctx, SET_SERVICE_REQUEST_TAGS, { id, tags: body.tags }, 'setServiceRequestTags');
  sendJson(ctx.res, 200, { id });
};

/** POST /backoffice/v2/service_requests/{id}/actions → 200 `{id}`. */
const actOnServiceRequest: Handler = async (ctx) => {
  noQuery(ctx);
  const id = serviceRequestId(ctx);
  const body = validateBody(actionBody, await ctx.readBody());
  const input = {
    action: body.action,
    stageId: body.stage_id ?? null,
    comment: body.comment ?? null,
    closingComment: body.closing_comment ?? null,
    isResolved: body.is_resolved ?? null,
  };
  await mutate(ctx, ACT_ON_SERVICE_REQUEST, { id, input }, 'actOnServiceRequest');
  sendJson(ctx.res, 200, { id });
};

/** GET /backoffice/v2/service_requests/{id}/history (ours): the activity history, oldest first. */
const getHistory: Handler = async (ctx) => {
  noQuery(ctx);
  const id = serviceRequestId(ctx);
  const data = await ctx.gateway.run(GET_SERVICE_REQUEST_HISTORY, { id }, snakeCaseFields);
  const found = data['serviceRequest'] as { history: GqlHistoryEntry[] } | null | undefined;
  if (!found) throw serviceRequestNotFound(id);
  sendJson(ctx.res, 200, {
    content: found.history.map((h) => ({
      event: h.event,
      date: epochSeconds(h.at),
      by: { kind: h.byKind, ...(h.byId ? { id: h.byId } : {}) },
      state: h.state,
      stage_id: h.stageId,
      ...(h.comment ? { comment: h.comment } : {}),
    })),
  });
};

const PATH = '/backoffice/v2/service_requests';
const NOTES_QUERY = ['Page', 'Size', 'IncludeTotal', 'SrOrder', 'SrSort'];

/** Service requests in the Back-Office: list, raise, read, update, actions, notes, attachments, history. */
export const resource = defineResource({
  family: 'backoffice',
  name: 'service-requests',
  pathParameters: { id: 'DirectoryId', attachment_id: 'AttachmentId' },
  openapi: mergeFragments(engagementComponents, {
    parameters: {
      SrAssignedUser: query('assigned_to_user_id', { type: 'string', format: 'uuid' }, 'Only requests assigned to this user.'),
      SrAssignedTeam: query('assigned_to_team_id', { type: 'string', format: 'uuid' }, 'Only requests assigned to this team.'),
      SrStates: query('states', { type: 'string', example: 'NEW,IN_PROGRESS' }, 'Comma-separated states: NEW, IN_PROGRESS, CLOSED.'),
      SrUpdatedFrom: query('updated_at_from', { type: 'integer', minimum: 0 }, 'Epoch seconds: only requests updated at or after it.'),
      SrContact: query('contact_id', { type: 'string', format: 'uuid' }, 'Only this contact’s requests.'),
      SrQueue: query('queue_id', { type: 'string', format: 'uuid' }, 'Only this queue’s requests.'),
      SrSearch: query('search_value', { type: 'string', maxLength: 100 }, 'The number, or part of the description.'),
    },
    requestSchemas: [
      { name: 'ServiceRequestRaiseBO', schema: backOfficeRaiseBody },
      { name: 'ServiceRequestUpdate', schema: updateBody },
      { name: 'ServiceRequestAction', schema: actionBody },
      { name: 'ServiceRequestNoteBO', schema: noteBody },
      { name: 'ServiceRequestAttachment', schema: attachmentBody },
    ],
    responseSchemas: [
      { name: 'ServiceRequestBO', schema: serviceRequestResponse },
      { name: 'ServiceRequestPageBO', schema: serviceRequestPageResponse },
      { name: 'ServiceRequestNotePage', schema: notePageResponse },
      { name: 'ServiceRequestAttachmentPage', schema: attachmentPageResponse },
      { name: 'ServiceRequestHistory', schema: historyResponse },
    ],
  }),
  routes: [
    {
      method: 'GET',
      path: PATH,
      handler: listServiceRequests,
      operations: [LIST_SERVICE_REQUESTS],
      doc: {
        operationId: 'listServiceRequestsBO',
        summary: 'List service requests',
        description: 'Needs engagement.read. Newest first unless order=ASC.',
        tag: TAG,
        audience: 'backoffice',
        query: [
          'Page',
          'Size',
          'IncludeTotal',
          'SrAssignedUser',
          'SrAssignedTeam',
          'SrStates',
          'SrUpdatedFrom',
          'SrContact',
          'SrQueue',
          'SrSearch',
          'SrOrder',
          'SrSort',
        ],
        reads: true,
        success: { status: 200, description: 'A page of service requests.', schema: 'ServiceRequestPageBO' },
      },
    },
    {
      method: 'POST',
      path: PATH,
      handler: raiseServiceRequest,
      operations: [CHECK_CONTACT, RAISE_SERVICE_REQUEST],
      doc: {
        operationId: 'raiseServiceRequestBO',
        summary: 'Raise a service request for a contact',
        description:
          'Needs engagement.write and contacts.read. State NEW at the queue’s first open stage; priority from urgency × impact (default: the queue’s).',
        tag: TAG,
        audience: 'backoffice',
        body: 'ServiceRequestRaiseBO',
        idempotencyKey: true,
        writes: true,
        success: { status: 201, description: 'Raised; the id of the request.', schema: 'IdResult' },
      },
    },
    {
      method: 'GET',
      path: `${PATH}/:id`,
      handler: getServiceRequest,
      operations: [GET_SERVICE_REQUEST],
      doc: {
        operationId: 'getServiceRequestBO',
        summary: 'Get a service request',
        tag: TAG,
        audience: 'backoffice',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The service request.', schema: 'ServiceRequestBO' },
      },
    },
    {
      method: 'PUT',
      path: `${PATH}/:id`,
      handler: updateServiceRequest,
      operations: [GET_SERVICE_REQUEST, CHECK_ASSIGNEES, GET_QUEUE, ASSIGN_SERVICE_REQUEST, SET_SERVICE_REQUEST_CATEGORIES, SET_SERVICE_REQUEST_TAGS],
      doc: {
        operationId: 'updateServiceRequestBO',
        summary: 'Assign, categorise or tag a service request',
        description:
          'Needs engagement.write (and users.read to check the assignees). `assigned_to{team_id, user_id}` must name identity’s teams and users; categories must be the queue’s. A closed request: 409.',
        tag: TAG,
        audience: 'backoffice',
        body: 'ServiceRequestUpdate',
        notFound: 'RecordNotFound',
        writes: true,
        conflict: 'ServiceRequestClosed',
        success: { status: 200, description: 'Updated; the id of the request.', schema: 'IdResult' },
      },
    },
    {
      method: 'POST',
      path: `${PATH}/:id/actions`,
      handler: actOnServiceRequest,
      operations: [ACT_ON_SERVICE_REQUEST],
      doc: {
        operationId: 'actOnServiceRequestBO',
        summary: 'Start progress on, progress or close a service request',
        description:
          'START_PROGRESS: NEW → IN_PROGRESS. PROGRESS: to `stage_id`; without it, with `is_resolved` to the first closing stage, else to the next stage. A closing stage closes the request (is_resolved required). Refusals (not started, already started, closed, no next stage, same stage): 409.',
        tag: TAG,
        audience: 'backoffice',
        body: 'ServiceRequestAction',
        notFound: 'RecordNotFound',
        writes: true,
        conflict: 'ServiceRequestActionRefused',
        success: { status: 200, description: 'Done; the id of the request.', schema: 'IdResult' },
      },
    },
    {
      method: 'GET',
      path: `${PATH}/:id/notes`,
      handler: (ctx) => listNotes(ctx, { contactNotesOnly: false }),
      operations: [GET_SERVICE_REQUEST_NOTES],
      doc: {
        operationId: 'listServiceRequestNotesBO',
        summary: 'List the notes of a service request',
        description: 'Newest first unless order=ASC.',
        tag: TAG,
        audience: 'backoffice',
        query: NOTES_QUERY,
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'A page of notes.', schema: 'ServiceRequestNotePage' },
      },
    },
    {
      method: 'POST',
      path: `${PATH}/:id/notes`,
      handler: async (ctx) => {
        noQuery(ctx);
        await addNote(ctx, validateBody(noteBody, await ctx.readBody()), 201);
      },
      operations: [ADD_SERVICE_REQUEST_NOTE],
      doc: {
        operationId: 'addServiceRequestNoteBO',
        summary: 'Add a note',
        tag: TAG,
        audience: 'backoffice',
        body: 'ServiceRequestNoteBO',
        notFound: 'RecordNotFound',
        writes: true,
        success: { status: 201, description: 'Added; the id of the note.', schema: 'IdResult' },
      },
    },
    {
      method: 'GET',
      path: `${PATH}/:id/attachments`,
      handler: listAttachments,
      operations: [GET_SERVICE_REQUEST_ATTACHMENTS],
      doc: {
        operationId: 'listServiceRequestAttachmentsBO',
        summary: 'List the attachments of a service request',
        tag: TAG,
        audience: 'backoffice',
        query: NOTES_QUERY,
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'A page of attachments.', schema: 'ServiceRequestAttachmentPage' },
      },
    },
    {
      method: 'POST',
      path: `${PATH}/:id/attachments`,
      handler: async (ctx) => {
        noQuery(ctx);
        await addAttachment(ctx);
      },
      operations: [ADD_SERVICE_REQUEST_ATTACHMENT],
      doc: {
        operationId: 'addServiceRequestAttachmentBO',
        summary: 'Attach a file or a link',
        description: 'Exactly one of file_id and link (an http(s) URL).',
        tag: TAG,
        audience: 'backoffice',
        body: 'ServiceRequestAttachment',
        notFound: 'RecordNotFound',
        writes: true,
        success: { status: 201, description: 'Attached; the id of the attachment.', schema: 'IdResult' },
      },
    },
    {
      method: 'DELETE',
      path: `${PATH}/:id/attachments/:attachment_id`,
      handler: async (ctx) => {
        noQuery(ctx);
        await removeAttachment(ctx);
      },
      operations: [REMOVE_SERVICE_REQUEST_ATTACHMENT],
      doc: {
        operationId: 'removeServiceRequestAttachmentBO',
        summary: 'Remove an attachment',
        tag: TAG,
        audience: 'backoffice',
        notFound: 'RecordNotFound',
        writes: true,
        success: { status: 204, description: 'Removed. No body.' },
      },
    },
    {
      method: 'GET',
      path: `${PATH}/:id/history`,
      handler: getHistory,
      operations: [GET_SERVICE_REQUEST_HISTORY],
      doc: {
        operationId: 'getServiceRequestHistoryBO',
        summary: 'The activity history of a service request',
        description: 'One line per change, oldest first: raised, assigned, categorised, tagged, progressed, notes and attachments.',
        tag: TAG,
        audience: 'backoffice',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The history.', schema: 'ServiceRequestHistory' },
      },
    },
  ],
});
