import { AppError } from '@crm/platform/errors';
import type { Route } from './router';
import { payloadOf } from './mutation-payloads';
import { noQuery, param, sendJson, type Handler, type RestContext } from './rest-context';
import { validateBody } from './contact-bodies';
import { epochSeconds } from './contact-mapper';
import { canonicalPathId, isUuid } from './request';
import { recordNotFound } from './errors';
import { createApiKeyBody, createRoleBody, createUserBody, rotateApiKeyBody, teamBody, updateRoleBody, updateUserBody } from './directory-bodies';
import {
  CREATE_API_KEY,
  CREATE_ROLE,
  CREATE_TEAM,
  CREATE_USER,
  DELETE_ROLE,
  DELETE_TEAM,
  DISABLE_USER,
  GET_TEAM,
  LIST_API_KEYS,
  LIST_ORGANISATIONS,
  LIST_ROLES,
  LIST_TEAMS,
  REVOKE_API_KEY,
  ROTATE_API_KEY,
  UPDATE_ROLE,
  UPDATE_TEAM,
  UPDATE_USER,
  type GqlApiKey,
  type GqlIssuedKey,
  type GqlOrganisation,
  type GqlRole,
  type GqlTeam,
  type GqlUserError,
  type Operation,
} from './operations';

/**
 * Back-office directory management over GraphQL (NOTES §3.2, §6): users, user roles, teams, API
 * keys and organisations. Writes go to the identity write subgraph, reads to the identity read
 * model; the facade only maps shapes. Creates answer 201 `{id}`, updates 200 `{id}`, deletes
 * 204. Every id in a path is a GUID; anything else is a 404 (it cannot name a record). The
 * caller's permissions (users.manage, roles.manage, keys.manage, users.read) are checked by the
 * subgraphs, so a caller without them gets 403 whatever the id.
 */

type Payload = { errors: GqlUserError[] } & Record<string, unknown>;

/** The GUID of the path, canonical; 404 for anything that is not one (it names nothing). */
export function pathGuid(ctx: RestContext, what: string): string {
  const raw = param(ctx, 'id');
  if (!isUuid(raw)) throw recordNotFound(what, raw);
  return canonicalPathId(raw);
}

/**
 * Runs a directory mutation: a payload UserError becomes a 4xx naming the REST field; the write's
 * consistency token (users, roles, teams) is remembered so the caller's next GET sees it.
 */
async function write<P extends Payload>(ctx: RestContext, op: Operation, variables: Record<string, unknown>, field: string): Promise<P> {
  const payload = await payloadOf<P>(ctx.gateway, op, variables, field);
  const token = payload['consistencyToken'];
  if (typeof token === 'string') await ctx.gateway.remember(token);
  return payload;
}

const optional = (key: string, value: unknown) => (value === undefined ? {} : { [key]: value });

// ---- users ------------------------------------------------------------------------------------

/** POST /backoffice/v2/users → 201 `{id}`. */
const createUser: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(createUserBody, await ctx.readBody());
  const input = {
    email: body.email,
    password: body.password,
    roleIds: body.user_roles,
    ...optional('firstName', body.first_name),
    ...optional('lastName', body.last_name),
    ...optional('teamIds', body.teams),
  };
  const payload = await write<Payload & { user: { id: string } | null }>(ctx, CREATE_USER, { input }, 'createUser');
  sendJson(ctx.res, 201, { id: payload.user?.id });
};

/** PUT /backoffice/v2/users/{id} → 200 `{id}`: omitted fields stay, null clears a name. */
const updateUser: Handler = async (ctx) => {
  noQuery(ctx);
  const id = pathGuid(ctx, 'user');
  const body = validateBody(updateUserBody, await ctx.readBody());
  const input = {
    ...optional('firstName', body.first_name),
    ...optional('lastName', body.last_name),
    ...optional('roleIds', body.user_roles),
    ...optional('teamIds', body.teams),
  };
  await write(ctx, UPDATE_USER, { id, input }, 'updateUser');
  sendJson(ctx.res, 200, { id });
};

/** DELETE /backoffice/v2/users/{id} → 204: the user is disabled and every session ends (users are never erased). */
const disableUser: Handler = async (ctx) => {
  noQuery(ctx);
  const id = pathGuid(ctx, 'user');
  await write(ctx, DISABLE_USER, { id }, 'disableUser');
  sendJson(ctx.res, 204, undefined);
};

// ---- user roles -------------------------------------------------------------------------------

export function toRole(r: GqlRole): Record<string, unknown> {
  return { id: r.id, name: r.name, permissions: r.permissions, is_built_in: r.builtIn };
}

