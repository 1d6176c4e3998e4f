import { AppError, type NotFoundSubject } from '@crm/platform/errors';
import { param, sendJson, type Handler, type RestContext } from '../../kit/context';
import { recordNotFound } from '../../kit/errors';
import { validateBody } from '../../kit/body';
import { snakeCaseFields } from '../../kit/field-names';
import { epochSeconds } from '../../kit/format';
import { parsePaging, PAGING_PARAMS } from '../../kit/paging';
import { canonicalPathId, idempotencyKeyOf, isUuid, queryParams } from '../../kit/request';
import {
  addServicesBody,
  addServicesInput,
  fromSelfServiceAddServices,
  selfServiceAddServicesBody,
  type AddServicesBody,
  changeServiceBody,
  changeServiceInput,
  changeSubscriptionBody,
  changeSubscriptionInput,
  updateActionBody,
} from './bodies';
import { pageOf, toActionDetail, toActionListItem, toServiceResponse, toSubscriptionResponse } from './mapper';
import {
  ADD_SERVICES,
  CANCEL_ACTION,
  CHANGE_SERVICE,
  CHANGE_SUBSCRIPTION,
  CONTACT_SERVICES,
  GET_ACTION,
  GET_SUBSCRIPTION,
  LIST_ACTIONS,
  LIST_SUBSCRIPTIONS,
  SUBSCRIBER_CONTACT,
  type GqlAction,
  type GqlActionPayload,
  type GqlService,
  type GqlSubscription,
  type GqlSubscriptionTerms,
} from './operations';

// their NOT_FOUND reasons are catalogued by subscriptions-read/-write (src/errors.ts), loaded through the registry
const SUBSCRIPTION = 'subscription' as NotFoundSubject;
const SERVICE = 'service' as NotFoundSubject;
const ACTION = 'subscription action' as NotFoundSubject;

/** A path id that must be a UUID (anything else is a 404 for that subject). */
export function pathUuid(ctx: RestContext, name: string, subject: NotFoundSubject): string {
  const raw = param(ctx, name);
  if (!isUuid(raw)) throw recordNotFound(subject, raw);
  return canonicalPathId(raw);
}

/** The contact of the path, which must exist (and be visible to the caller): 404 otherwise. */
export async function subscriberContact(ctx: RestContext): Promise<string> {
  const id = pathUuid(ctx, 'id', 'contact');
  const data = await ctx.gateway.run(SUBSCRIBER_CONTACT, { id }, snakeCaseFields);
  if (!data['contact']) throw recordNotFound('contact', id);
  return id;
}

const SERVICE_STATES = ['DRAFT', 'EFFECTIVE', 'NOT_EFFECTIVE', 'PAUSED', 'REGRETTED', 'CANCELLED', 'SWAPPED', 'REMOVED'];
const SUBSCRIPTION_STATES = ['ACTIVE', 'INACTIVE', 'CHURNED'];
const ACTION_STATES = ['SCHEDULED', 'EXECUTED', 'REJECTED', 'CANCELLED'];

function oneOf(name: string, raw: string | undefined, values: string[]): string | null {
  if (raw === undefined) return null;
  if (!values.includes(raw)) throw AppError.validation(name, `must be one of ${values.join(', ')}`, 'INVALID_ENUM');
  return raw;
}

/** GET …/contacts/{id}/services (`state`, `subscription_id`, paging). */
export const listContactServices: Handler = async (ctx) => {
  const q = queryParams(ctx.url.searchParams, [...PAGING_PARAMS, 'state', 'subscription_id']);
  const paging = parsePaging(q);
  const state = oneOf('state', q.get('state'), SERVICE_STATES);
  const subscriptionId = q.get('subscription_id');
  const contactId = await subscriberContact(ctx);
  const data = await ctx.gateway.run(CONTACT_SERVICES, { contactId, state }, snakeCaseFields);
  const terms = new Map(((data['subscriptions'] as { items: GqlSubscriptionTerms[] }).items ?? []).map((s) => [s.id, s]));
  const services = (data['contactServices'] as GqlService[]).filter(
    (s) => subscriptionId === undefined || s.subscriptionId === canonicalPathId(subscriptionId),
  );
  sendJson(
    ctx.res,
    200,
    pageOf(
      services.map((s) => toServiceResponse(s, terms.get(s.subscriptionId))),
      paging.page,
      paging.size,
      paging.includeTotal,
    ),
  );
};

