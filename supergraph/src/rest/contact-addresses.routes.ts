import type { Route } from './router';
import { noQuery, param, sendJson, type Handler } from './rest-context';
import { addressNotFound, contactNotFound } from './errors';
import { canonicalPathId } from './request';
import { MAX_PAGE_SIZE, parsePagingQuery } from './list-query';
import { addressBody, validateBody } from './contact-bodies';
import { addressIn, addressOut } from './contact-mapper';
import {
  ADD_CONTACT_ADDRESS,
  LIST_CONTACT_ADDRESSES,
  REMOVE_CONTACT_ADDRESS,
  UPDATE_CONTACT_ADDRESS,
  type GqlAddress,
  type GqlContactPayload,
} from './operations';

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

export function contactAddressRoutes(): Route<Handler>[] {
  return [
    { pattern: '/self-service/v2/contacts/:id/addresses', handlers: { GET: listAddresses, POST: addAddress } },
    { pattern: '/self-service/v2/contacts/:id/addresses/:address_id', handlers: { PUT: updateAddress, DELETE: removeAddress } },
  ];
}
