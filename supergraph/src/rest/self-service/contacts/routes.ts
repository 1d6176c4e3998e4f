import { noQuery, param, sendJson, type Handler } from '../../kit/context';
import { canonicalPathId } from '../../kit/request';
import { defineResource, mergeFragments } from '../../kit/resource';
import { notBoth } from '../../kit/openapi';
import { selfServiceUpdateBody, validateBody } from '../../domains/contacts/bodies';
import { checkBodyId, selfServiceUpdateIn, toSelfServiceContact, updateNeedsCurrent } from '../../domains/contacts/mapper';
import { getContact, loadContact, unregisterContact } from '../../domains/contacts/handlers';
import { GET_CONTACT, UNREGISTER_CONTACT, UPDATE_CONTACT, type GqlContactPayload } from '../../domains/contacts/operations';
import { contactComponents } from '../../domains/contacts/openapi';
import { selfServiceContactResponse } from '../../domains/contacts/response-schemas';

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

const SS = 'Self-service contacts';

/** The contact acting on its own record: read, update, unregister. */
export const resource = defineResource({
  family: 'self-service',
  name: 'contacts',
  pathParameters: { id: 'ContactId' },
  openapi: mergeFragments(contactComponents, {
    tags: [{ name: SS, description: 'The contact acting on its own record (public api_key + contact JWT).' }],
    requestSchemas: [
      {
        name: 'SelfServiceContactUpdateRequest',
        schema: selfServiceUpdateBody,
        extend: {
          description:
            'A partial update: an omitted field is unchanged, null clears it; demographics and company_profile are merged field by field; `phone` replaces the primary phone (null removes it). `id`, when sent, must name the contact of the path. email / email_address are alternative spellings (send at most one).',
          ...notBoth('email', 'email_address'),
        },
      },
    ],
    responseSchemas: [
      {
        name: 'SelfServiceContact',
        schema: selfServiceContactResponse,
        description: 'A contact as self-service routes return it. Absent values are omitted, never null.',
      },
    ],
  }),
  routes: [
    {
      method: 'GET',
      path: '/self-service/v2/contacts/:id',
      handler: getContact(toSelfServiceContact, 'selfservice-contact'),
      operations: [GET_CONTACT],
      doc: {
        operationId: 'getSingleContactSS',
        summary: 'Get a contact',
        tag: SS,
        audience: 'selfservice',
        reads: true,
        notFound: true,
        success: { status: 200, description: 'The contact.', schema: 'SelfServiceContact' },
      },
    },
    {
      method: 'PUT',
      path: '/self-service/v2/contacts/:id',
      handler: updateSelfServiceContact,
      operations: [GET_CONTACT, UPDATE_CONTACT],
      doc: {
        operationId: 'updateContactSS',
        summary: 'Update a contact (partial)',
        tag: SS,
        audience: 'selfservice',
        body: 'SelfServiceContactUpdateRequest',
        reads: true,
        notFound: true,
        writes: true,
        success: { status: 200, description: 'Updated; the id of the contact.', schema: 'IdResult' },
      },
    },
    {
      method: 'DELETE',
      path: '/self-service/v2/contacts/:id',
      handler: unregisterContact('selfservice-contact'),
      operations: [UNREGISTER_CONTACT],
      doc: {
        operationId: 'unregisterContactSS',
        summary: 'Unregister a contact',
        tag: SS,
        audience: 'selfservice',
        notFound: true,
        writes: true,
        success: { status: 200, description: 'Unregistered. No body.' },
      },
    },
  ],
});
