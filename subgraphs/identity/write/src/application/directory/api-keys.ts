import { AppError } from '@crm/platform/errors';
import { newId } from '@crm/platform/ids';
import { generateApiKey, maskApiKey } from '@crm/platform/security';
import { AGGREGATES } from '@crm/event-bus/contracts/identity';
import type { Tx } from '../unit-of-work';
import type { IdentitySecrets } from '../identity-secrets';

export interface NewApiKey {
  applicationId: string;
  kind: 'public' | 'secret';
  env: 'live' | 'test';
  name: string;
  /** Secret keys act with the permissions of this role; public keys have none. */
  roleId: string | null;
  expiresAt: Date | null;
}

export interface IssuedApiKey {
  id: string;
  /** The key itself: shown once, never stored. */
  key: string;
  prefix: string;
  last4: string;
}

/** Creates an API key in the caller's transaction; only its keyed hash is stored. */
export async function insertApiKey(tx: Tx, secrets: IdentitySecrets, input: NewApiKey): Promise<IssuedApiKey> {
  if (input.kind === 'secret' && !input.roleId) throw AppError.validation('roleId', 'a secret key needs a role', 'REQUIRED');
  if (input.kind === 'public' && input.roleId) throw AppError.validation('roleId', 'a public key cannot have a role', 'INVALID_VALUE');
  const app = (await tx.m.query(`SELECT id FROM applications WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, input.applicationId])) as unknown[];
  if (app.length === 0) throw AppError.notFound('application', input.applicationId);
  if (input.roleId) {
    // share-locked: the role cannot be deleted while a key is being bound to it
    const role = (await tx.m.query(`SELECT id FROM roles WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL FOR SHARE`, [
      tx.tenantId,
      input.roleId,
    ])) as unknown[];
    if (role.length === 0) throw AppError.notFound('role', input.roleId);
  }
  if (input.expiresAt && input.expiresAt <= tx.now) throw AppError.validation('expiresAt', 'must be in the future', 'INVALID_DATE');
  const generated = generateApiKey(input.kind, input.env);
  const id = newId();
  await tx.m.query(
    `INSERT INTO api_keys (id, tenant_id, application_id, kind, env, name, prefix, last4, key_hash, role_id, version, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11, $12)`,
    [
      id,
      tx.tenantId,
      input.applicationId,
      input.kind,
      input.env,
      input.name,
      generated.prefix,
      generated.last4,
      secrets.apiKeyHash(generated.key),
      input.roleId,
      tx.now,
      input.expiresAt,
    ],
  );
  tx.emit({
    type: 'api_key.created',
    aggregateType: AGGREGATES.apiKey,
    aggregateId: id,
    aggregateVersion: 1,
    data: {
      applicationId: input.applicationId,
      kind: input.kind,
      env: input.env,
      name: input.name,
      prefix: generated.prefix,
      last4: generated.last4,
      roleId: input.roleId,
      expiresAt: input.expiresAt ? input.expiresAt.toISOString() : null,
    },
  });
  return { id, key: generated.key, prefix: generated.prefix, last4: generated.last4 };
}

interface KeyRow {
  id: string;
  application_id: string;
  kind: 'public' | 'secret';
  env: 'live' | 'test';
  name: string;
  role_id: string | null;
  version: number;
  revoked_at: Date | null;
  expires_at: Date | null;
}

async function loadKey(tx: Tx, id: string): Promise<KeyRow> {
  const [row] = (await tx.m.query(`SELECT * FROM api_keys WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [tx.tenantId, id])) as KeyRow[];
  if (!row || row.revoked_at) throw AppError.notFound('api key', id);
  return row;
}

/** Rolls a key: a new key replaces it and the old one keeps working until `oldKeyExpiresAt`. */
export async function rotateApiKey(tx: Tx, secrets: IdentitySecrets, id: string, oldKeyExpiresAt: Date): Promise<IssuedApiKey> {
  const old = await loadKey(tx, id);
  if (oldKeyExpiresAt < tx.now) throw AppError.validation('oldKeyExpiresAt', 'must not be in the past', 'INVALID_DATE');
  if (oldKeyExpiresAt.getTime() - tx.now.getTime() > 30 * 86_400_000)
    throw AppError.validation('oldKeyExpiresAt', 'at most 30 days ahead', 'INVALID_DATE');
  const issued = await insertApiKey(tx, secrets, {
    applicationId: old.application_id,
    kind: old.kind,
    env: old.env,
    name: old.name,
    roleId: old.role_id,
    expiresAt: null,
  });
  const version = Number(old.version) + 1;
  await tx.m.query(`UPDATE api_keys SET expires_at = $3, replaced_by = $4, version = $5 WHERE tenant_id = $1 AND id = $2`, [
    tx.tenantId,
    id,
    oldKeyExpiresAt,
    issued.id,
    version,
  ]);
  tx.emit({
    type: 'api_key.rotated',
    aggregateType: AGGREGATES.apiKey,
    aggregateId: id,
    aggregateVersion: version,
    data: { replacedById: issued.id, oldKeyExpiresAt: oldKeyExpiresAt.toISOString() },
  });
  return issued;
}

/** Revokes a key at once. */
export async function revokeApiKey(tx: Tx, id: string, reason: string | null): Promise<void> {
  const old = await loadKey(tx, id);
  const version = Number(old.version) + 1;
  await tx.m.query(`UPDATE api_keys SET revoked_at = $3, version = $4 WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, id, tx.now, version]);
  tx.emit({ type: 'api_key.revoked', aggregateType: AGGREGATES.apiKey, aggregateId: id, aggregateVersion: version, data: { reason } });
}

/** A key as listings show it: masked, never the key or its hash. */
export interface ApiKeyListing {
  id: string;
  applicationId: string;
  kind: 'public' | 'secret';
  env: 'live' | 'test';
  name: string;
  masked: string;
  roleName: string | null;
  status: 'ACTIVE' | 'EXPIRED' | 'REVOKED';
  createdAt: Date;
  expiresAt: Date | null;
}

/** Every key of the tenant, newest first, masked. */
export async function listApiKeys(tx: Tx): Promise<ApiKeyListing[]> {
  const rows = (await tx.m.query(
    `SELECT k.id, k.application_id, k.kind, k.env, k.name, k.prefix, k.last4, k.created_at, k.expires_at, k.revoked_at, r.name AS role_name
       FROM api_keys k LEFT JOIN roles r ON r.id = k.role_id AND r.tenant_id = k.tenant_id
      WHERE k.tenant_id = $1 ORDER BY k.created_at DESC, k.id DESC`,
    [tx.tenantId],
  )) as {
    id: string;
    application_id: string;
    kind: 'public' | 'secret';
    env: 'live' | 'test';
    name: string;
    prefix: string;
    last4: string;
    created_at: Date;
    expires_at: Date | null;
    revoked_at: Date | null;
    role_name: string | null;
  }[];
  return rows.map((r) => ({
    id: r.id,
    applicationId: r.application_id,
    kind: r.kind,
    env: r.env,
    name: r.name,
    masked: maskApiKey(r.prefix, r.last4),
    roleName: r.role_name,
    status: r.revoked_at ? 'REVOKED' : r.expires_at && new Date(r.expires_at) <= tx.now ? 'EXPIRED' : 'ACTIVE',
    createdAt: new Date(r.created_at),
    expiresAt: r.expires_at ? new Date(r.expires_at) : null,
  }));
}