/** GET …/contacts/{id}/subscriptions and GET /backoffice/v2/subscriptions (`contact_id`). */
async function listSubscriptions(ctx: RestContext, contactId: string | null, q: Map<string, string>): Promise<void> {
  const paging = parsePaging(q);
  const state = oneOf('state', q.get('state'), SUBSCRIPTION_STATES);
  const data = await ctx.gateway.run(
    LIST_SUBSCRIPTIONS,
    { contactId, state, limit: paging.size + 1, offset: (paging.page - 1) * paging.size },
    snakeCaseFields,
  );
  const page = data['subscriptions'] as { total: number; items: GqlSubscription[] };
  const out: Record<string, unknown> = { page: paging.page, size: paging.size };
  if (paging.includeTotal) out['total'] = page.total;
  out['has_more'] = page.items.length > paging.size;
  sendJson(ctx.res, 200, { paging: out, content: page.items.slice(0, paging.size).map(toSubscriptionResponse) });
}

export const listContactSubscriptions: Handler = async (ctx) => {
  const q = queryParams(ctx.url.searchParams, [...PAGING_PARAMS, 'state']);
  const contactId = await subscriberContact(ctx);
  await listSubscriptions(ctx, contactId, q);
};

export const listAllSubscriptions: Handler = async (ctx) => {
  const q = queryParams(ctx.url.searchParams, [...PAGING_PARAMS, 'state', 'contact_id']);
  const contact = q.get('contact_id');
  if (contact !== undefined && !isUuid(contact)) throw AppError.validation('contact_id', 'must be a contact id (UUID)', 'INVALID_ID');
  await listSubscriptions(ctx, contact === undefined ? null : canonicalPathId(contact), q);
};

export const getSubscription: Handler = async (ctx) => {
  queryParams(ctx.url.searchParams, []);
  const id = pathUuid(ctx, 'id', SUBSCRIPTION);
  const data = await ctx.gateway.run(GET_SUBSCRIPTION, { id }, snakeCaseFields);
  const found = data['subscription'] as GqlSubscription | null;
  if (!found) throw recordNotFound(SUBSCRIPTION, id);
  sendJson(ctx.res, 200, toSubscriptionResponse(found));
};

/** POST /backoffice/v2/contacts/{id}/services → 201 `[{id}]` (the services added; Self-Service answers 200 as its contract says); Idempotency-Key makes a retry return the first result. */
export const addContactServices: Handler = (ctx) => addServices(ctx, 201, (raw) => validateBody(addServicesBody, raw));

/** The Self-Service twin: the contract's body. */
export const addContactServicesSelfService: Handler = (ctx) =>
  addServices(ctx, 200, (raw) => fromSelfServiceAddServices(validateBody(selfServiceAddServicesBody, raw)));

async function addServices(ctx: RestContext, status: 200 | 201, parse: (raw: Record<string, unknown>) => AddServicesBody): Promise<void> {
  queryParams(ctx.url.searchParams, []);
  const body = parse(await ctx.readBody());
  const contactId = await subscriberContact(ctx);
  const payload = await ctx.gateway.mutate<{ subscriptionId: string | null; serviceIds: string[]; consistencyToken: string | null; errors: never[] }>(
    ADD_SERVICES,
    { contactId, input: addServicesInput(body), idempotencyKey: idempotencyKeyOf(ctx.req) },
    'addContactServices',
    snakeCaseFields,
  );
  sendJson(
    ctx.res,
    status,
    payload.serviceIds.map((id) => ({ id })),
  );
}

function sendActionResult(ctx: RestContext, payload: GqlActionPayload): void {
  const out: Record<string, unknown> = { id: payload.actionId };
  if (payload.scheduledDate) out['proposed_date'] = epochSeconds(payload.scheduledDate);
  sendJson(ctx.res, 200, out);
}

/** PUT /services/{id} → `{id, proposed_date?}` (the action; proposed_date when it is scheduled). */
export const changeService: Handler = async (ctx) => {
  queryParams(ctx.url.searchParams, []);
  const id = pathUuid(ctx, 'id', SERVICE);
  const body = validateBody(changeServiceBody, await ctx.readBody());
  if (body.action === 'CHANGE' && !body.change_to_service)
    throw AppError.validation('change_to_service', 'is required to CHANGE a service', 'REQUIRED');
  const payload = await ctx.gateway.mutate<GqlActionPayload & { errors: never[] }>(
    CHANGE_SERVICE,
    { id, input: changeServiceInput(body) },
    'changeService',
    snakeCaseFields,
  );
  sendActionResult(ctx, payload);
};

