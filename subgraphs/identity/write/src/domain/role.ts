import { AppError } from '@crm/platform/errors';
import type { IdentityEvent } from '@crm/event-bus/contracts/identity';
import { assertGrantable, checkRoleName, checkRolePermissions, sameSet } from './roles';

/** Write-side state of one role aggregate. */
export interface RoleState {
  id: string;
  name: string;
  builtIn: boolean;
  permissions: string[];
  version: number;
  deleted: boolean;
}

type RoleEvent = Extract<IdentityEvent, { type: 'role.created' | 'role.updated' | 'role.deleted' }>;
/** What a role decider returns: event types with their data, before the envelope is added. */
export type RoleChange = Pick<RoleEvent, 'type' | 'data'>;
type Data<T extends RoleChange['type']> = Extract<RoleEvent, { type: T }>['data'];

/** Applies one event to the state (pure). */
export function evolveRole(state: RoleState | null, change: RoleChange, meta: { version: number; at: Date }): RoleState {
  switch (change.type) {
    case 'role.created': {
      const d = change.data as Data<'role.created'>;
      return { id: state?.id ?? '', name: d.name, builtIn: d.builtIn, permissions: [...d.permissions], version: meta.version, deleted: false };
    }
    case 'role.updated': {
      if (!state) throw new Error('cannot update a missing role');
      const d = change.data as Data<'role.updated'>;
      return { ...state, name: d.name ?? state.name, permissions: d.permissions ? [...d.permissions] : state.permissions, version: meta.version };
    }
    case 'role.deleted':
      if (!state) throw new Error('cannot delete a missing role');
      return { ...state, version: meta.version, deleted: true };
  }
}

export const roleNameTaken = () => new AppError('CONFLICT', 'a role with this name already exists', { reason: 'ROLE_NAME_TAKEN', field: 'name' });

const requireCustomRole = (state: RoleState | null, id: string): RoleState => {
  if (!state || state.deleted) throw AppError.notFound('role', id);
  if (state.builtIn) throw new AppError('CONFLICT', `the built-in role ${state.name} cannot be changed or deleted`, { reason: 'BUILT_IN_ROLE' });
  return state;
};

/** Looked up by the caller: the live role of the tenant holding the name (case-insensitively), if any. */
export interface RoleNameLookup {
  nameHeldBy: string | null;
}

/** A custom role: a tenant-unique name and catalogued permissions the grantor holds. */
export function createRole(
  state: RoleState | null,
  cmd: { name: string; permissions: readonly string[]; grantorPermissions: readonly string[] } & RoleNameLookup,
): RoleChange[] {
  const name = checkRoleName(cmd.name);
  const permissions = checkRolePermissions(cmd.permissions);
  assertGrantable(cmd.grantorPermissions, permissions);
  if (state) throw new Error('a role is created once');
  if (cmd.nameHeldBy !== null) throw roleNameTaken();
  return [{ type: 'role.created', data: { name, permissions, builtIn: false } }];
}

/** A built-in role (owner, admin, ...), created with its tenant from the catalogue. */
export function createBuiltInRole(state: RoleState | null, cmd: { name: string; permissions: readonly string[] }): RoleChange[] {
  if (state) throw new Error('a role is created once');
  return [{ type: 'role.created', data: { name: cmd.name, permissions: [...cmd.permissions], builtIn: true } }];
}

/**
 * Renames a custom role and/or replaces its permissions; the event carries only what changed
 * (nothing changed: no event). Only the permissions it adds must be held by the grantor.
 */
export function updateRole(
  state: RoleState | null,
  cmd: { id: string; name?: string | undefined; permissions?: readonly string[] | undefined; grantorPermissions: readonly string[] } & RoleNameLookup,
): RoleChange[] {
  const name = cmd.name === undefined ? undefined : checkRoleName(cmd.name);
  const permissions = cmd.permissions === undefined ? undefined : checkRolePermissions(cmd.permissions);
  const role = requireCustomRole(state, cmd.id);
  const changes: { name?: string; permissions?: string[] } = {};
  if (name !== undefined && name !== role.name) {
    if (cmd.nameHeldBy !== null && cmd.nameHeldBy !== role.id) throw roleNameTaken();
    changes.name = name;
  }
  if (permissions !== undefined && !sameSet(permissions, role.permissions)) {
    assertGrantable(
      cmd.grantorPermissions,
      permissions.filter((p) => !role.permissions.includes(p)),
    );
    changes.permissions = permissions;
  }
  return Object.keys(changes).length === 0 ? [] : [{ type: 'role.updated', data: changes }];
}

/** Deletes a custom role nobody uses: no user (active or disabled) and no live secret key. */
export function deleteRole(state: RoleState | null, cmd: { id: string; users: number; liveKeys: number }): RoleChange[] {
  requireCustomRole(state, cmd.id);
  if (cmd.users > 0 || cmd.liveKeys > 0) {
    throw new AppError('CONFLICT', `the role is in use by ${cmd.users} user(s) and ${cmd.liveKeys} secret key(s)`, { reason: 'ROLE_IN_USE' });
  }
  return [{ type: 'role.deleted', data: {} }];
}
