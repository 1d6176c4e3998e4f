import { AppError } from '@crm/platform/errors';
import { newId } from '@crm/platform/ids';
import { AGGREGATES } from '@crm/event-bus/contracts/identity';
import { assertGrantable, checkRoleName, checkRolePermissions, sameSet } from '../../domain/roles';
import type { Tx } from '../unit-of-work';
import type { Grantor } from './grants';

export interface RoleView {
  id: string;
  name: string;
  builtIn: boolean;
  permissions: string[];
  version: number;
}

interface RoleRow {
  id: string;
  name: string;
  built_in: boolean;
  permissions: string[];
  version: number;
}

const viewOf = (r: RoleRow): RoleView => ({
  id: r.id,
  name: r.name,
  builtIn: r.built_in,
  permissions: [...r.permissions],
  version: Number(r.version),
});

const nameTaken = () => new AppError('CONFLICT', 'a role with this name already exists', { reason: 'ROLE_NAME_TAKEN', field: 'name' });

async function assertNameFree(tx: Tx, name: string, exceptId: string | null): Promise<void> {
  const rows = (await tx.m.query(`SELECT id FROM roles WHERE tenant_id = $1 AND lower(name) = lower($2) AND deleted_at IS NULL`, [
    tx.tenantId,
    name,
  ])) as { id: string }[];
  if (rows.some((r) => r.id !== exceptId)) throw nameTaken();
}

async function loadRole(tx: Tx, id: string): Promise<RoleRow> {
  const [row] = (await tx.m.query(
    `SELECT id, name, built_in, permissions, version FROM roles WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL FOR UPDATE`,
    [tx.tenantId, id],
  )) as RoleRow[];
  if (!row) throw AppError.notFound('role', id);
  return row;
}

const assertCustom = (row: RoleRow) => {
  if (row.built_in) throw new AppError('CONFLICT', `the built-in role ${row.name} cannot be changed or deleted`, { reason: 'BUILT_IN_ROLE' });
};

/** A live role of the tenant by name, case-insensitively (admin CLI). */
export async function findRoleByName(tx: Tx, name: string): Promise<RoleView | null> {
  const [row] = (await tx.m.query(
    `SELECT id, name, built_in, permissions, version FROM roles WHERE tenant_id = $1 AND lower(name) = lower($2) AND deleted_at IS NULL`,
    [tx.tenantId, name.trim()],
  )) as RoleRow[];
  return row ? viewOf(row) : null;
}

/** A custom role: a tenant-unique name and catalogued permissions the grantor holds. */
export async function createRole(tx: Tx, input: { name: string; permissions: string[] }, grantor: Grantor): Promise<RoleView> {
  const name = checkRoleName(input.name);
  const permissions = checkRolePermissions(input.permissions);
  assertGrantable(grantor.permissions, permissions);
  await assertNameFree(tx, name, null);
  const id = newId();
  await tx.m.query(
    `INSERT INTO roles (id, tenant_id, name, built_in, permissions, version, created_at) VALUES ($1, $2, $3, false, $4::text[], 1, $5)`,
    [id, tx.tenantId, name, permissions, tx.now],
  );
  tx.emit({
    type: 'role.created',
    aggregateType: AGGREGATES.role,
    aggregateId: id,
    aggregateVersion: 1,
    data: { name, permissions, builtIn: false },
  });
  return { id, name, builtIn: false, permissions, version: 1 };
}

/** Renames a custom role and/or replaces its permissions; the event carries only what changed. */
export async function updateRole(
  tx: Tx,
  id: string,
  patch: { name?: string | undefined; permissions?: string[] | undefined },
  grantor: Grantor,
): Promise<RoleView> {
  const name = patch.name === undefined ? undefined : checkRoleName(patch.name);
  const permissions = patch.permissions === undefined ? undefined : checkRolePermissions(patch.permissions);
  const row = await loadRole(tx, id);
  assertCustom(row);
  const changes: { name?: string; permissions?: string[] } = {};
  if (name !== undefined && name !== row.name) {
    await assertNameFree(tx, name, id);
    changes.name = name;
  }
  if (permissions !== undefined && !sameSet(permissions, row.permissions)) {
    assertGrantable(
      grantor.permissions,
      permissions.filter((p) => !row.permissions.includes(p)),
    );
    changes.permissions = permissions;
  }
  if (Object.keys(changes).length === 0) return viewOf(row);
  const version = Number(row.version) + 1;
  const next: RoleRow = { ...row, name: changes.name ?? row.name, permissions: changes.permissions ?? row.permissions, version };
  await tx.m.query(`UPDATE roles SET name = $3, permissions = $4::text[], version = $5 WHERE tenant_id = $1 AND id = $2`, [
    tx.tenantId,
    id,
    next.name,
    next.permissions,
    version,
  ]);
  tx.emit({ type: 'role.updated', aggregateType: AGGREGATES.role, aggregateId: id, aggregateVersion: version, data: changes });
  return viewOf(next);
}

/** Deletes a custom role nobody uses: no user (active or disabled) and no live secret key. */
export async function deleteRole(tx: Tx, id: string): Promise<void> {
  const row = await loadRole(tx, id);
  assertCustom(row);
  const users = (await tx.m.query(`SELECT count(*)::int AS n FROM users WHERE tenant_id = $1 AND $2::uuid = ANY(role_ids)`, [tx.tenantId, id])) as {
    n: number;
  }[];
  const keys = (await tx.m.query(
    `SELECT count(*)::int AS n FROM api_keys WHERE tenant_id = $1 AND role_id = $2 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $3)`,
    [tx.tenantId, id, tx.now],
  )) as { n: number }[];
  const nUsers = Number(users[0]?.n ?? 0);
  const nKeys = Number(keys[0]?.n ?? 0);
  if (nUsers > 0 || nKeys > 0) {
    throw new AppError('CONFLICT', `the role is in use by ${nUsers} user(s) and ${nKeys} secret key(s)`, { reason: 'ROLE_IN_USE' });
  }
  const version = Number(row.version) + 1;
  await tx.m.query(`UPDATE roles SET deleted_at = $3, version = $4 WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, id, tx.now, version]);
  tx.emit({ type: 'role.deleted', aggregateType: AGGREGATES.role, aggregateId: id, aggregateVersion: version, data: {} });
}
