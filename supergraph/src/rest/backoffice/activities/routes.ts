import { z } from 'zod';
import { AppError, type NotFoundSubject } from '@crm/platform/errors';
import { noQuery, sendJson, type Handler } from '../../kit/context';
import { guid, validateBody } from '../../kit/body';
import { recordNotFound } from '../../kit/errors';
import { snakeCaseFields } from '../../kit/field-names';
import { epochSeconds, isoOfEpochSeconds } from '../../kit/format';
import { query } from '../../kit/openapi';
import { PAGING_PARAMS, parsePaging } from '../../kit/paging';
import { idempotencyKeyOf, queryParams } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { epoch, pagingResponse } from '../../kit/response-schemas';
import { guidParam, mutate } from '../../domains/engagement/handlers';
import { BO_TAG as TAG } from '../../domains/engagement/openapi';
import { CREATE_ACTIVITY, GET_ACTIVITY, LIST_ACTIVITIES, UPDATE_ACTIVITY, type GqlActivity } from '../../domains/engagement/operations';

const ACTIVITY = 'activity' as NotFoundSubject;
const STATES = ['PENDING', 'COMPLETED', 'CANCELLED'] as const;
const dueDate = z.int().min(0).max(253402300799).describe('Epoch seconds');

/** POST /backoffice/v2/activities: `{name, description?, due_date?, assigned_to?{team_id, user_id}, linked_to[{type, id}]}`. */
export const activityBody = z.strictObject({
  name: z.string().min(1).max(200),
  description: z.string().max(2000).optional(),
  due_date: dueDate.optional(),
  assigned_to: z.strictObject({ team_id: guid.optional(), user_id: guid.optional() }).optional(),
  linked_to: z
    .array(z.strictObject({ type: z.enum(['CONTACT', 'SERVICE_REQUEST']), id: guid }))
    .min(1)
    .max(2)
    .describe('A CONTACT and/or a SERVICE_REQUEST (then the request’s contact).'),
});

/** PUT /backoffice/v2/activities/{id}: the fields given replace the current ones (null clears); `state` completes or cancels. */
export const activityUpdateBody = z.strictObject({
  name: z.string().min(1).max(200).optional(),
  description: z.string().max(2000).nullable().optional(),
  due_date: dueDate.nullable().optional(),
  assigned_to: z.strictObject({ team_id: guid.nullable().optional(), user_id: guid.nullable().optional() }).optional(),
  state: z.enum(['COMPLETED', 'CANCELLED']).optional(),
});

export const activityResponse = z.strictObject({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  state: z.enum(STATES),
  due_date: epoch.optional(),
  linked_to: z.array(z.strictObject({ type: z.enum(['CONTACT', 'SERVICE_REQUEST']), id: z.string() })),
  assigned_to: z.strictObject({ team: z.strictObject({ id: z.string() }).optional(), user: z.strictObject({ id: z.string() }).optional() }),
  created_date: epoch,
  updated_date: epoch,
  closed_date: epoch.optional(),
});
export const activityPageResponse = z.strictObject({ paging: pagingResponse, content: z.array(activityResponse) });

const activityOut = (a: GqlActivity) => ({
  id: a.id,
  name: a.name,
  ...(a.description ? { description: a.description } : {}),
  state: a.state,
  ...(a.dueAt ? { due_date: epochSeconds(a.dueAt) } : {}),
  linked_to: [{ type: 'CONTACT', id: a.contactId }, ...(a.serviceRequestId ? [{ type: 'SERVICE_REQUEST', id: a.serviceRequestId }] : [])],
  assigned_to: {
    ...(a.assignedTeamId ? { team: { id: a.assignedTeamId } } : {}),
    ...(a.assignedUserId ? { user: { id: a.assignedUserId } } : {}),
  },
  created_date: epochSeconds(a.createdAt),
  updated_date: epochSeconds(a.updatedAt),
  ...(a.closedAt ? { closed_date: epochSeconds(a.closedAt) } : {}),
});

