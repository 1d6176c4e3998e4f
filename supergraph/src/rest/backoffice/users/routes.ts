import { noQuery, sendJson, type Handler } from '../../kit/context';
import { invalid, recordNotFound } from '../../kit/errors';
import { validateBody } from '../../kit/body';
import { epochSeconds } from '../../kit/format';
import { parsePaging } from '../../kit/paging';
import { canonicalPathId, isUuid, queryParams } from '../../kit/request';
import { errorResponseOf, query } from '../../kit/openapi';
import { MAX_SEGMENT_LENGTH } from '../../kit/router';
import { defineResource } from '../../kit/resource';
import { createUserBody, updateUserBody } from './bodies';
import { optional, pathGuid, write, type Payload } from '../../domains/identity/directory';
import { BOU, BOU_TAG } from '../../domains/identity/openapi';
import { CREATE_USER, DISABLE_USER, GET_USER, LIST_USERS, UPDATE_USER, type GqlUser } from './operations';
import { userPageResponse, userResponse } from './schemas';

// ---- back-office user reads (the identity read model) ---------------------------------------

/** The identity read model pages users by offset up to this far. */
export const MAX_USER_OFFSET = 100_000;

function toUser(u: GqlUser): Record<string, unknown> {
  return {
    id: u.id,
    email: u.email,
    ...(u.firstName !== null ? { first_name: u.firstName } : {}),
    ...(u.lastName !== null ? { last_name: u.lastName } : {}),
    status: u.status,
    roles: u.roles.map((r) => ({ id: r.id, name: r.name })),
    teams: u.teams.map((t) => ({ id: t.id, name: t.name })),
    created_date: epochSeconds(u.createdAt),
    updated_date: epochSeconds(u.updatedAt),
  };
}

/**
 * GET /backoffice/v2/users?page=&size=&teams=&user_roles= → `{paging:{page,size,has_more}, content}`,
 * oldest first. `teams` and `user_roles` are comma-separated GUIDs (at most 50 each): users in
 * any of those teams, holding any of those roles. has_more comes from asking for one user past
 * the page in the same call.
 */
const listUsers: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, ['page', 'size', 'teams', 'user_roles']);
  const { page, size } = parsePaging(new Map([...params].filter(([k]) => k === 'page' || k === 'size')));
  const offset = (page - 1) * size;
  if (offset + size > MAX_USER_OFFSET) throw invalid('page', `page × size must not exceed ${MAX_USER_OFFSET}`, 'OUT_OF_RANGE');
  const teamIds = guidList(params, 'teams');
  const roleIds = guidList(params, 'user_roles');
  const data = await ctx.gateway.run(LIST_USERS, { first: size, offset, nextOffset: offset + size, teamIds, roleIds }, 'list');
  const users = (data['users'] as GqlUser[] | null | undefined) ?? [];
  const next = (data['next'] as unknown[] | null | undefined) ?? [];
  sendJson(ctx.res, 200, { paging: { page, size, has_more: next.length > 0 }, content: users.map(toUser) });
};

/** A comma-separated GUID filter (`teams=a,b`): canonical ids, at most 50; absent → null (no filter). */
export function guidList(params: Map<string, string>, name: string): string[] | null {
  const raw = params.get(name);
  if (raw === undefined) return null;
  const parts = raw.split(',').map((s) => s.trim());
  if (parts.length > 50) throw invalid(name, 'at most 50 GUIDs', 'TOO_MANY');
  return parts.map((part) => {
    if (!isUuid(part)) throw invalid(name, 'must be comma-separated GUIDs', 'INVALID_ID');
    return canonicalPathId(part);
  });
}

/** GET /backoffice/v2/users/{id} → the user; 404 when the tenant has none with that id (or it is no GUID). */
const getUser: Handler = async (ctx) => {
  noQuery(ctx);
  const id = pathGuid(ctx, 'user');
  const data = await ctx.gateway.run(GET_USER, { id }, 'auth');
  const user = data['user'] as GqlUser | null | undefined;
  if (!user) throw recordNotFound('user', id);
  sendJson(ctx.res, 200, toUser(user));
};

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

