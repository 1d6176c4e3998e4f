import { AppError } from '@crm/platform/errors';
import { newId } from '@crm/platform/ids';
import { AGGREGATES } from '@crm/event-bus/contracts/identity';
import { checkDisplayName } from '../../domain/names';
import type { Tx } from '../unit-of-work';

/** Teams group back-office users (NOTES §6); a user may be in many teams. */
export const TEAM_NAME_MAX = 100;
export const USER_TEAMS_MAX = 50;

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

const viewOf = (r: TeamRow): TeamView => ({ id: r.id, name: r.name, version: Number(r.version) });

export const teamNameTaken = () => new AppError('CONFLICT', 'a team with this name already exists', { reason: 'TEAM_NAME_TAKEN', field: 'name' });

async function assertNameFree(tx: Tx, name: string, exceptId: string | null): Promise<void> {
  const rows = (await tx.m.query(`SELECT id FROM teams WHERE tenant_id = $1 AND lower(name) = lower($2)`, [tx.tenantId, name])) as { id: string }[];
  if (rows.some((r) => r.id !== exceptId)) throw teamNameTaken();
}

async function loadTeam(tx: Tx, id: string): Promise<TeamRow> {
  const [row] = (await tx.m.query(`SELECT id, name, version FROM teams WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [tx.tenantId, id])) as TeamRow[];
  if (!row) throw AppError.notFound('team', id);
  return row;
}

/** Each id must be a team of the tenant (the error names `teamIds.N`); duplicates collapse. */
export async function assertTeamsExist(tx: Tx, teamIds: readonly string[], field = 'teamIds'): Promise<string[]> {
  if (teamIds.length > USER_TEAMS_MAX) throw AppError.validation(field, `at most ${USER_TEAMS_MAX} teams`, 'TOO_MANY');
  const unique = [...new Set(teamIds)];
  if (unique.length === 0) return [];
  const rows = (await tx.m.query(`SELECT id FROM teams WHERE tenant_id = $1 AND id = ANY($2::uuid[]) FOR SHARE`, [tx.tenantId, unique])) as {
    id: string;
  }[];
  const found = new Set(rows.map((r) => r.id));
  for (const [i, id] of teamIds.entries()) {
    if (!found.has(id)) throw AppError.validation(`${field}.${i}`, 'is not a team of this business', 'UNKNOWN_TEAM');
  }
  return unique;
}

export async function createTeam(tx: Tx, input: { name: string }): Promise<TeamView> {
  const name = checkDisplayName(input.name, 'name', TEAM_NAME_MAX);
  await assertNameFree(tx, name, null);
  const id = newId();
  await tx.m.query(`INSERT INTO teams (id, tenant_id, name, version, created_at) VALUES ($1, $2, $3, 1, $4)`, [id, tx.tenantId, name, tx.now]);
  tx.emit({ type: 'team.created', aggregateType: AGGREGATES.team, aggregateId: id, aggregateVersion: 1, data: { name } });
  return { id, name, version: 1 };
}

/** Renames a team; the same name again changes nothing (no event, no new version). */
export async function renameTeam(tx: Tx, id: string, input: { name: string }): Promise<TeamView> {
  const name = checkDisplayName(input.name, 'name', TEAM_NAME_MAX);
  const row = await loadTeam(tx, id);
  if (name === row.name) return viewOf(row);
  await assertNameFree(tx, name, id);
  const version = Number(row.version) + 1;
  await tx.m.query(`UPDATE teams SET name = $3, version = $4 WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, id, name, version]);
  tx.emit({ type: 'team.renamed', aggregateType: AGGREGATES.team, aggregateId: id, aggregateVersion: version, data: { name } });
  return { id, name, version };
}

/** Deletes a team that no user belongs to (move its members first). */
export async function deleteTeam(tx: Tx, id: string): Promise<void> {
  const row = await loadTeam(tx, id);
  const [members] = (await tx.m.query(`SELECT count(*)::int AS n FROM users WHERE tenant_id = $1 AND $2::uuid = ANY(team_ids)`, [
    tx.tenantId,
    id,
  ])) as { n: number }[];
  const n = Number(members?.n ?? 0);
  if (n > 0) throw new AppError('CONFLICT', `the team still has ${n} member(s)`, { reason: 'TEAM_IN_USE' });
  await tx.m.query(`DELETE FROM teams WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, id]);
  tx.emit({ type: 'team.deleted', aggregateType: AGGREGATES.team, aggregateId: id, aggregateVersion: Number(row.version) + 1, data: {} });
}
