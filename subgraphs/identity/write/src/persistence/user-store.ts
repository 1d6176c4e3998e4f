import type { AggregateDefinition, AggregateStore } from '@crm/event-bus/kit';
import { AGGREGATES } from '@crm/event-bus/contracts/identity';
import { evolveUser, type UserChange, type UserState, type UserStatus } from '../domain/user';
import { readsById } from './reads-by-id';
import { versionConflict } from './versions';

interface UserRow {
  id: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  status: UserStatus;
  role_ids: string[];
  team_ids: string[];
  version: number;
  password_hash: string;
  password_changed_at: Date | string;
  created_at: Date | string;
  updated_at: Date | string;
}

const toState = (r: UserRow): UserState => ({
  id: r.id,
  email: r.email,
  firstName: r.first_name,
  lastName: r.last_name,
  status: r.status,
  roleIds: [...r.role_ids],
  teamIds: [...r.team_ids],
  version: Number(r.version),
  passwordHash: r.password_hash,
  passwordChangedAt: new Date(r.password_changed_at),
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

const COLUMNS = 'id, email, first_name, last_name, status, role_ids, team_ids, version, password_hash, password_changed_at, created_at, updated_at';

/** Where back-office users live (the command handler's store); a command's load locks the row. */
export const userStore: AggregateStore<UserState> = {
  ...readsById<UserRow, UserState>('users', COLUMNS, toState),

  insert: (tenantId, s) => ({
    sql: `INSERT INTO users (id, tenant_id, email, password_hash, first_name, last_name, status, role_ids, team_ids, password_changed_at, version, created_at, updated_at)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8::uuid[], $9::uuid[], $10, $11, $12, $13) RETURNING 1`,
    params: [
      s.id,
      tenantId,
      s.email,
      s.passwordHash,
      s.firstName,
      s.lastName,
      s.status,
      s.roleIds,
      s.teamIds,
      s.passwordChangedAt,
      s.version,
      s.createdAt,
      s.updatedAt,
    ],
  }),

  update: (tenantId, s, expectedVersion) => ({
    sql: `UPDATE users SET first_name = $3, last_name = $4, status = $5, role_ids = $6::uuid[], team_ids = $7::uuid[], password_hash = $8, password_changed_at = $9, version = $10, updated_at = $11
          WHERE tenant_id = $1 AND id = $2 AND version = $12 RETURNING 1`,
    params: [
      tenantId,
      s.id,
      s.firstName,
      s.lastName,
      s.status,
      s.roleIds,
      s.teamIds,
      s.passwordHash,
      s.passwordChangedAt,
      s.version,
      s.updatedAt,
      expectedVersion,
    ],
  }),
};

/** The user aggregate, as the kit's command handler runs it. */
export const userAggregate: AggregateDefinition<UserState, UserChange> = {
  type: AGGREGATES.user,
  evolve: evolveUser,
  store: userStore,
  versionConflict: versionConflict('user'),
};
