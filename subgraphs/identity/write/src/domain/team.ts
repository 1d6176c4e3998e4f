import { AppError } from '@crm/platform/errors';
import type { IdentityEvent } from '@crm/event-bus/contracts/identity';
import { checkDisplayName } from './names';

/** Teams group back-office users (NOTES §6); a user may be in many teams. */
export const TEAM_NAME_MAX = 100;
export const USER_TEAMS_MAX = 50;

/** Write-side state of one team aggregate. */
export interface TeamState {
  id: string;
  name: string;
  version: number;
  deleted: boolean;
}

type TeamEvent = Extract<IdentityEvent, { type: 'team.created' | 'team.renamed' | 'team.deleted' }>;
/** What a team decider returns: event types with their data, before the envelope is added. */
export type TeamChange = Pick<TeamEvent, 'type' | 'data'>;

/** Applies one event to the state (pure). */
export function evolveTeam(state: TeamState | null, change: TeamChange, meta: { version: number; at: Date }): TeamState {
  switch (change.type) {
    case 'team.created':
      return { id: state?.id ?? '', name: (change.data as { name: string }).name, version: meta.version, deleted: false };
    case 'team.renamed':
      if (!state) throw new Error('cannot rename a missing team');
      return { ...state, name: (change.data as { name: string }).name, version: meta.version };
    case 'team.deleted':
      if (!state) throw new Error('cannot delete a missing team');
      return { ...state, version: meta.version, deleted: true };
  }
}

/** Another team of the tenant already has this name (case-insensitively); looked up by the caller. */
export interface NameLookup {
  /** The id of the team holding the name, or null when it is free. */
  nameHeldBy: string | null;
}

export const teamNameTaken = () => new AppError('CONFLICT', 'a team with this name already exists', { reason: 'TEAM_NAME_TAKEN', field: 'name' });

const requireTeam = (state: TeamState | null, id: string): TeamState => {
  if (!state || state.deleted) throw AppError.notFound('team', id);
  return state;
};

export function createTeam(state: TeamState | null, cmd: { name: string } & NameLookup): TeamChange[] {
  const name = checkDisplayName(cmd.name, 'name', TEAM_NAME_MAX);
  if (state) throw new Error('a team is created once');
  if (cmd.nameHeldBy !== null) throw teamNameTaken();
  return [{ type: 'team.created', data: { name } }];
}

/** The same name again changes nothing (no event, no new version). */
export function renameTeam(state: TeamState | null, cmd: { id: string; name: string } & NameLookup): TeamChange[] {
  const name = checkDisplayName(cmd.name, 'name', TEAM_NAME_MAX);
  const team = requireTeam(state, cmd.id);
  if (name === team.name) return [];
  if (cmd.nameHeldBy !== null && cmd.nameHeldBy !== team.id) throw teamNameTaken();
  return [{ type: 'team.renamed', data: { name } }];
}

/** A team that users still belong to cannot be deleted (move its members first). */
export function deleteTeam(state: TeamState | null, cmd: { id: string; members: number }): TeamChange[] {
  requireTeam(state, cmd.id);
  if (cmd.members > 0) throw new AppError('CONFLICT', `the team still has ${cmd.members} member(s)`, { reason: 'TEAM_IN_USE' });
  return [{ type: 'team.deleted', data: {} }];
}

/**
 * A user's team ids: each must be a team of the tenant (`found`, looked up by the caller; the error
 * names `teamIds.N`). Duplicates collapse.
 */
export function checkTeamIds(teamIds: readonly string[], found: ReadonlySet<string>, field = 'teamIds'): string[] {
  if (teamIds.length > USER_TEAMS_MAX) throw AppError.validation(field, `at most ${USER_TEAMS_MAX} teams`, 'TOO_MANY');
  for (const [i, id] of teamIds.entries()) {
    if (!found.has(id)) throw AppError.validation(`${field}.${i}`, 'is not a team of this business', 'UNKNOWN_TEAM');
  }
  return [...new Set(teamIds)];
}