/** GET /backoffice/v2/user_roles/{id}. */
const getRole: Handler = async (ctx) => {
  noQuery(ctx);
  const id = pathGuid(ctx, 'user role');
  const data = await ctx.gateway.run(LIST_ROLES, {}, 'auth');
  const role = ((data['roles'] as GqlRole[] | null | undefined) ?? []).find((r) => r.id === id);
  if (!role) throw recordNotFound('user role', id);
  sendJson(ctx.res, 200, toRole(role));
};

/** POST /backoffice/v2/user_roles → 201 `{id}`. */
const createRole: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(createRoleBody, await ctx.readBody());
  const payload = await write<Payload & { role: { id: string } | null }>(
    ctx,
    CREATE_ROLE,
    { input: { name: body.name, permissions: body.permissions } },
    'createRole',
  );
  sendJson(ctx.res, 201, { id: payload.role?.id });
};

/** PUT /backoffice/v2/user_roles/{id} → 200 `{id}` (built-in roles: 409). */
const updateRole: Handler = async (ctx) => {
  noQuery(ctx);
  const id = pathGuid(ctx, 'user role');
  const body = validateBody(updateRoleBody, await ctx.readBody());
  await write(ctx, UPDATE_ROLE, { id, input: { ...optional('name', body.name), ...optional('permissions', body.permissions) } }, 'updateRole');
  sendJson(ctx.res, 200, { id });
};

/** DELETE /backoffice/v2/user_roles/{id} → 204 (a role still in use, or built in: 409). */
const deleteRole: Handler = async (ctx) => {
  noQuery(ctx);
  const id = pathGuid(ctx, 'user role');
  await write(ctx, DELETE_ROLE, { id }, 'deleteRole');
  sendJson(ctx.res, 204, undefined);
};

// ---- teams ------------------------------------------------------------------------------------

function toTeam(t: GqlTeam): Record<string, unknown> {
  return { id: t.id, name: t.name, created_date: epochSeconds(t.createdAt), updated_date: epochSeconds(t.updatedAt) };
}

/** GET /backoffice/v2/teams → `{content:[…]}` by name. */
const listTeams: Handler = async (ctx) => {
  noQuery(ctx);
  const data = await ctx.gateway.run(LIST_TEAMS, {}, 'auth');
  sendJson(ctx.res, 200, { content: ((data['teams'] as GqlTeam[] | null | undefined) ?? []).map(toTeam) });
};

/** GET /backoffice/v2/teams/{id}. */
const getTeam: Handler = async (ctx) => {
  noQuery(ctx);
  const id = pathGuid(ctx, 'team');
  const data = await ctx.gateway.run(GET_TEAM, { id }, 'auth');
  const team = data['team'] as GqlTeam | null | undefined;
  if (!team) throw recordNotFound('team', id);
  sendJson(ctx.res, 200, toTeam(team));
};

/** POST /backoffice/v2/teams → 201 `{id}`. */
const createTeam: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(teamBody, await ctx.readBody());
  const payload = await write<Payload & { team: { id: string } | null }>(ctx, CREATE_TEAM, { input: { name: body.name } }, 'createTeam');
  sendJson(ctx.res, 201, { id: payload.team?.id });
};

/** PUT /backoffice/v2/teams/{id} → 200 `{id}`. */
const updateTeam: Handler = async (ctx) => {
  noQuery(ctx);
  const id = pathGuid(ctx, 'team');
  const body = validateBody(teamBody, await ctx.readBody());
  await write(ctx, UPDATE_TEAM, { id, input: { name: body.name } }, 'updateTeam');
  sendJson(ctx.res, 200, { id });
};

/** DELETE /backoffice/v2/teams/{id} → 204 (a team with members: 409). */
const deleteTeam: Handler = async (ctx) => {
  noQuery(ctx);
  const id = pathGuid(ctx, 'team');
  await write(ctx, DELETE_TEAM, { id }, 'deleteTeam');
  sendJson(ctx.res, 204, undefined);
};

// ---- API keys ---------------------------------------------------------------------------------

function toApiKey(k: GqlApiKey): Record<string, unknown> {
  return {
    id: k.id,
    application_id: k.applicationId,
    type: k.kind === 'secret' ? 'SECRET' : 'PUBLIC',
    mode: k.env === 'test' ? 'TEST' : 'LIVE',
    name: k.name,
    masked_key: k.masked,
    ...(k.roleId !== null ? { role_id: k.roleId } : {}),
    created_date: epochSeconds(k.createdAt),
    ...(k.expiresAt !== null ? { expiration_date: epochSeconds(k.expiresAt) } : {}),
    is_revoked: k.revoked,
  };
}