/** Back-office users: list, read, create, update, disable. */
export const resource = defineResource({
  family: 'backoffice',
  name: 'users',
  pathParameters: { id: 'BackOfficeUserId' },
  openapi: {
    tags: [BOU_TAG],
    parameters: {
      BackOfficeUserId: {
        name: 'id',
        in: 'path',
        required: true,
        description: 'The user GUID (dashed or 32 hex digits, any case); anything else is a 404.',
        schema: { type: 'string', minLength: 1, maxLength: MAX_SEGMENT_LENGTH },
      },
      UserPageNumber: query(
        'page',
        { type: 'integer', minimum: 1, default: 1 },
        `1-based page number; page × size must not exceed ${MAX_USER_OFFSET}.`,
      ),
      UserTeams: query('teams', { type: 'string', maxLength: 2000 }, 'Comma-separated team GUIDs (at most 50): users in any of these teams.'),
      UserRolesFilter: query(
        'user_roles',
        { type: 'string', maxLength: 2000 },
        'Comma-separated role GUIDs (at most 50): users holding any of these roles.',
      ),
    },
    responses: {
      UserNotFound: errorResponseOf('The tenant has no user with this id (CRM.EXCEPTIONS.NOTFOUNDEXCEPTION).'),
    },
    requestSchemas: [
      {
        name: 'UserCreateRequest',
        schema: createUserBody,
        extend: { description: 'A back-office user with a password, roles and teams. Tenant, status and permissions are never fields.' },
      },
      {
        name: 'UserUpdateRequest',
        schema: updateUserBody,
        extend: { description: 'A partial update: omitted fields stay as they are, null clears a name; user_roles and teams replace the lists.' },
      },
    ],
    responseSchemas: [
      { name: 'User', schema: userResponse },
      { name: 'UserPage', schema: userPageResponse },
    ],
  },
  routes: [
    {
      method: 'GET',
      path: '/backoffice/v2/users',
      handler: listUsers,
      operations: [LIST_USERS],
      doc: {
        operationId: 'listUsersBO',
        summary: 'List back-office users',
        description:
          'Users of the tenant, oldest first; needs users.read (or users.manage). Filters: teams and user_roles (comma-separated GUIDs; any of). Other or repeated query parameters are refused (400).',
        tag: BOU,
        audience: 'backoffice',
        query: ['UserPageNumber', 'Size', 'UserTeams', 'UserRolesFilter'],
        reads: true,
        success: { status: 200, description: 'A page of users.', schema: 'UserPage' },
      },
    },
    {
      method: 'POST',
      path: '/backoffice/v2/users',
      handler: createUser,
      operations: [CREATE_USER],
      doc: {
        operationId: 'createUserBO',
        summary: 'Create a back-office user',
        description:
          'Needs users.manage; you can only grant roles whose permissions you hold, and only an owner grants the owner role. A taken email: 409.',
        tag: BOU,
        audience: 'backoffice',
        body: 'UserCreateRequest',
        writes: true,
        success: { status: 201, description: 'Created; the id of the user.', schema: 'IdResult' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/users/:id',
      handler: getUser,
      operations: [GET_USER],
      doc: {
        operationId: 'getUserBO',
        summary: 'Get a back-office user',
        description: 'Needs users.read (or users.manage).',
        tag: BOU,
        audience: 'backoffice',
        reads: true,
        notFound: 'UserNotFound',
        success: { status: 200, description: 'The user.', schema: 'User' },
      },
    },
    {
      method: 'PUT',
      path: '/backoffice/v2/users/:id',
      handler: updateUser,
      operations: [UPDATE_USER],
      doc: {
        operationId: 'updateUserBO',
        summary: 'Change a back-office user',
        description: 'Needs users.manage. Names, roles and teams; the last active owner keeps the owner role (409).',
        tag: BOU,
        audience: 'backoffice',
        body: 'UserUpdateRequest',
        notFound: 'UserNotFound',
        writes: true,
        success: { status: 200, description: 'Updated; the id of the user.', schema: 'IdResult' },
      },
    },
    {
      method: 'DELETE',
      path: '/backoffice/v2/users/:id',
      handler: disableUser,
      operations: [DISABLE_USER],
      doc: {
        operationId: 'disableUserBO',
        summary: 'Disable a back-office user',
        description:
          'Needs users.manage. The user is disabled (kept, never erased) and every session ends. Nobody disables themselves or the last active owner (409).',
        tag: BOU,
        audience: 'backoffice',
        notFound: 'UserNotFound',
        writes: true,
        success: { status: 204, description: 'Disabled. No body.' },
      },
    },
  ],
});
