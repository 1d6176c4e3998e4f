import { newId } from '@crm/platform/ids';
import { AGGREGATES } from '@crm/event-bus/contracts/identity';
import { checkDisplayName } from '../../domain/names';
import type { Tx } from '../unit-of-work';
import {
  createTeam as decideCreate,
  deleteTeam as decideDelete,
  evolveTeam,
  renameTeam as decideRename,
  TEAM_NAME_MAX,
  USER_TEAMS_MAX,
  type TeamChange,
  type TeamState,
  teamNameTaken,
} from '../../domain/team';

/** Teams group back-office users (NOTES §6); a user may be in many teams. The rules are the
 * deciders of `domain/team.ts`; this file loads, looks up and persists around them. */
export { TEAM_NAME_MAX, USER_TEAMS_MAX };

export interface TeamView {
  id: string;
  name: string;
  version: number;
}

interface TeamRow {
  id: string;
  name: string;
  version: number;
}

const viewOf = (t: TeamState): TeamView => ({ id: t.id, name: t.name, version: t.version });

export { teamNameTaken };

/** The team's row, locked for the command (users' team checks take a share lock on it). */
async function loadTeam(tx: Tx, id: string): Promise<TeamState | null> {
  const [row] = (await tx.m.query(`SELECT id, name, version FROM teams WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [tx.tenantId, id])) as TeamRow[];
  return row ? { id: row.id, name: row.name, version: Number(row.version), deleted: false } : null;
}

/**
 * Who holds a name in the tenant (case-insensitively): the input of the deciders' uniqueness rule.
 * A name the deciders would refuse is not looked up (it may not even be storable text).
 */
async function nameHeldBy(tx: Tx, name: string): Promise<string | null> {
  const valid = checkDisplayName(name, 'name', TEAM_NAME_MAX);
  const rows = (await tx.m.query(`SELECT id FROM teams WHERE tenant_id = $1 AND lower(name) = lower($2)`, [tx.tenantId, valid])) as { id: string }[];
  return rows[0]?.id ?? null;
}

/** Folds the decided changes into the state (versions from `evolve`, not by hand) and records their events. */
function apply(tx: Tx, current: TeamState | null, id: string, changes: TeamChange[]): TeamState | null {
  let state = current;
  for (const change of changes) {
    state = { ...evolveTeam(state, change, { version: (state?.version ?? 0) + 1, at: tx.now }), id };
    tx.emit({ ...change, aggregateType: AGGREGATES.team, aggregateId: id, aggregateVersion: state.version } as Parameters<Tx['emit']>[0]);
  }
  return state;
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
  const id = newId();
  const team = apply(tx, null, id, decideCreate(null, { name: input.name, nameHeldBy: await nameHeldBy(tx, input.name) }))!;
  await tx.m.query(`INSERT INTO teams (id, tenant_id, name, version, created_at) VALUES ($1, $2, $3, $4, $5)`, [
    id,
    tx.tenantId,
    team.name,
    team.version,
    tx.now,
  ]);
  return viewOf(team);
}

/** Renames a team; the same name again changes nothing (no event, no new version). */
export async function renameTeam(tx: Tx, id: string, input: { name: string }): Promise<TeamView> {
  const current = await loadTeam(tx, id);
  const changes = decideRename(current, { id, name: input.name, nameHeldBy: current ? await nameHeldBy(tx, input.name) : null });
  const team = apply(tx, current, id, changes)!;
  if (changes.length > 0)
    await tx.m.query(`UPDATE teams SET name = $3, version = $4 WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, id, team.name, team.version]);
  return viewOf(team);
}

/** Deletes a team that no user belongs to (move its members first). */
export async function deleteTeam(tx: Tx, id: string): Promise<void> {
  const current = await loadTeam(tx, id);
  let members = 0;
  if (current) {
    const [row] = (await tx.m.query(`SELECT count(*)::int AS n FROM users WHERE tenant_id = $1 AND $2::uuid = ANY(team_ids)`, [tx.tenantId, id])) as {
      n: number;
    }[];
    members = Number(row?.n ?? 0);
  }
  apply(tx, current, id, decideDelete(current, { id, members }));
  await tx.m.query(`DELETE FROM teams WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, id]);
}