/** PUT /subscriptions/{id} → `{id, proposed_date?}`. */
export const changeSubscription: Handler = async (ctx) => {
  queryParams(ctx.url.searchParams, []);
  const id = pathUuid(ctx, 'id', SUBSCRIPTION);
  const body = validateBody(changeSubscriptionBody, await ctx.readBody());
  const payload = await ctx.gateway.mutate<GqlActionPayload & { errors: never[] }>(
    CHANGE_SUBSCRIPTION,
    { id, input: changeSubscriptionInput(body) },
    'changeSubscription',
    snakeCaseFields,
  );
  sendActionResult(ctx, payload);
};

/** GET /subscriptions/actions (`service_id`, `subscription_id`, `contact_id`, `is_scheduled`; at least one of the ids), newest first. */
export function listActions(contactFromPath: boolean): Handler {
  return async (ctx) => {
    const q = queryParams(ctx.url.searchParams, [
      ...PAGING_PARAMS,
      'service_id',
      'subscription_id',
      ...(contactFromPath ? [] : ['contact_id']),
      'is_scheduled',
      'state',
    ]);
    const paging = parsePaging(q);
    const idParam = (name: string) => {
      const v = q.get(name);
      if (v === undefined) return null;
      if (!isUuid(v)) throw AppError.validation(name, 'must be an id (UUID)', 'INVALID_ID');
      return canonicalPathId(v);
    };
    const serviceId = idParam('service_id');
    const subscriptionId = idParam('subscription_id');
    const contactId = contactFromPath ? await subscriberContact(ctx) : idParam('contact_id');
    if (!serviceId && !subscriptionId && !contactId)
      throw AppError.validation('service_id', 'give service_id, subscription_id or contact_id', 'REQUIRED');
    const scheduled = q.get('is_scheduled');
    if (scheduled !== undefined && scheduled !== 'true' && scheduled !== 'false')
      throw AppError.validation('is_scheduled', 'must be true or false', 'INVALID_BOOLEAN');
    const state = scheduled === 'true' ? 'SCHEDULED' : oneOf('state', q.get('state'), ACTION_STATES);
    const data = await ctx.gateway.run(LIST_ACTIONS, { serviceId, subscriptionId, contactId, state }, snakeCaseFields);
    let actions = data['subscriptionActions'] as GqlAction[];
    if (scheduled === 'false') actions = actions.filter((a) => a.state !== 'SCHEDULED');
    sendJson(ctx.res, 200, pageOf(actions.map(toActionListItem), paging.page, paging.size, paging.includeTotal));
  };
}

export const getAction: Handler = async (ctx) => {
  queryParams(ctx.url.searchParams, []);
  const id = pathUuid(ctx, 'id', ACTION);
  const data = await ctx.gateway.run(GET_ACTION, { id }, snakeCaseFields);
  const found = data['subscriptionAction'] as GqlAction | null;
  if (!found) throw recordNotFound(ACTION, id);
  sendJson(ctx.res, 200, toActionDetail(found));
};

/** PUT /subscriptions/actions/{id} `{action: CANCEL}` → `{id}` (a SCHEDULED action becomes CANCELLED; otherwise 409). */
export const updateAction: Handler = async (ctx) => {
  queryParams(ctx.url.searchParams, []);
  const id = pathUuid(ctx, 'id', ACTION);
  validateBody(updateActionBody, await ctx.readBody());
  const payload = await ctx.gateway.mutate<GqlActionPayload & { errors: never[] }>(
    CANCEL_ACTION,
    { id },
    'cancelSubscriptionAction',
    snakeCaseFields,
  );
  sendJson(ctx.res, 200, { id: payload.actionId ?? id });
};

export const SUBSCRIPTION_OPERATIONS = {
  listContactServices: [SUBSCRIBER_CONTACT, CONTACT_SERVICES],
  listContactSubscriptions: [SUBSCRIBER_CONTACT, LIST_SUBSCRIPTIONS],
  listAllSubscriptions: [LIST_SUBSCRIPTIONS],
  getSubscription: [GET_SUBSCRIPTION],
  addContactServices: [SUBSCRIBER_CONTACT, ADD_SERVICES],
  addContactServicesSelfService: [SUBSCRIBER_CONTACT, ADD_SERVICES],
  changeService: [CHANGE_SERVICE],
  changeSubscription: [CHANGE_SUBSCRIPTION],
  listActions: [LIST_ACTIONS],
  listContactActions: [SUBSCRIBER_CONTACT, LIST_ACTIONS],
  getAction: [GET_ACTION],
  updateAction: [CANCEL_ACTION],
};
