import { noQuery, param, sendJson, type Handler, type RestContext } from '../../kit/context';
import type { FieldScope } from '../../kit/field-names';
import { canonicalPathId } from '../../kit/request';
import { contactNotFound } from './errors';
import { GET_CONTACT, UNREGISTER_CONTACT, type GqlContact, type GqlUnregisterPayload } from './operations';

/** Reads and deletes that the back-office and self-service contact resources share (their shapes differ, the calls do not). */

/** The contact by id or code, read with the caller's consistency tokens; 404 when there is none. */
export async function loadContact(ctx: RestContext, id: string, scope: FieldScope): Promise<GqlContact> {
  const data = await ctx.gateway.run(GET_CONTACT, { id }, scope);
  const contact = data['contact'] as GqlContact | null | undefined;
  if (!contact) throw contactNotFound(id);
  return contact;
}

export function getContact(shape: (c: GqlContact) => Record<string, unknown>, scope: FieldScope): Handler {
  return async (ctx) => {
    noQuery(ctx);
    const contact = await loadContact(ctx, canonicalPathId(param(ctx, 'id')), scope);
    sendJson(ctx.res, 200, shape(contact));
  };
}

/** DELETE …/contacts/{id}: unregisters the contact. 200 with no body, as the Self-Service OpenAPI documents. */
export const unregisterContact =
  (scope: FieldScope): Handler =>
  async (ctx) => {
    noQuery(ctx);
    const id = canonicalPathId(param(ctx, 'id'));
    await ctx.gateway.mutate<GqlUnregisterPayload>(UNREGISTER_CONTACT, { id }, 'unregisterContact', scope);
    sendJson(ctx.res, 200, undefined);
  };
