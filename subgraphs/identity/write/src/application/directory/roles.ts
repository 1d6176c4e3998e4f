import { checkRoleName, checkRolePermissions } from '../../domain/roles';
import { createRole as decideCreate, deleteRole as decideDelete, type RoleState, updateRole as decideUpdate } from '../../domain/role';
import { liveRoleNamed, roleAggregate } from '../../persistence/role-store';
import type { Tx } from '../unit-of-work';
import type { Grantor } from './grants';

export interface RoleView {
  id: string;
  name: string;
  builtIn: boolean;
  permissions: string[];
  version: number;
}

/** Who holds a (valid) name among the tenant's live roles: the input of the deciders' uniqueness rule. */
async function nameHeldBy(tx: Tx, name: string): Promise<string | null> {
  return (await liveRoleNamed(tx.m, tx.tenantId, checkRoleName(name)))?.id ?? null;
}

const shown = ({ id, name, builtIn, permissions, version }: RoleState): RoleView => ({ id, name, builtIn, permissions, version });

/** A live role of the tenant by name, case-insensitively (admin CLI). */
export async function findRoleByName(tx: Tx, name: string): Promise<RoleView | null> {
  const role = await liveRoleNamed(tx.m, tx.tenantId, name.trim());
  return role ? shown(role) : null;
}

/** A custom role: a tenant-unique name and catalogued permissions the grantor holds (rules: `domain/role.ts`). */
export async function createRole(tx: Tx, input: { name: string; permissions: string[] }, grantor: Grantor): Promise<RoleView> {
  const decide = (nameHolder: string | null) => decideCreate(null, { ...input, grantorPermissions: grantor.permissions, nameHeldBy: nameHolder });
  decide(null); // every rule but the name's uniqueness, before looking the name up
  const nameHolder = await nameHeldBy(tx, input.name);
  const { state } = await tx.command(roleAggregate, { create: true, id: null }, () => decide(nameHolder));
  return shown(state);
}

/** Renames a custom role and/or replaces its permissions; the event carries only what changed. */
export async function updateRole(
  tx: Tx,
  id: string,
  patch: { name?: string | undefined; permissions?: string[] | undefined },
  grantor: Grantor,
): Promise<RoleView> {
  if (patch.name !== undefined) checkRoleName(patch.name);
  if (patch.permissions !== undefined) checkRolePermissions(patch.permissions);
  const nameHolder = patch.name !== undefined ? await nameHeldBy(tx, patch.name) : null;
  const { state } = await tx.command(roleAggregate, { create: false, ref: id }, (current) =>
    decideUpdate(current, { id, ...patch, grantorPermissions: grantor.permissions, nameHeldBy: nameHolder }),
  );
  return shown(state);
}

/** Deletes a custom role nobody uses: no user (active or disabled) and no live secret key. */
export async function deleteRole(tx: Tx, id: string): Promise<void> {
  const users = (await tx.m.query(`SELECT count(*)::int AS n FROM users WHERE tenant_id = $1 AND $2::uuid = ANY(role_ids)`, [tx.tenantId, id])) as {
    n: number;
  }[];
  const keys = (await tx.m.query(
    `SELECT count(*)::int AS n FROM api_keys WHERE tenant_id = $1 AND role_id = $2 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $3)`,
    [tx.tenantId, id, tx.now],
  )) as { n: number }[];
  const usage = { users: Number(users[0]?.n ?? 0), liveKeys: Number(keys[0]?.n ?? 0) };
  await tx.command(roleAggregate, { create: false, ref: id }, (current) => decideDelete(current, { id, ...usage }));
}
