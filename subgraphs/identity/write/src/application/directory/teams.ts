import { checkDisplayName } from '../../domain/names';
import type { Tx } from '../unit-of-work';
import {
  createTeam as decideCreate,
  deleteTeam as decideDelete,
  renameTeam as decideRename,
  TEAM_NAME_MAX,
  USER_TEAMS_MAX,
  type TeamState,
  teamNameTaken,
} from '../../domain/team';
import { teamAggregate } from '../../persistence/team-store';

/** Teams group back-office users (NOTES §6); a user may be in many teams. The rules are the
 * deciders of `domain/team.ts`, run by the kit's command handler with `persistence/team-store.ts`;
 * this file looks up what they need (name holder, members). */
export { TEAM_NAME_MAX, USER_TEAMS_MAX };

export interface TeamView {
  id: string;
  name: string;
  version: number;
}

const viewOf = (t: TeamState): TeamView => ({ id: t.id, name: t.name, version: t.version });

export { teamNameTaken };

/**
 * Who holds a name in the tenant (case-insensitively): the input of the deciders' uniqueness rule.
 * A name the deciders would refuse is not looked up (it may not even be storable text).
 */
async function nameHeldBy(tx: Tx, name: string): Promise<string | null> {
  const valid = checkDisplayName(name, 'name', TEAM_NAME_MAX);
  const rows = (await tx.m.query(`SELECT id FROM teams WHERE tenant_id = $1 AND lower(name) = lower($2)`, [tx.tenantId, valid])) as { id: string }[];
  return rows[0]?.id ?? null;
}

/** The teams of the tenant among `teamIds`, share-locked so they cannot be deleted meanwhile (the input of `checkTeamIds`). */
export async function teamsFound(tx: Tx, teamIds: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(teamIds)];
  if (unique.length === 0) return new Set();
  const rows = (await tx.m.query(`SELECT id FROM teams WHERE tenant_id = $1 AND id = ANY($2::uuid[]) FOR SHARE`, [tx.tenantId, unique])) as {
    id: string;
  }[];
  return new Set(rows.map((r) => r.id));
}

export async function createTeam(tx: Tx, input: { name: string }): Promise<TeamView> {
  const nameHolder = await nameHeldBy(tx, input.name);
  const { state } = await tx.command(teamAggregate, { create: true, id: null }, () =>
    decideCreate(null, { name: input.name, nameHeldBy: nameHolder }),
  );
  return viewOf(state);
}

/** Renames a team; the same name again changes nothing (no event, no new version). */
export async function renameTeam(tx: Tx, id: string, input: { name: string }): Promise<TeamView> {
  const nameHolder = await nameHeldBy(tx, input.name);
  const { state } = await tx.command(teamAggregate, { create: false, ref: id }, (current) =>
    decideRename(current, { id, name: input.name, nameHeldBy: nameHolder }),
  );
  return viewOf(state);
}

/** Deletes a team that no user belongs to (move its members first). */
export async function deleteTeam(tx: Tx, id: string): Promise<void> {
  const [row] = (await tx.m.query(`SELECT count(*)::int AS n FROM users WHERE tenant_id = $1 AND $2::uuid = ANY(team_ids)`, [tx.tenantId, id])) as {
    n: number;
  }[];
  await tx.command(teamAggregate, { create: false, ref: id }, (current) => decideDelete(current, { id, members: Number(row?.n ?? 0) }));
}