function issued(payload: GqlIssuedKey): Record<string, unknown> {
  if (!payload.id || !payload.key || !payload.masked) throw new AppError('INTERNAL', 'the key mutation returned no key');
  return { id: payload.id, key: payload.key, masked_key: payload.masked };
}

/** GET /backoffice/v2/api_keys → every key of the business, masked. */
const listApiKeys: Handler = async (ctx) => {
  noQuery(ctx);
  const data = await ctx.gateway.run(LIST_API_KEYS, {}, 'auth');
  sendJson(ctx.res, 200, { content: ((data['apiKeys'] as GqlApiKey[] | null | undefined) ?? []).map(toApiKey) });
};

/** POST /backoffice/v2/api_keys → 201 `{id, key, masked_key}`: a secret key, shown this once. */
const createApiKey: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(createApiKeyBody, await ctx.readBody());
  const input = {
    applicationId: body.application_id,
    name: body.name,
    roleId: body.role_id,
    env: (body.mode ?? 'LIVE').toLowerCase(),
    ...(body.expiration_date != null ? { expiresAt: new Date(body.expiration_date * 1000).toISOString() } : {}),
  };
  sendJson(ctx.res, 201, issued(await write<GqlIssuedKey & Payload>(ctx, CREATE_API_KEY, { input }, 'createApiKey')));
};

/** POST /backoffice/v2/api_keys/{id}/rotate → 201 the replacement; the old key works until old_key_expiration_date. */
const rotateApiKey: Handler = async (ctx) => {
  noQuery(ctx);
  const id = pathGuid(ctx, 'api key');
  const body = validateBody(rotateApiKeyBody, await ctx.readBody());
  const oldKeyExpiresAt = new Date(body.old_key_expiration_date * 1000).toISOString();
  sendJson(ctx.res, 201, issued(await write<GqlIssuedKey & Payload>(ctx, ROTATE_API_KEY, { id, oldKeyExpiresAt }, 'rotateApiKey')));
};

/** DELETE /backoffice/v2/api_keys/{id} → 204: revoked at once. */
const revokeApiKey: Handler = async (ctx) => {
  noQuery(ctx);
  const id = pathGuid(ctx, 'api key');
  await write(ctx, REVOKE_API_KEY, { id }, 'revokeApiKey');
  sendJson(ctx.res, 204, undefined);
};

// ---- organisations ------------------------------------------------------------------------------

function toOrganisation(o: GqlOrganisation): Record<string, unknown> {
  return { id: o.id, ...(o.parentId !== null ? { parent_id: o.parentId } : {}), type: o.type, name: o.name, created_date: epochSeconds(o.createdAt) };
}

async function organisations(ctx: RestContext): Promise<GqlOrganisation[]> {
  const data = await ctx.gateway.run(LIST_ORGANISATIONS, {}, 'auth');
  return (data['organisations'] as GqlOrganisation[] | null | undefined) ?? [];
}

/** GET /backoffice/v2/organisations → the business, its merchants and venues. */
const listOrganisations: Handler = async (ctx) => {
  noQuery(ctx);
  sendJson(ctx.res, 200, { content: (await organisations(ctx)).map(toOrganisation) });
};

/** GET /backoffice/v2/organisations/{id}. */
const getOrganisation: Handler = async (ctx) => {
  noQuery(ctx);
  const id = pathGuid(ctx, 'organisation');
  const found = (await organisations(ctx)).find((o) => o.id === id);
  if (!found) throw recordNotFound('organisation', id);
  sendJson(ctx.res, 200, toOrganisation(found));
};

export function directoryRoutes(): Route<Handler>[] {
  return [
    { pattern: '/backoffice/v2/user_roles/:id', handlers: { GET: getRole, PUT: updateRole, DELETE: deleteRole } },
    { pattern: '/backoffice/v2/teams', handlers: { GET: listTeams, POST: createTeam } },
    { pattern: '/backoffice/v2/teams/:id', handlers: { GET: getTeam, PUT: updateTeam, DELETE: deleteTeam } },
    { pattern: '/backoffice/v2/api_keys', handlers: { GET: listApiKeys, POST: createApiKey } },
    { pattern: '/backoffice/v2/api_keys/:id', handlers: { DELETE: revokeApiKey } },
    { pattern: '/backoffice/v2/api_keys/:id/rotate', handlers: { POST: rotateApiKey } },
    { pattern: '/backoffice/v2/organisations', handlers: { GET: listOrganisations } },
    { pattern: '/backoffice/v2/organisations/:id', handlers: { GET: getOrganisation } },
  ];
}

/** Routes users.routes.ts merges into its own patterns (same paths, more methods). */
export const directoryUserHandlers = { createUser, updateUser, disableUser, createRole };