const activityId = (ctx: Parameters<Handler>[0]) => guidParam(ctx, 'id', (raw) => recordNotFound(ACTIVITY, raw));

function guidQuery(params: Map<string, string>, name: string): string | null {
  const raw = params.get(name);
  if (raw === undefined) return null;
  const parsed = guid.safeParse(raw);
  if (!parsed.success) throw AppError.validation(name, 'must be a GUID', 'INVALID_ID');
  return parsed.data;
}

/** GET /backoffice/v2/activities → the paging envelope, newest first. */
const listActivities: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, [
    ...PAGING_PARAMS,
    'contact_id',
    'service_request_id',
    'states',
    'assigned_to_team_id',
    'assigned_to_user_id',
  ]);
  const paging = parsePaging(params);
  const statesRaw = params.get('states');
  const states = statesRaw === undefined ? null : statesRaw.split(',').map((s) => s.trim().toUpperCase());
  if (states?.some((s) => !(STATES as readonly string[]).includes(s)))
    throw AppError.validation('states', `must be ${STATES.join(', ')}`, 'INVALID_ENUM');
  const filter = {
    contactId: guidQuery(params, 'contact_id'),
    serviceRequestId: guidQuery(params, 'service_request_id'),
    assignedToTeamId: guidQuery(params, 'assigned_to_team_id'),
    assignedToUserId: guidQuery(params, 'assigned_to_user_id'),
    states,
  };
  const data = await ctx.gateway.run(LIST_ACTIVITIES, { filter, offset: (paging.page - 1) * paging.size, limit: paging.size }, snakeCaseFields);
  const page = data['activities'] as { total: number; hasMore: boolean; items: GqlActivity[] };
  const envelope: Record<string, unknown> = { page: paging.page, size: paging.size };
  if (paging.includeTotal) envelope['total'] = page.total;
  envelope['has_more'] = page.hasMore;
  sendJson(ctx.res, 200, { paging: envelope, content: page.items.map(activityOut) });
};

/** POST /backoffice/v2/activities → 201 `{id}`. */
const createActivity: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(activityBody, await ctx.readBody());
  const link = (type: string) => body.linked_to.filter((l) => l.type === type).map((l) => l.id);
  const [contacts, requests] = [link('CONTACT'), link('SERVICE_REQUEST')];
  if (contacts.length > 1 || requests.length > 1) throw AppError.validation('linked_to', 'at most one CONTACT and one SERVICE_REQUEST', 'TOO_MANY');
  const input = {
    name: body.name,
    description: body.description ?? null,
    contactId: contacts[0] ?? null,
    serviceRequestId: requests[0] ?? null,
    teamId: body.assigned_to?.team_id ?? null,
    userId: body.assigned_to?.user_id ?? null,
    dueAt: body.due_date === undefined ? null : isoOfEpochSeconds(body.due_date),
  };
  const payload = await mutate(ctx, CREATE_ACTIVITY, { input, idempotencyKey: idempotencyKeyOf(ctx.req) }, 'createActivity');
  sendJson(ctx.res, 201, { id: payload.id });
};

/** GET /backoffice/v2/activities/{id}. */
const getActivity: Handler = async (ctx) => {
  noQuery(ctx);
  const id = activityId(ctx);
  const data = await ctx.gateway.run(GET_ACTIVITY, { id }, snakeCaseFields);
  const found = data['activity'] as GqlActivity | null | undefined;
  if (!found) throw recordNotFound(ACTIVITY, id);
  sendJson(ctx.res, 200, activityOut(found));
};

