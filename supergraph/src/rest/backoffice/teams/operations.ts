import { op, USER_ERROR_FIELDS } from '../../kit/operation';

export const LIST_TEAMS = op('query', 'RestListTeams', `query RestListTeams { teams { id name createdAt updatedAt } }`);

export const GET_TEAM = op('query', 'RestGetTeam', `query RestGetTeam($id: ID!) { team(id: $id) { id name createdAt updatedAt } }`);

export const CREATE_TEAM = op(
  'mutation',
  'RestCreateTeam',
  `mutation RestCreateTeam($input: TeamInput!) { createTeam(input: $input) { team { id } consistencyToken ${USER_ERROR_FIELDS} } }`,
);

export const UPDATE_TEAM = op(
  'mutation',
  'RestUpdateTeam',
  `mutation RestUpdateTeam($id: ID!, $input: TeamInput!) { updateTeam(id: $id, input: $input) { team { id } consistencyToken ${USER_ERROR_FIELDS} } }`,
);

export const DELETE_TEAM = op('mutation', 'RestDeleteTeam', `mutation RestDeleteTeam($id: ID!) { deleteTeam(id: $id) { id ${USER_ERROR_FIELDS} } }`);

export interface GqlTeam {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
}
