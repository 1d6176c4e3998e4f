import { op, USER_ERROR_FIELDS } from '../../kit/operation';

const USER_FIELDS = `id email firstName lastName status createdAt updatedAt roles { id name } teams { id name }`;

/** A page of back-office users; `next` (one user past the page) tells whether there is more. */
export const LIST_USERS = op(
  'query',
  'RestListUsers',
  `query RestListUsers($first: Int!, $offset: Int!, $nextOffset: Int!, $teamIds: [ID!], $roleIds: [ID!]) {
  users(first: $first, offset: $offset, teamIds: $teamIds, roleIds: $roleIds) { ${USER_FIELDS} }
  next: users(first: 1, offset: $nextOffset, teamIds: $teamIds, roleIds: $roleIds) { id }
}`,
);

export const GET_USER = op('query', 'RestGetUser', `query RestGetUser($id: ID!) { user(id: $id) { ${USER_FIELDS} } }`);

export const CREATE_USER = op(
  'mutation',
  'RestCreateUser',
  `mutation RestCreateUser($input: CreateUserInput!) { createUser(input: $input) { user { id } consistencyToken ${USER_ERROR_FIELDS} } }`,
);

export const UPDATE_USER = op(
  'mutation',
  'RestUpdateUser',
  `mutation RestUpdateUser($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { user { id } consistencyToken ${USER_ERROR_FIELDS} } }`,
);

export const DISABLE_USER = op(
  'mutation',
  'RestDisableUser',
  `mutation RestDisableUser($id: ID!) { disableUser(id: $id) { user { id } consistencyToken ${USER_ERROR_FIELDS} } }`,
);

export interface GqlRoleRef {
  id: string;
  name: string;
}

export interface GqlUser {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  status: string;
  createdAt: string;
  updatedAt: string;
  roles: GqlRoleRef[];
  teams: GqlRoleRef[];
}
