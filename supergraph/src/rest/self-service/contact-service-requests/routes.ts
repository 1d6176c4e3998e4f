import { AppError } from '@crm/platform/errors';
import { noQuery, sendJson, type Handler } from '../../kit/context';
import { guid, validateBody } from '../../kit/body';
import { epochSeconds } from '../../kit/format';
import { snakeCaseFields } from '../../kit/field-names';
import { query } from '../../kit/openapi';
import { queryParams } from '../../kit/request';
import { defineResource, mergeFragments } from '../../kit/resource';
import { contactNotFound } from '../../domains/contacts/errors';
import { selfServiceRaiseBody } from '../../domains/engagement/bodies';
import { guidParam, LIST_PARAMS, mutate, serviceRequestPage, stageOut } from '../../domains/engagement/handlers';
import { CHECK_CONTACT, LIST_SERVICE_REQUESTS, RAISE_SERVICE_REQUEST, type GqlServiceRequest } from '../../domains/engagement/operations';
import { engagementComponents, SS_TAG, SS_TAG_DOC } from '../../domains/engagement/openapi';
import { selfServiceRequestPageResponse } from '../../domains/engagement/schemas';

const STATES = ['NEW', 'IN_PROGRESS', 'CLOSED'];

/** The contract's list item: what the contact sees of a request. */
const itemOut = (r: GqlServiceRequest) => ({
  id: r.id,
  number: r.number,
  description: r.description,
  ...(r.isResolved === null ? {} : { is_resolved: r.isResolved }),
  ...(r.closingComment ? { comments: r.closingComment } : {}),
  ...(r.stage ? { stage: stageOut(r.stage) } : {}),
  ...(r.addressId ? { address: { id: r.addressId } } : {}),
  created_date: epochSeconds(r.createdAt),
});

/** GET /self-service/v2/contacts/{id}/service_requests → the paging envelope, newest first (`states`, `queue_id`, `search_value`). */
const listServiceRequests: Handler = async (ctx) => {
  const contactId = guidParam(ctx, 'id', contactNotFound);
  const params = queryParams(ctx.url.searchParams, [...LIST_PARAMS, 'queue_id', 'search_value', 'states']);
  const statesRaw = params.get('states');
  const states = statesRaw === undefined ? null : statesRaw.split(',').map((s) => s.trim().toUpperCase());
  if (states?.some((s) => !STATES.includes(s))) throw AppError.validation('states', `must be ${STATES.join(', ')}`, 'INVALID_ENUM');
  const queueRaw = params.get('queue_id');
  const queue = queueRaw === undefined ? null : guid.safeParse(queueRaw);
  if (queue && !queue.success) throw AppError.validation('queue_id', 'must be a GUID', 'INVALID_ID');
  const filter = { contactId, states, queueId: queue?.data ?? null, search: params.get('search_value') ?? null };
  const { page, paging } = await serviceRequestPage(ctx, params, filter);
  if (!page) throw contactNotFound(contactId);
  sendJson(ctx.res, 200, { paging, content: page.items.map(itemOut) });
};

/** POST /self-service/v2/contacts/{id}/service_requests → 200 `{id}` (the contract's status). */
const raiseServiceRequest: Handler = async (ctx) => {
  noQuery(ctx);
  const contactId = guidParam(ctx, 'id', contactNotFound);
  const body = validateBody(selfServiceRaiseBody, await ctx.readBody());
  // the contact must exist in the tenant (and be the caller, for a contact): 404 otherwise
  const contact = await ctx.gateway.run(CHECK_CONTACT, { id: contactId }, snakeCaseFields);
  if (!contact['contact']) throw contactNotFound(contactId);
  const input = {
    contactId,
    queueId: body.queue_id,
    description: body.description,
    urgency: null,
    impact: null,
    categoryIds: (body.categories ?? []).map((c) => c.id),
    addressId: body.address?.id ?? null,
  };
  const payload = await mutate(ctx, RAISE_SERVICE_REQUEST, { input, idempotencyKey: null }, 'raiseServiceRequest');
  sendJson(ctx.res, 200, { id: payload.id });
};

const PATH = '/self-service/v2/contacts/:id/service_requests';

/** A contact's service requests: list and raise. */
export const resource = defineResource({
  family: 'self-service',
  name: 'contact-service-requests',
  pathParameters: { id: 'SrContactId' },
  openapi: mergeFragments(engagementComponents, {
    tags: [SS_TAG_DOC],
    parameters: {
      SrContactId: {
        name: 'id',
        in: 'path',
        required: true,
        description: 'The contact GUID (dashed or 32 hex digits); a contact may name only itself.',
        schema: { type: 'string', minLength: 1, maxLength: 100 },
      },
      SrStatesSS: query('states', { type: 'string', enum: STATES }, 'Only requests in this state (several: comma-separated).'),
      SrQueueSS: query('queue_id', { type: 'string', format: 'uuid' }, 'Only this queue’s requests.'),
      SrSearchSS: query('search_value', { type: 'string', maxLength: 100 }, 'The number, or part of the description.'),
    },
    requestSchemas: [{ name: 'ServiceRequestRaiseSS', schema: selfServiceRaiseBody }],
    responseSchemas: [{ name: 'ServiceRequestPageSS', schema: selfServiceRequestPageResponse }],
  }),
  routes: [
    {
      method: 'GET',
      path: PATH,
      handler: listServiceRequests,
      operations: [LIST_SERVICE_REQUESTS],
      doc: {
        operationId: 'listContactServiceRequestsSS',
        summary: 'List a contact’s service requests',
        tag: SS_TAG,
        audience: 'selfservice',
        query: ['Page', 'Size', 'IncludeTotal', 'SrStatesSS', 'SrQueueSS', 'SrSearchSS', 'SrOrder', 'SrSort'],
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'A page of service requests.', schema: 'ServiceRequestPageSS' },
      },
    },
    {
      method: 'POST',
      path: PATH,
      handler: raiseServiceRequest,
      operations: [CHECK_CONTACT, RAISE_SERVICE_REQUEST],
      doc: {
        operationId: 'raiseContactServiceRequestSS',
        summary: 'Raise a service request',
        description:
          'State NEW at the queue’s first open stage; priority from the queue’s default urgency × impact. `address.other` and custom_fields are not held yet (400).',
        tag: SS_TAG,
        audience: 'selfservice',
        body: 'ServiceRequestRaiseSS',
        notFound: 'RecordNotFound',
        writes: true,
        success: { status: 200, description: 'Raised; the id of the request.', schema: 'IdResult' },
      },
    },
  ],
});
