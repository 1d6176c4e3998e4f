import { op, USER_ERROR_FIELDS } from '../../kit/operation';

export const LIST_ROLES = op('query', 'RestListRoles', `query RestListRoles { roles { id name permissions builtIn } }`);

export const CREATE_ROLE = op(
  'mutation',
  'RestCreateRole',
  `mutation RestCreateRole($input: CreateRoleInput!) { createRole(input: $input) { role { id } consistencyToken ${USER_ERROR_FIELDS} } }`,
);

export const UPDATE_ROLE = op(
  'mutation',
  'RestUpdateRole',
  `mutation RestUpdateRole($id: ID!, $input: UpdateRoleInput!) { updateRole(id: $id, input: $input) { role { id } consistencyToken ${USER_ERROR_FIELDS} } }`,
);

export const DELETE_ROLE = op('mutation', 'RestDeleteRole', `mutation RestDeleteRole($id: ID!) { deleteRole(id: $id) { id ${USER_ERROR_FIELDS} } }`);

export interface GqlRole {
  id: string;
  name: string;
  permissions: string[];
  builtIn: boolean;
}
