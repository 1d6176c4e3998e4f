import { noQuery, sendJson, type Handler } from '../../kit/context';
import { recordNotFound } from '../../kit/errors';
import { validateBody } from '../../kit/body';
import { epochSeconds } from '../../kit/format';
import { defineResource } from '../../kit/resource';
import { teamBody } from './bodies';
import { pathGuid, write, type Payload } from '../../domains/identity/directory';
import { BOD, BOD_TAG } from '../../domains/identity/openapi';
import { CREATE_TEAM, DELETE_TEAM, GET_TEAM, LIST_TEAMS, UPDATE_TEAM, type GqlTeam } from './operations';
import { teamListResponse, teamResponse } from './schemas';

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

/** Teams: list, read, create, rename, delete. */
export const resource = defineResource({
  family: 'backoffice',
  name: 'teams',
  pathParameters: { id: 'DirectoryId' },
  openapi: {
    tags: [BOD_TAG],
    requestSchemas: [{ name: 'TeamRequest', schema: teamBody }],
    responseSchemas: [
      { name: 'Team', schema: teamResponse },
      { name: 'TeamList', schema: teamListResponse },
    ],
  },
  routes: [
    {
      method: 'GET',
      path: '/backoffice/v2/teams',
      handler: listTeams,
      operations: [LIST_TEAMS],
      doc: {
        operationId: 'listTeamsBO',
        summary: 'List teams',
        description: 'Every team of the business, by name; needs users.read (or users.manage).',
        tag: BOD,
        audience: 'backoffice',
        reads: true,
        success: { status: 200, description: 'The teams.', schema: 'TeamList' },
      },
    },
    {
      method: 'POST',
      path: '/backoffice/v2/teams',
      handler: createTeam,
      operations: [CREATE_TEAM],
      doc: {
        operationId: 'createTeamBO',
        summary: 'Create a team',
        description: 'Needs users.manage. A taken name (case-insensitive): 409.',
        tag: BOD,
        audience: 'backoffice',
        body: 'TeamRequest',
        writes: true,
        success: { status: 201, description: 'Created; the id of the team.', schema: 'IdResult' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/teams/:id',
      handler: getTeam,
      operations: [GET_TEAM],
      doc: {
        operationId: 'getTeamBO',
        summary: 'Get a team',
        tag: BOD,
        audience: 'backoffice',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The team.', schema: 'Team' },
      },
    },
    {
      method: 'PUT',
      path: '/backoffice/v2/teams/:id',
      handler: updateTeam,
      operations: [UPDATE_TEAM],
      doc: {
        operationId: 'renameTeamBO',
        summary: 'Rename a team',
        description: 'Needs users.manage. A taken name: 409.',
        tag: BOD,
        audience: 'backoffice',
        body: 'TeamRequest',
        notFound: 'RecordNotFound',
        writes: true,
        success: { status: 200, description: 'Renamed; the id of the team.', schema: 'IdResult' },
      },
    },
    {
      method: 'DELETE',
      path: '/backoffice/v2/teams/:id',
      handler: deleteTeam,
      operations: [DELETE_TEAM],
      doc: {
        operationId: 'deleteTeamBO',
        summary: 'Delete a team',
        description: 'Needs users.manage. A team that still has members: 409 (move them first).',
        tag: BOD,
        audience: 'backoffice',
        notFound: 'RecordNotFound',
        writes: true,
        success: { status: 204, description: 'Deleted. No body.' },
      },
    },
  ],
});
