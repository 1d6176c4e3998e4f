import { noQuery, param, sendJson, type Handler } from '../../kit/context';
import { canonicalPathId, idempotencyKeyOf } from '../../kit/request';
import { defineResource, mergeFragments } from '../../kit/resource';
import { backOfficeCreateBody, backOfficeUpdateBody, tagsBody, validateBody } from '../../domains/contacts/bodies';
import { backOfficeCreateIn, backOfficeUpdateIn, checkBodyId, toBackOfficeContact, updateNeedsCurrent } from '../../domains/contacts/mapper';
import { getContact, loadContact, unregisterContact } from '../../domains/contacts/handlers';
import { GET_CONTACT, UNREGISTER_CONTACT, UPDATE_CONTACT, type GqlContactPayload } from '../../domains/contacts/operations';
import { contactComponents } from '../../domains/contacts/openapi';
import { backOfficeContactResponse, contactPageResponse } from '../../domains/contacts/response-schemas';
import { allOf, exactlyOneOf, notBoth } from '../../kit/openapi';
import { parseContactListQuery } from './list-query';
import { LIST_CONTACTS_QUERY, listQueryParameters } from './openapi';
import { CREATE_CONTACT, LIST_CONTACTS, SET_CONTACT_TAGS, type GqlContactConnection } from './operations';

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

const BO = 'Back-office contacts';

/** Back-office contacts: list, create, read, update, unregister, tags. */
export const resource = defineResource({
  family: 'backoffice',
  name: 'contacts',
  pathParameters: { id: 'ContactId' },
  openapi: mergeFragments(contactComponents, {
    tags: [{ name: BO, description: 'Admin users and server-to-server integrations (secret api_key or admin JWT).' }],
    parameters: listQueryParameters,
    requestSchemas: [
      {
        name: 'BackOfficeContactCreateRequest',
        schema: backOfficeCreateBody,
        extend: {
          description:
            'Exactly one of contact_type / type is required; email / email_address and (in company_profile) industry / industry_id are alternative spellings, send at most one of each. Null means "not given".',
          ...allOf(exactlyOneOf('contact_type', 'type'), notBoth('email', 'email_address')),
        },
      },
      {
        name: 'BackOfficeContactUpdateRequest',
        schema: backOfficeUpdateBody,
        extend: {
          description:
            'A partial update: an omitted field is unchanged, null clears it; demographics and company_profile are merged field by field. `id`, when sent, must name the contact of the path. email / email_address are alternative spellings (send at most one).',
          ...notBoth('email', 'email_address'),
        },
      },
      { name: 'ContactTagsRequest', schema: tagsBody, extend: { description: 'Replaces all tags of the contact.' } },
    ],
    responseSchemas: [
      {
        name: 'BackOfficeContact',
        schema: backOfficeContactResponse,
        description: 'A contact as back-office routes return it. Absent values are omitted, never null.',
      },
      { name: 'ContactPage', schema: contactPageResponse },
    ],
  }),
  routes: [
    {
      method: 'GET',
      path: '/backoffice/v2/contacts',
      handler: listContacts,
      operations: [LIST_CONTACTS],
      doc: {
        operationId: 'listContactsBO',
        summary: 'List contacts',
        description: 'Filters combine with AND. Unknown or repeated query parameters are refused (400).',
        tag: BO,
        audience: 'backoffice',
        query: LIST_CONTACTS_QUERY,
        reads: true,
        success: { status: 200, description: 'A page of contacts.', schema: 'ContactPage' },
      },
    },
    {
      method: 'POST',
      path: '/backoffice/v2/contacts',
      handler: createContact,
      operations: [CREATE_CONTACT],
      doc: {
        operationId: 'createContactBO',
        summary: 'Create a contact',
        tag: BO,
        audience: 'backoffice',
        body: 'BackOfficeContactCreateRequest',
        idempotencyKey: true,
        writes: true,
        success: { status: 201, description: 'Created; the id of the new contact.', schema: 'IdResult' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/contacts/:id',
      handler: getContact(toBackOfficeContact, 'backoffice-contact'),
      operations: [GET_CONTACT],
      doc: {
        operationId: 'getContactBO',
        summary: 'Get a contact',
        tag: BO,
        audience: 'backoffice',
        reads: true,
        notFound: true,
        success: { status: 200, description: 'The contact.', schema: 'BackOfficeContact' },
      },
    },
    {
      method: 'PUT',
      path: '/backoffice/v2/contacts/:id',
      handler: updateBackOfficeContact,
      operations: [GET_CONTACT, UPDATE_CONTACT],
      doc: {
        operationId: 'updateContactBO',
        summary: 'Update a contact (partial)',
        tag: BO,
        audience: 'backoffice',
        body: 'BackOfficeContactUpdateRequest',
        reads: true,
        notFound: true,
        writes: true,
        success: { status: 200, description: 'Updated; the id of the contact.', schema: 'IdResult' },
      },
    },
    {
      method: 'DELETE',
      path: '/backoffice/v2/contacts/:id',
      handler: unregisterContact('backoffice-contact'),
      operations: [UNREGISTER_CONTACT],
      doc: {
        operationId: 'unregisterContactBO',
        summary: 'Unregister a contact',
        tag: BO,
        audience: 'backoffice',
        notFound: true,
        writes: true,
        success: { status: 200, description: 'Unregistered. No body.' },
      },
    },
    {
      method: 'PUT',
      path: '/backoffice/v2/contacts/:id/tags',
      handler: setTags,
      operations: [SET_CONTACT_TAGS],
      doc: {
        operationId: 'setContactTagsBO',
        summary: 'Replace the tags of a contact',
        tag: BO,
        audience: 'backoffice',
        body: 'ContactTagsRequest',
        notFound: true,
        writes: true,
        success: { status: 200, description: 'Updated; the id of the contact.', schema: 'IdResult' },
      },
    },
  ],
});
