import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { asPayload, formatConsistencyToken, type SubgraphContext, Authorized } from '@crm/platform/graphql';
import { AGGREGATES } from '@crm/event-bus/contracts/identity';
import { nameRace } from './name-race';
import type { UnitOfWork } from '../application/unit-of-work';
import { createTeam, deleteTeam, renameTeam, teamNameTaken, type TeamView } from '../application/directory/teams';
import { requireUuid } from '../domain/ids';
import { metaOf } from './auth.resolver';
import { DeleteTeamPayload, TeamInput, TeamPayload } from './directory.types';

const noTeam = (): TeamPayload => ({ team: null, errors: [] });
const shown = (team: TeamView): TeamPayload => ({
  team,
  consistencyToken: formatConsistencyToken({ aggregateType: AGGREGATES.team, aggregateId: team.id, version: team.version }),
  errors: [],
});

@Resolver()
export class TeamsResolver {
  constructor(private readonly uow: UnitOfWork) {}

  @Authorized(['users.manage'])
  @Mutation(() => TeamPayload, { description: 'Creates a team (a named group of back-office users).' })
  createTeam(@Arg('input', () => TeamInput) input: TeamInput, @Ctx() ctx: SubgraphContext): Promise<TeamPayload> {
    return asPayload(
      async () => shown(await nameRace(() => this.uow.run(metaOf(ctx), (tx) => createTeam(tx, { name: input.name })), teamNameTaken)),
      noTeam,
    );
  }

  @Authorized(['users.manage'])
  @Mutation(() => TeamPayload, { description: 'Renames a team.' })
  updateTeam(@Arg('id', () => ID) id: string, @Arg('input', () => TeamInput) input: TeamInput, @Ctx() ctx: SubgraphContext): Promise<TeamPayload> {
    return asPayload(async () => {
      const teamId = requireUuid('id', id);
      return shown(await nameRace(() => this.uow.run(metaOf(ctx), (tx) => renameTeam(tx, teamId, { name: input.name })), teamNameTaken));
    }, noTeam);
  }

  @Authorized(['users.manage'])
  @Mutation(() => DeleteTeamPayload, { description: 'Deletes a team that has no members.' })
  deleteTeam(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<DeleteTeamPayload> {
    return asPayload<DeleteTeamPayload>(
      async () => {
        const teamId = requireUuid('id', id);
        await this.uow.run(metaOf(ctx), (tx) => deleteTeam(tx, teamId));
        return { id: teamId, errors: [] };
      },
      () => ({ id: null, errors: [] }),
    );
  }
}
