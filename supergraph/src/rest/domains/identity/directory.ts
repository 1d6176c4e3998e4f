import type { NotFoundSubject } from '@crm/platform/errors';
import { param, type RestContext } from '../../kit/context';
import { recordNotFound } from '../../kit/errors';
import { payloadOf } from '../../kit/mutations';
import type { GqlUserError, Operation } from '../../kit/operation';
import { canonicalPathId, isUuid } from '../../kit/request';

/**
 * Back-office directory management over GraphQL (NOTES §3.2, §6): users, user roles, teams, API
 * keys and organisations. Writes go to the identity write subgraph, reads to the identity read
 * model; the facade only maps shapes. Creates answer 201 `{id}`, updates 200 `{id}`, deletes
 * 204. Every id in a path is a GUID; anything else is a 404 (it cannot name a record). The
 * caller's permissions (users.manage, roles.manage, keys.manage, users.read) are checked by the
 * subgraphs, so a caller without them gets 403 whatever the id.
 */

export type Payload = { errors: GqlUserError[] } & Record<string, unknown>;

/** The GUID of the path, canonical; 404 for anything that is not one (it names nothing). */
export function pathGuid(ctx: RestContext, what: NotFoundSubject): string {
  const raw = param(ctx, 'id');
  if (!isUuid(raw)) throw recordNotFound(what, raw);
  return canonicalPathId(raw);
}

/**
 * Runs a directory mutation: a payload UserError becomes a 4xx naming the REST field; the write's
 * consistency token (users, roles, teams) is remembered so the caller's next GET sees it.
 */
export async function write<P extends Payload>(ctx: RestContext, op: Operation, variables: Record<string, unknown>, field: string): Promise<P> {
  const payload = await payloadOf<P>(ctx.gateway, op, variables, field);
  const token = payload['consistencyToken'];
  if (typeof token === 'string') await ctx.gateway.remember(token);
  return payload;
}

export const optional = (key: string, value: unknown) => (value === undefined ? {} : { [key]: value });
