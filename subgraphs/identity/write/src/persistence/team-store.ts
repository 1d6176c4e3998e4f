import type { AggregateDefinition, AggregateStore } from '@crm/event-bus/kit';
import { AGGREGATES } from '@crm/event-bus/contracts/identity';
import { evolveTeam, type TeamChange, type TeamState } from '../domain/team';
import { versionConflict } from './versions';
import { readsById } from './reads-by-id';

/** A team as stored: its state and when it was created. */
export interface StoredTeam extends TeamState {
  createdAt: Date;
}

interface Row {
  id: string;
  name: string;
  version: number;
  created_at: Date | string;
}

const toState = (r: Row): StoredTeam => ({ id: r.id, name: r.name, version: Number(r.version), deleted: false, createdAt: new Date(r.created_at) });

/**
 * Where team aggregates live (the command handler's store). A command locks the team it loads
 * (users' team checks take a share lock on it); a deleted team's row is deleted.
 */
export const teamStore: AggregateStore<StoredTeam> = {
  ...readsById<Row, StoredTeam>('teams', 'id, name, version, created_at', toState),

  insert: (tenantId, s) => ({
    sql: `INSERT INTO teams (id, tenant_id, name, version, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING 1`,
    params: [s.id, tenantId, s.name, s.version, s.createdAt],
  }),

  update: (tenantId, s, expectedVersion) =>
    s.deleted
      ? { sql: `DELETE FROM teams WHERE tenant_id = $1 AND id = $2 AND version = $3 RETURNING 1`, params: [tenantId, s.id, expectedVersion] }
      : {
          sql: `UPDATE teams SET name = $3, version = $4 WHERE tenant_id = $1 AND id = $2 AND version = $5 RETURNING 1`,
          params: [tenantId, s.id, s.name, s.version, expectedVersion],
        },
};

/** The team aggregate, as the kit's command handler runs it. */
export const teamAggregate: AggregateDefinition<StoredTeam, TeamChange> = {
  type: AGGREGATES.team,
  evolve: (state, change, meta) => ({ ...evolveTeam(state, change, meta), createdAt: state?.createdAt ?? meta.at }),
  store: teamStore,
  versionConflict: versionConflict('team'),
};
