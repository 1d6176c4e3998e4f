import type { Route } from './router';
import { noQuery, param, sendJson, type Handler, type RestContext } from './rest-context';
import { contactNotFound } from './errors';
import type { FieldScope } from './field-names';
import { canonicalPathId, idempotencyKeyOf } from './request';
import { parseContactListQuery } from './list-query';
import { backOfficeCreateBody, backOfficeUpdateBody, selfServiceUpdateBody, tagsBody, validateBody } from './contact-bodies';
import {
  backOfficeCreateIn,
  backOfficeUpdateIn,
  checkBodyId,
  selfServiceUpdateIn,
  toBackOfficeContact,
  toSelfServiceContact,
  updateNeedsCurrent,
} from './contact-mapper';
import {
  CREATE_CONTACT,
  GET_CONTACT,
  LIST_CONTACTS,
  SET_CONTACT_TAGS,
  UNREGISTER_CONTACT,
  UPDATE_CONTACT,
  type GqlContact,
  type GqlContactConnection,
  type GqlContactPayload,
  type GqlUnregisterPayload,
} from './operations';

/** The contact by id or code, read with the caller's consistency tokens; 404 when there is none. */
export async function loadContact(ctx: RestContext, id: string, scope: FieldScope): Promise<GqlContact> {
  const data = await ctx.gateway.run(GET_CONTACT, { id }, scope);
  const contact = data['contact'] as GqlContact | null | undefined;
  if (!contact) throw contactNotFound(id);
  return contact;
}

function getContact(shape: (c: GqlContact) => Record<string, unknown>, scope: FieldScope): Handler {
  return async (ctx) => {
    noQuery(ctx);
    const contact = await loadContact(ctx, canonicalPathId(param(ctx, 'id')), scope);
    sendJson(ctx.res, 200, shape(contact));
  };
}

/** DELETE …/contacts/{id}: unregisters the contact. 200 with no body, as the Self-Service OpenAPI documents. */
const unregisterContact =
  (scope: FieldScope): Handler =>
  async (ctx) => {
    noQuery(ctx);
    const id = canonicalPathId(param(ctx, 'id'));
    await ctx.gateway.mutate<GqlUnregisterPayload>(UNREGISTER_CONTACT, { id }, 'unregisterContact', scope);
    sendJson(ctx.res, 200, undefined);
  };

// ---- back-office -------------------------------------------------------------------------

/**
 * GET /backoffice/v2/contacts → `{paging:{page,size,total?,has_more}, content}`.
 *
 * paging.total: NOTES §1.5 says it is null unless include_total=true, but the OpenAPI paging
 * schema declares `total` as a non-nullable int64. A null would fail schema validation, so the
 * facade OMITS `total` unless include_total=true (then it is the count, capped at 10,000).
 */
const listContacts: Handler = async (ctx) => {
  const q = parseContactListQuery(ctx.url.searchParams);
  const data = await ctx.gateway.run(
    LIST_CONTACTS,
    { filter: q.filter, sort: q.sort, first: q.size, offset: (q.page - 1) * q.size, includeTotal: q.includeTotal },
    'list',
  );
  const connection = data['contacts'] as GqlContactConnection;
  const paging: Record<string, unknown> = { page: q.page, size: q.size };
  if (q.includeTotal && typeof connection.totalCount === 'number') paging['total'] = connection.totalCount;
  paging['has_more'] = connection.pageInfo.hasNextPage;
  sendJson(ctx.res, 200, { paging, content: connection.nodes.map(toBackOfficeContact) });
};

/** POST /backoffice/v2/contacts → 201 `{id}`; `Idempotency-Key` makes a retry return the first result. */
const createContact: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(backOfficeCreateBody, await ctx.readBody());
  const idempotencyKey = idempotencyKeyOf(ctx.req);
  const input = backOfficeCreateIn(body);
  const payload = await ctx.gateway.mutate<GqlContactPayload>(CREATE_CONTACT, { input, idempotencyKey }, 'createContact', 'backoffice-contact');
  sendJson(ctx.res, 201, { id: payload.contact?.id });
};

/** PUT /backoffice/v2/contacts/{id}: partial update → 200 `{id}`. */
const updateBackOfficeContact: Handler = async (ctx) => {
  noQuery(ctx);
  const id = canonicalPathId(param(ctx, 'id'));
  const body = validateBody(backOfficeUpdateBody, await ctx.readBody());
  checkBodyId(body.id, id, canonicalPathId);
  const current = updateNeedsCurrent(body) ? await loadContact(ctx, id, 'backoffice-contact') : null;
  const input = backOfficeUpdateIn(body, current);
  const payload = await ctx.gateway.mutate<GqlContactPayload>(UPDATE_CONTACT, { id, input }, 'updateContact', 'backoffice-contact');
  sendJson(ctx.res, 200, { id: payload.contact?.id ?? current?.id });
};

/** PUT /backoffice/v2/contacts/{id}/tags `{tags:[…]}` replaces the tags → 200 `{id}`. */
const setTags: Handler = async (ctx) => {
  noQuery(ctx);
  const id = canonicalPathId(param(ctx, 'id'));
  const body = validateBody(tagsBody, await ctx.readBody());
  const payload = await ctx.gateway.mutate<GqlContactPayload>(SET_CONTACT_TAGS, { id, tags: body.tags }, 'setContactTags', 'tags');
  sendJson(ctx.res, 200, { id: payload.contact?.id });
};

// ---- self-service ------------------------------------------------------------------------

/** PUT /self-service/v2/contacts/{id} (updateContactSS): partial update → 200 `{id}`. */
const updateSelfServiceContact: Handler = async (ctx) => {
  noQuery(ctx);
  const id = canonicalPathId(param(ctx, 'id'));
  const body = validateBody(selfServiceUpdateBody, await ctx.readBody());
  checkBodyId(body.id, id, canonicalPathId);
  const current = updateNeedsCurrent(body) ? await loadContact(ctx, id, 'selfservice-contact') : null;
  const input = selfServiceUpdateIn(body, current);
  const payload = await ctx.gateway.mutate<GqlContactPayload>(UPDATE_CONTACT, { id, input }, 'updateContact', 'selfservice-contact');
  sendJson(ctx.res, 200, { id: payload.contact?.id ?? current?.id });
};

export function contactRoutes(): Route<Handler>[] {
  return [
    { pattern: '/backoffice/v2/contacts', handlers: { GET: listContacts, POST: createContact } },
    {
      pattern: '/backoffice/v2/contacts/:id',
      handlers: {
        GET: getContact(toBackOfficeContact, 'backoffice-contact'),
        PUT: updateBackOfficeContact,
        DELETE: unregisterContact('backoffice-contact'),
      },
    },
    { pattern: '/backoffice/v2/contacts/:id/tags', handlers: { PUT: setTags } },
    {
      pattern: '/self-service/v2/contacts/:id',
      handlers: {
        GET: getContact(toSelfServiceContact, 'selfservice-contact'),
        PUT: updateSelfServiceContact,
        DELETE: unregisterContact('selfservice-contact'),
      },
    },
  ];
}
