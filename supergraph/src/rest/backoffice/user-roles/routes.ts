import { noQuery, sendJson, type Handler } from '../../kit/context';
import { recordNotFound } from '../../kit/errors';
import { validateBody } from '../../kit/body';
import { defineResource } from '../../kit/resource';
import { createRoleBody, updateRoleBody } from './bodies';
import { optional, pathGuid, write, type Payload } from '../../domains/identity/directory';
import { BOD, BOD_TAG, BOU, BOU_TAG } from '../../domains/identity/openapi';
import { CREATE_ROLE, DELETE_ROLE, LIST_ROLES, UPDATE_ROLE, type GqlRole } from './operations';
import { userRoleListResponse, userRoleResponse } from './schemas';

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

/** GET /backoffice/v2/user_roles → `{content:[{id, name, permissions, is_built_in}]}` (every role of the tenant). */
const listRoles: Handler = async (ctx) => {
  noQuery(ctx);
  const data = await ctx.gateway.run(LIST_ROLES, {}, 'auth');
  const roles = (data['roles'] as GqlRole[] | null | undefined) ?? [];
  sendJson(ctx.res, 200, { content: roles.map(toRole) });
};

/** User roles: list, read, create, update, delete. */
export const resource = defineResource({
  family: 'backoffice',
  name: 'user-roles',
  pathParameters: { id: 'DirectoryId' },
  openapi: {
    tags: [BOU_TAG, BOD_TAG],
    requestSchemas: [
      { name: 'UserRoleCreateRequest', schema: createRoleBody, extend: { description: 'A custom role; you can only grant permissions you hold.' } },
      {
        name: 'UserRoleUpdateRequest',
        schema: updateRoleBody,
        extend: { description: 'Renames a custom role and/or replaces its permissions; built-in roles cannot be changed.' },
      },
    ],
    responseSchemas: [
      { name: 'UserRole', schema: userRoleResponse },
      { name: 'UserRoleList', schema: userRoleListResponse },
    ],
  },
  routes: [
    {
      method: 'GET',
      path: '/backoffice/v2/user_roles',
      handler: listRoles,
      operations: [LIST_ROLES],
      doc: {
        operationId: 'listUserRolesBO',
        summary: 'List user roles',
        description: 'Every role of the tenant, built-in and custom; needs users.read (or roles.manage).',
        tag: BOU,
        audience: 'backoffice',
        reads: true,
        success: { status: 200, description: 'The roles.', schema: 'UserRoleList' },
      },
    },
    {
      method: 'POST',
      path: '/backoffice/v2/user_roles',
      handler: createRole,
      operations: [CREATE_ROLE],
      doc: {
        operationId: 'createUserRoleBO',
        summary: 'Create a custom role',
        description: 'Needs roles.manage; you can only grant permissions you hold. A taken name: 409.',
        tag: BOD,
        audience: 'backoffice',
        body: 'UserRoleCreateRequest',
        writes: true,
        success: { status: 201, description: 'Created; the id of the role.', schema: 'IdResult' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/user_roles/:id',
      handler: getRole,
      operations: [LIST_ROLES],
      doc: {
        operationId: 'getUserRoleBO',
        summary: 'Get a user role',
        description: 'Needs users.read (or roles.manage).',
        tag: BOD,
        audience: 'backoffice',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The role.', schema: 'UserRole' },
      },
    },
    {
      method: 'PUT',
      path: '/backoffice/v2/user_roles/:id',
      handler: updateRole,
      operations: [UPDATE_ROLE],
      doc: {
        operationId: 'updateUserRoleBO',
        summary: 'Change a custom role',
        description: 'Needs roles.manage; you can only add permissions you hold. Built-in roles and taken names: 409.',
        tag: BOD,
        audience: 'backoffice',
        body: 'UserRoleUpdateRequest',
        notFound: 'RecordNotFound',
        writes: true,
        success: { status: 200, description: 'Updated; the id of the role.', schema: 'IdResult' },
      },
    },
    {
      method: 'DELETE',
      path: '/backoffice/v2/user_roles/:id',
      handler: deleteRole,
      operations: [DELETE_ROLE],
      doc: {
        operationId: 'deleteUserRoleBO',
        summary: 'Delete a custom role',
        description: 'Needs roles.manage. A role still held by a user or a live secret key, or a built-in role: 409.',
        tag: BOD,
        audience: 'backoffice',
        notFound: 'RecordNotFound',
        writes: true,
        success: { status: 204, description: 'Deleted. No body.' },
      },
    },
  ],
});
