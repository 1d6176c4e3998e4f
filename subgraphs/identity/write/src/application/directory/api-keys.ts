import { newId } from '@crm/platform/ids';
import { generateApiKey, maskApiKey } from '@crm/platform/security';
import { AGGREGATES } from '@crm/event-bus/contracts/identity';
import {
  type ApiKeyChange,
  type ApiKeyState,
  createApiKey as decideCreate,
  evolveApiKey,
  type NewApiKey,
  revokeApiKey as decideRevoke,
  rotateApiKey as decideRotate,
} from '../../domain/api-key';
import { applyChanges } from '../apply-changes';
import type { Tx } from '../unit-of-work';
import type { IdentitySecrets } from '../identity-secrets';

/** API keys: the rules are the deciders of `domain/api-key.ts`; this file looks up, generates, loads and persists around them. */
export type { NewApiKey };

export interface IssuedApiKey {
  id: string;
  /** The key itself: shown once, never stored. */
  key: string;
  prefix: string;
  last4: string;
}

const apiKeyAggregate = { type: AGGREGATES.apiKey, evolve: evolveApiKey };

/** Creates an API key in the caller's transaction (`id`: the one a rotation announced); only its keyed hash is stored. */
export async function insertApiKey(tx: Tx, secrets: IdentitySecrets, input: NewApiKey, id: string = newId()): Promise<IssuedApiKey> {
  const app = (await tx.m.query(`SELECT id FROM applications WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, input.applicationId])) as unknown[];
  // share-locked: the role cannot be deleted while a key is being bound to it
  const role = input.roleId
    ? ((await tx.m.query(`SELECT id FROM roles WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL FOR SHARE`, [
        tx.tenantId,
        input.roleId,
      ])) as unknown[])
    : [];
  const generated = generateApiKey(input.kind, input.env);
  const changes = decideCreate(null, { ...input, applicationExists: app.length > 0, roleExists: role.length > 0, now: tx.now, generated });
  const key = applyChanges(tx, apiKeyAggregate, null, id, changes)!;
  await tx.m.query(
    `INSERT INTO api_keys (id, tenant_id, application_id, kind, env, name, prefix, last4, key_hash, role_id, version, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      id,
      tx.tenantId,
      key.applicationId,
      key.kind,
      key.env,
      key.name,
      key.prefix,
      key.last4,
      secrets.apiKeyHash(generated.key),
      key.roleId,
      key.version,
      tx.now,
      key.expiresAt,
    ],
  );
  return { id, key: generated.key, prefix: generated.prefix, last4: generated.last4 };
}

interface KeyRow {
  id: string;
  application_id: string;
  kind: 'public' | 'secret';
  env: 'live' | 'test';
  name: string;
  prefix: string;
  last4: string;
  role_id: string | null;
  version: number;
  revoked_at: Date | null;
  expires_at: Date | null;
  replaced_by: string | null;
}

/** The key of this tenant, locked for the command (null when missing). */
async function loadKey(tx: Tx, id: string): Promise<ApiKeyState | null> {
  const [r] = (await tx.m.query(
    `SELECT id, application_id, kind, env, name, prefix, last4, role_id, version, revoked_at, expires_at, replaced_by FROM api_keys WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
    [tx.tenantId, id],
  )) as KeyRow[];
  if (!r) return null;
  return {
    id: r.id,
    applicationId: r.application_id,
    kind: r.kind,
    env: r.env,
    name: r.name,
    roleId: r.role_id,
    prefix: r.prefix,
    last4: r.last4,
    expiresAt: r.expires_at ? new Date(r.expires_at) : null,
    replacedById: r.replaced_by,
    revoked: r.revoked_at !== null,
    version: Number(r.version),
  };
}

/** Saves what a rotation or revocation changed (the expiry, the replacement, the revocation time). */
async function save(tx: Tx, current: ApiKeyState, changes: ApiKeyChange[]): Promise<void> {
  const next = applyChanges(tx, apiKeyAggregate, current, current.id, changes)!;
  await tx.m.query(
    `UPDATE api_keys SET expires_at = $3, replaced_by = $4, version = $5, revoked_at = CASE WHEN $6::boolean THEN coalesce(revoked_at, $7) END WHERE tenant_id = $1 AND id = $2`,
    [tx.tenantId, next.id, next.expiresAt, next.replacedById, next.version, next.revoked, tx.now],
  );
}

/** Rolls a key: a new key replaces it and the old one keeps working until `oldKeyExpiresAt`. */
export async function rotateApiKey(tx: Tx, secrets: IdentitySecrets, id: string, oldKeyExpiresAt: Date): Promise<IssuedApiKey> {
  const old = await loadKey(tx, id);
  const replacedById = newId();
  const changes = decideRotate(old, { id, oldKeyExpiresAt, now: tx.now, replacedById });
  const issued = await insertApiKey(
    tx,
    secrets,
    { applicationId: old!.applicationId, kind: old!.kind, env: old!.env, name: old!.name, roleId: old!.roleId, expiresAt: null },
    replacedById,
  );
  await save(tx, old!, changes);
  return issued;
}

/** Revokes a key at once. */
export async function revokeApiKey(tx: Tx, id: string, reason: string | null): Promise<void> {
  const current = await loadKey(tx, id);
  const changes = decideRevoke(current, { id, reason });
  await save(tx, current!, changes);
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
