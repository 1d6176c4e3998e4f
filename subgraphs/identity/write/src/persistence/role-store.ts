import type { AggregateDefinition, AggregateStore, Queryable } from '@crm/event-bus/kit';
import { AGGREGATES } from '@crm/event-bus/contracts/identity';
import { evolveRole, type RoleChange, type RoleState } from '../domain/role';
import { versionConflict } from './versions';

/** A role as stored: its state and when it was created. */
export interface StoredRole extends RoleState {
  createdAt: Date;
}

interface Row {
  id: string;
  name: string;
  built_in: boolean;
  permissions: string[];
  version: number;
  deleted_at: Date | null;
  created_at: Date | string;
}

const toState = (r: Row): StoredRole => ({
  id: r.id,
  name: r.name,
  builtIn: r.built_in,
  permissions: [...r.permissions],
  version: Number(r.version),
  deleted: r.deleted_at !== null,
  createdAt: new Date(r.created_at),
});

const COLUMNS = 'id, name, built_in, permissions, version, deleted_at, created_at';

/** Where role aggregates live (the command handler's store); a command locks the live role it loads. */
export const roleStore: AggregateStore<StoredRole> = {
  async load(q, tenantId, id) {
    const [row] = (await q.query(`SELECT ${COLUMNS} FROM roles WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL FOR UPDATE`, [
      tenantId,
      id,
    ])) as Row[];
    return row ? toState(row) : null;
  },

  async findById(q, tenantId, id) {
    const [row] = (await q.query(`SELECT ${COLUMNS} FROM roles WHERE tenant_id = $1 AND id = $2`, [tenantId, id])) as Row[];
    return row ? toState(row) : null;
  },

  insert: (tenantId, s) => ({
    sql: `INSERT INTO roles (id, tenant_id, name, built_in, permissions, version, created_at) VALUES ($1, $2, $3, $4, $5::text[], $6, $7) RETURNING 1`,
    params: [s.id, tenantId, s.name, s.builtIn, s.permissions, s.version, s.createdAt],
  }),

  update: (tenantId, s, expectedVersion) => ({
    sql: `UPDATE roles SET name = $3, permissions = $4::text[], version = $5, deleted_at = CASE WHEN $6 THEN coalesce(deleted_at, now()) END WHERE tenant_id = $1 AND id = $2 AND version = $7 RETURNING 1`,
    params: [tenantId, s.id, s.name, s.permissions, s.version, s.deleted, expectedVersion],
  }),
};

/** A live role of the tenant by name, case-insensitively. */
export async function liveRoleNamed(q: Queryable, tenantId: string, name: string): Promise<StoredRole | null> {
  const [row] = (await q.query(`SELECT ${COLUMNS} FROM roles WHERE tenant_id = $1 AND lower(name) = lower($2) AND deleted_at IS NULL`, [
    tenantId,
    name,
  ])) as Row[];
  return row ? toState(row) : null;
}

/** The role aggregate, as the kit's command handler runs it. */
export const roleAggregate: AggregateDefinition<StoredRole, RoleChange> = {
  type: AGGREGATES.role,
  evolve: (state, change, meta) => ({ ...evolveRole(state, change, meta), createdAt: state?.createdAt ?? meta.at }),
  store: roleStore,
  versionConflict: versionConflict('role'),
};
