import { noQuery, param, sendJson, type Handler } from '../../kit/context';
import { canonicalPathId } from '../../kit/request';
import { MAX_PAGE_SIZE, parsePagingQuery } from '../../kit/paging';
import { query } from '../../kit/openapi';
import { defineResource, mergeFragments } from '../../kit/resource';
import { addressNotFound, contactNotFound } from '../../domains/contacts/errors';
import { addressBody, validateBody } from '../../domains/contacts/bodies';
import { addressIn, addressOut } from '../../domains/contacts/mapper';
import { contactComponents } from '../../domains/contacts/openapi';
import { addressPageResponse } from '../../domains/contacts/response-schemas';
import type { GqlAddress, GqlContactPayload } from '../../domains/contacts/operations';
import { ADD_CONTACT_ADDRESS, LIST_CONTACT_ADDRESSES, REMOVE_CONTACT_ADDRESS, UPDATE_CONTACT_ADDRESS } from './operations';

/**
 * GET /self-service/v2/contacts/{id}/addresses (listContactAddressesSS) → the paging envelope.
 * The spec declares no query parameters, so a spec-following client must get every address in
 * one response: the default page size here is the maximum (100; a contact has at most 20
 * addresses). page/size/include_total are still accepted (NOTES §1.5); `total` is sent only with
 * include_total=true (the OpenAPI declares it non-nullable, so it is omitted rather than null).
 */
const listAddresses: Handler = async (ctx) => {
  const paging = parsePagingQuery(ctx.url.searchParams, MAX_PAGE_SIZE);
  const id = canonicalPathId(param(ctx, 'id'));
  const data = await ctx.gateway.run(LIST_CONTACT_ADDRESSES, { id }, 'address');
  const contact = data['contact'] as { id: string; addresses: GqlAddress[] } | null | undefined;
  if (!contact) throw contactNotFound(id);
  const start = (paging.page - 1) * paging.size;
  const page = contact.addresses.slice(start, start + paging.size);
  const envelope: Record<string, unknown> = { page: paging.page, size: paging.size };
  if (paging.includeTotal) envelope['total'] = contact.addresses.length;
  envelope['has_more'] = start + paging.size < contact.addresses.length;
  sendJson(ctx.res, 200, { paging: envelope, content: page.map((a) => addressOut(a)) });
};

/** POST /self-service/v2/contacts/{id}/addresses (addContactAddessSS) → 201 `{id}` of the new address. */
const addAddress: Handler = async (ctx) => {
  noQuery(ctx);
  const contactId = canonicalPathId(param(ctx, 'id'));
  const input = addressIn(validateBody(addressBody, await ctx.readBody()));
  const payload = await ctx.gateway.mutate<GqlContactPayload>(ADD_CONTACT_ADDRESS, { contactId, input }, 'addContactAddress', 'address');
  sendJson(ctx.res, 201, { id: payload.address?.id });
};

/** PUT /self-service/v2/contacts/{id}/addresses/{address_id} (updateContactAddressSS): full replace → 200 `{id}`. */
const updateAddress: Handler = async (ctx) => {
  noQuery(ctx);
  const contactId = canonicalPathId(param(ctx, 'id'));
  const addressId = canonicalPathId(param(ctx, 'address_id'));
  const input = addressIn(validateBody(addressBody, await ctx.readBody()));
  const payload = await ctx.gateway.mutate<GqlContactPayload>(
    UPDATE_CONTACT_ADDRESS,
    { contactId, addressId, input },
    'updateContactAddress',
    'address',
  );
  if (!payload.address) throw addressNotFound(contactId, addressId);
  sendJson(ctx.res, 200, { id: payload.address.id });
};

/** DELETE /self-service/v2/contacts/{id}/addresses/{address_id} (deleteContactAddressSS) → 200, no body. */
const removeAddress: Handler = async (ctx) => {
  noQuery(ctx);
  const contactId = canonicalPathId(param(ctx, 'id'));
  const addressId = canonicalPathId(param(ctx, 'address_id'));
  await ctx.gateway.mutate<GqlContactPayload>(REMOVE_CONTACT_ADDRESS, { contactId, addressId }, 'removeContactAddress', 'address');
  sendJson(ctx.res, 200, undefined);
};

const SSA = 'Self-service contact addresses';
const LIST_ADDRESSES_QUERY = ['Page', 'AddressSize', 'IncludeTotal'];

/** The addresses of a contact: list, add, replace, remove. */
export const resource = defineResource({
  family: 'self-service',
  name: 'contact-addresses',
  pathParameters: { id: 'ContactId', address_id: 'AddressId' },
  openapi: mergeFragments(contactComponents, {
    tags: [{ name: SSA, description: 'The addresses of a contact.' }],
    parameters: {
      AddressSize: query(
        'size',
        { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: MAX_PAGE_SIZE },
        'Page size (the default returns every address of a contact in one page).',
      ),
    },
    responseSchemas: [{ name: 'AddressPage', schema: addressPageResponse }],
  }),
  routes: [
    {
      method: 'GET',
      path: '/self-service/v2/contacts/:id/addresses',
      handler: listAddresses,
      operations: [LIST_CONTACT_ADDRESSES],
      doc: {
        operationId: 'listContactAddressesSS',
        summary: 'List the addresses of a contact',
        description: 'Unknown or repeated query parameters are refused (400).',
        tag: SSA,
        audience: 'selfservice',
        query: LIST_ADDRESSES_QUERY,
        reads: true,
        notFound: true,
        success: { status: 200, description: 'A page of addresses.', schema: 'AddressPage' },
      },
    },
    {
      method: 'POST',
      path: '/self-service/v2/contacts/:id/addresses',
      handler: addAddress,
      operations: [ADD_CONTACT_ADDRESS],
      doc: {
        operationId: 'addContactAddessSS',
        summary: 'Add an address',
        tag: SSA,
        audience: 'selfservice',
        body: 'AddressRequest',
        notFound: true,
        writes: true,
        success: { status: 201, description: 'Created; the id of the new address.', schema: 'IdResult' },
      },
    },
    {
      method: 'PUT',
      path: '/self-service/v2/contacts/:id/addresses/:address_id',
      handler: updateAddress,
      operations: [UPDATE_CONTACT_ADDRESS],
      doc: {
        operationId: 'updateContactAddressSS',
        summary: 'Replace an address',
        tag: SSA,
        audience: 'selfservice',
        body: 'AddressRequest',
        notFound: true,
        writes: true,
        success: { status: 200, description: 'Updated; the id of the address.', schema: 'IdResult' },
      },
    },
    {
      method: 'DELETE',
      path: '/self-service/v2/contacts/:id/addresses/:address_id',
      handler: removeAddress,
      operations: [REMOVE_CONTACT_ADDRESS],
      doc: {
        operationId: 'deleteContactAddressSS',
        summary: 'Remove an address',
        tag: SSA,
        audience: 'selfservice',
        notFound: true,
        writes: true,
        success: { status: 200, description: 'Removed. No body.' },
      },
    },
  ],
});