/** PUT /backoffice/v2/activities/{id} → 200 `{id}`. */
const updateActivity: Handler = async (ctx) => {
  noQuery(ctx);
  const id = activityId(ctx);
  const body = validateBody(activityUpdateBody, await ctx.readBody());
  const input = {
    ...(body.name !== undefined ? { name: body.name } : {}),
    ...(body.description !== undefined ? { description: body.description } : {}),
    ...(body.due_date !== undefined ? { dueAt: body.due_date === null ? null : isoOfEpochSeconds(body.due_date) } : {}),
    ...(body.assigned_to?.team_id !== undefined ? { teamId: body.assigned_to.team_id } : {}),
    ...(body.assigned_to?.user_id !== undefined ? { userId: body.assigned_to.user_id } : {}),
    ...(body.state ? { state: body.state } : {}),
  };
  await mutate(ctx, UPDATE_ACTIVITY, { id, input }, 'updateActivity');
  sendJson(ctx.res, 200, { id });
};

/** Activities (tasks): list, create, read, update / complete / cancel. */
export const resource = defineResource({
  family: 'backoffice',
  name: 'activities',
  pathParameters: { id: 'DirectoryId' },
  openapi: {
    parameters: {
      ActContact: query('contact_id', { type: 'string', format: 'uuid' }, 'Only this contact’s activities.'),
      ActServiceRequest: query('service_request_id', { type: 'string', format: 'uuid' }, 'Only activities on this service request.'),
      ActStates: query('states', { type: 'string', example: 'PENDING' }, 'Comma-separated: PENDING, COMPLETED, CANCELLED.'),
      ActTeam: query('assigned_to_team_id', { type: 'string', format: 'uuid' }, 'Only this team’s.'),
      ActUser: query('assigned_to_user_id', { type: 'string', format: 'uuid' }, 'Only this user’s.'),
    },
    requestSchemas: [
      { name: 'ActivityRequest', schema: activityBody },
      { name: 'ActivityUpdate', schema: activityUpdateBody },
    ],
    responseSchemas: [
      { name: 'Activity', schema: activityResponse },
      { name: 'ActivityPage', schema: activityPageResponse },
    ],
  },
  routes: [
    {
      method: 'GET',
      path: '/backoffice/v2/activities',
      handler: listActivities,
      operations: [LIST_ACTIVITIES],
      doc: {
        operationId: 'listActivitiesBO',
        summary: 'List activities',
        description: 'Needs engagement.read. Newest first.',
        tag: TAG,
        audience: 'backoffice',
        query: ['Page', 'Size', 'IncludeTotal', 'ActContact', 'ActServiceRequest', 'ActStates', 'ActTeam', 'ActUser'],
        reads: true,
        success: { status: 200, description: 'A page of activities.', schema: 'ActivityPage' },
      },
    },
    {
      method: 'POST',
      path: '/backoffice/v2/activities',
      handler: createActivity,
      operations: [CREATE_ACTIVITY],
      doc: {
        operationId: 'createActivityBO',
        summary: 'Create an activity',
        description: 'Needs engagement.write. State PENDING; linked to a contact and/or one of its service requests.',
        tag: TAG,
        audience: 'backoffice',
        body: 'ActivityRequest',
        idempotencyKey: true,
        writes: true,
        success: { status: 201, description: 'Created; the id of the activity.', schema: 'IdResult' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/activities/:id',
      handler: getActivity,
      operations: [GET_ACTIVITY],
      doc: {
        operationId: 'getActivityBO',
        summary: 'Get an activity',
        tag: TAG,
        audience: 'backoffice',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The activity.', schema: 'Activity' },
      },
    },
    {
      method: 'PUT',
      path: '/backoffice/v2/activities/:id',
      handler: updateActivity,
      operations: [UPDATE_ACTIVITY],
      doc: {
        operationId: 'updateActivityBO',
        summary: 'Update, complete or cancel an activity',
        description: 'Needs engagement.write. A completed or cancelled activity: 409.',
        tag: TAG,
        audience: 'backoffice',
        body: 'ActivityUpdate',
        notFound: 'RecordNotFound',
        writes: true,
        success: { status: 200, description: 'Updated; the id of the activity.', schema: 'IdResult' },
      },
    },
  ],
});
