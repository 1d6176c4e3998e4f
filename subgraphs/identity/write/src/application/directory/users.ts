import { AppError } from '@crm/platform/errors';
import { newId } from '@crm/platform/ids';
import { checkPasswordPolicy, hashPassword } from '@crm/platform/security';
import { AGGREGATES } from '@crm/event-bus/contracts/identity';
import type { Tx } from '../unit-of-work';

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,253}\.[^\s@]{2,63}$/;

export interface NewUser {
  email: string;
  password: string;
  firstName: string | null;
  lastName: string | null;
  roleIds: string[];
}

export function normaliseEmail(field: string, email: string): string {
  const v = email.trim().toLowerCase();
  if (v.length > 254 || !EMAIL.test(v)) throw AppError.validation(field, 'is not a valid email address', 'INVALID_EMAIL');
  return v;
}

async function assertRoles(tx: Tx, roleIds: string[]): Promise<void> {
  if (roleIds.length > 50) throw AppError.validation('roleIds', 'at most 50 roles', 'TOO_MANY');
  for (const [i, id] of roleIds.entries()) {
    const found = (await tx.m.query(`SELECT id FROM roles WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL`, [tx.tenantId, id])) as unknown[];
    if (found.length === 0) throw AppError.validation(`roleIds.${i}`, 'is not a role of this tenant', 'UNKNOWN_ROLE');
  }
}

/** Creates a back-office user with an argon2id password hash. */
export async function insertUser(tx: Tx, input: NewUser): Promise<string> {
  const email = normaliseEmail('email', input.email);
  checkPasswordPolicy(input.password, 'password');
  for (const [field, value] of [['firstName', input.firstName], ['lastName', input.lastName]] as const) {
    if (value !== null && value.length > 100) throw AppError.validation(field, 'must be at most 100 characters', 'TOO_LONG');
  }
  const roleIds = [...new Set(input.roleIds)];
  await assertRoles(tx, roleIds);
  const taken = (await tx.m.query(`SELECT 1 FROM users WHERE tenant_id = $1 AND lower(email) = $2`, [tx.tenantId, email])) as unknown[];
  if (taken.length > 0) throw new AppError('CONFLICT', 'a user with this email already exists', { reason: 'USER_EXISTS', field: 'email' });
  const id = newId();
  await tx.m.query(
    `INSERT INTO users (id, tenant_id, email, password_hash, first_name, last_name, status, role_ids, team_ids, password_changed_at, version, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'ACTIVE', $7::uuid[], '{}', $8, 1, $8, $8)`,
    [id, tx.tenantId, email, await hashPassword(input.password), input.firstName, input.lastName, roleIds, tx.now],
  );
  tx.emit({ type: 'user.created', aggregateType: AGGREGATES.user, aggregateId: id, aggregateVersion: 1, data: { email, firstName: input.firstName, lastName: input.lastName, roleIds, teamIds: [] } });
  return id;
}
