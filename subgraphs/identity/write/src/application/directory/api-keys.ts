import { newId } from '@crm/platform/ids';
import { generateApiKey, maskApiKey } from '@crm/platform/security';
import {
  type ApiKeyState,
  createApiKey as decideCreate,
  type NewApiKey,
  revokeApiKey as decideRevoke,
  rotateApiKey as decideRotate,
} from '../../domain/api-key';
import { apiKeyAggregate, apiKeyStore, type KeyRow } from '../../persistence/api-key-store';
import type { Tx } from '../unit-of-work';
import type { IdentitySecrets } from '../identity-secrets';
/** API keys: the rules are the deciders of `domain/api-key.ts`, run by the kit's command handler in the caller's transaction; this file looks up and generates around them. */
export type { NewApiKey };

export interface IssuedApiKey {
  id: string;
  /** The key itself: shown once, never stored. */
  key: string;
  prefix: string;
  last4: string;
}

/** Creates an API key in the caller's transaction (`id`: the one a rotation announced); only its keyed hash is stored. */
export async function insertApiKey(tx: Tx, secrets: IdentitySecrets, input: NewApiKey, id: string | null = null): Promise<IssuedApiKey> {
  const app = (await tx.m.query(`SELECT id FROM applications WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, input.applicationId])) as unknown[];
  // share-locked: the role cannot be deleted while a key is being bound to it
  const role = input.roleId
    ? ((await tx.m.query(`SELECT id FROM roles WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL FOR SHARE`, [
        tx.tenantId,
        input.roleId,
      ])) as unknown[])
    : [];
  const { key, ...generated } = generateApiKey(input.kind, input.env);
  const facts = {
    ...input,
    applicationExists: app.length > 0,
    roleExists: role.length > 0,
    generated: { ...generated, keyHash: secrets.apiKeyHash(key) },
  };
  const { state } = await tx.command(apiKeyAggregate, { create: true, id }, (current, now) => decideCreate(current, { ...facts, now }));
  return { id: state.id, key, prefix: generated.prefix, last4: generated.last4 };
}

/** Rolls a key: a new key replaces it and the old one keeps working until `oldKeyExpiresAt`. */
export async function rotateApiKey(tx: Tx, secrets: IdentitySecrets, id: string, oldKeyExpiresAt: Date): Promise<IssuedApiKey> {
  const replacedById = newId();
  const rotate = (current: ApiKeyState | null) => decideRotate(current, { id, oldKeyExpiresAt, now: tx.now, replacedById });
  const old = await apiKeyStore.load(tx.m, tx.tenantId, id);
  rotate(old); // the old key's rules first: its replacement is issued only for a rotation that will pass
  const { applicationId, kind, env, name, roleId } = old!;
  const issued = await insertApiKey(tx, secrets, { applicationId, kind, env, name, roleId, expiresAt: null }, replacedById);
  await tx.command(apiKeyAggregate, { create: false, ref: id }, rotate);
  return issued;
}

/** Revokes a key at once. */
export async function revokeApiKey(tx: Tx, id: string, reason: string | null): Promise<void> {
  await tx.command(apiKeyAggregate, { create: false, ref: id }, (current) => decideRevoke(current, { id, reason }));
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
  )) as (Omit<KeyRow, 'key_hash' | 'role_id' | 'version' | 'replaced_by'> & { role_name: string | null })[];

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
