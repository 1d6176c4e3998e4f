import { newId } from '@crm/platform/ids';
import { AGGREGATES } from '@crm/event-bus/contracts/identity';
import { checkRoleName, checkRolePermissions } from '../../domain/roles';
import {
  createRole as decideCreate,
  deleteRole as decideDelete,
  evolveRole,
  type RoleChange,
  type RoleState,
  updateRole as decideUpdate,
} from '../../domain/role';
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

/** The live role, locked for the command (null when missing or deleted). */
async function loadRole(tx: Tx, id: string): Promise<RoleState | null> {
  const [row] = (await tx.m.query(
    `SELECT id, name, built_in, permissions, version FROM roles WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL FOR UPDATE`,
    [tx.tenantId, id],
  )) as RoleRow[];
  return row ? { ...viewOf(row), deleted: false } : null;
}

/** Who holds a (valid) name among the tenant's live roles: the input of the deciders' uniqueness rule. */
async function nameHeldBy(tx: Tx, name: string): Promise<string | null> {
  const valid = checkRoleName(name);
  const rows = (await tx.m.query(`SELECT id FROM roles WHERE tenant_id = $1 AND lower(name) = lower($2) AND deleted_at IS NULL`, [
    tx.tenantId,
    valid,
  ])) as {
    id: string;
  }[];
  return rows[0]?.id ?? null;
}

/** Folds the decided changes into the state (versions from `evolve`, not by hand) and records their events. */
function apply(tx: Tx, current: RoleState | null, id: string, changes: RoleChange[]): RoleState | null {
  let state = current;
  for (const change of changes) {
    state = { ...evolveRole(state, change, { version: (state?.version ?? 0) + 1, at: tx.now }), id };
    tx.emit({ ...change, aggregateType: AGGREGATES.role, aggregateId: id, aggregateVersion: state.version } as Parameters<Tx['emit']>[0]);
  }
  return state;
}

const shown = ({ deleted: _deleted, ...view }: RoleState): RoleView => view;

/** A live role of the tenant by name, case-insensitively (admin CLI). */
export async function findRoleByName(tx: Tx, name: string): Promise<RoleView | null> {
  const [row] = (await tx.m.query(
    `SELECT id, name, built_in, permissions, version FROM roles WHERE tenant_id = $1 AND lower(name) = lower($2) AND deleted_at IS NULL`,
    [tx.tenantId, name.trim()],
  )) as RoleRow[];
  return row ? viewOf(row) : null;
}

/** A custom role: a tenant-unique name and catalogued permissions the grantor holds (rules: `domain/role.ts`). */
export async function createRole(tx: Tx, input: { name: string; permissions: string[] }, grantor: Grantor): Promise<RoleView> {
  const id = newId();
  const decide = (nameHolder: string | null) => decideCreate(null, { ...input, grantorPermissions: grantor.permissions, nameHeldBy: nameHolder });
  decide(null); // every rule but the name's uniqueness, before looking the name up
  const role = apply(tx, null, id, decide(await nameHeldBy(tx, input.name)))!;
  await tx.m.query(
    `INSERT INTO roles (id, tenant_id, name, built_in, permissions, version, created_at) VALUES ($1, $2, $3, false, $4::text[], $5, $6)`,
    [id, tx.tenantId, role.name, role.permissions, role.version, tx.now],
  );
  return shown(role);
}

/** Renames a custom role and/or replaces its permissions; the event carries only what changed. */
export async function updateRole(
  tx: Tx,
  id: string,
  patch: { name?: string | undefined; permissions?: string[] | undefined },
  grantor: Grantor,
): Promise<RoleView> {
  const decide = (current: RoleState | null, nameHolder: string | null) =>
    decideUpdate(current, { id, ...patch, grantorPermissions: grantor.permissions, nameHeldBy: nameHolder });
  if (patch.name !== undefined) checkRoleName(patch.name);
  if (patch.permissions !== undefined) checkRolePermissions(patch.permissions);
  const current = await loadRole(tx, id);
  const nameHolder = current && patch.name !== undefined && !current.builtIn ? await nameHeldBy(tx, patch.name) : null;
  const changes = decide(current, nameHolder);
  const role = apply(tx, current, id, changes)!;
  if (changes.length > 0) {
    await tx.m.query(`UPDATE roles SET name = $3, permissions = $4::text[], version = $5 WHERE tenant_id = $1 AND id = $2`, [
      tx.tenantId,
      id,
      role.name,
      role.permissions,
      role.version,
    ]);
  }
  return shown(role);
}

/** Deletes a custom role nobody uses: no user (active or disabled) and no live secret key. */
export async function deleteRole(tx: Tx, id: string): Promise<void> {
  const current = await loadRole(tx, id);
  let usage = { users: 0, liveKeys: 0 };
  if (current && !current.builtIn) {
    const users = (await tx.m.query(`SELECT count(*)::int AS n FROM users WHERE tenant_id = $1 AND $2::uuid = ANY(role_ids)`, [tx.tenantId, id])) as {
      n: number;
    }[];
    const keys = (await tx.m.query(
      `SELECT count(*)::int AS n FROM api_keys WHERE tenant_id = $1 AND role_id = $2 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $3)`,
      [tx.tenantId, id, tx.now],
    )) as { n: number }[];
    usage = { users: Number(users[0]?.n ?? 0), liveKeys: Number(keys[0]?.n ?? 0) };
  }
  const role = apply(tx, current, id, decideDelete(current, { id, ...usage }))!;
  await tx.m.query(`UPDATE roles SET deleted_at = $3, version = $4 WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, id, tx.now, role.version]);
}
