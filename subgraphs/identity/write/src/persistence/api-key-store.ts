import type { AggregateDefinition, AggregateStore } from '@crm/event-bus/kit';
import { AGGREGATES } from '@crm/event-bus/contracts/identity';
import { type ApiKeyChange, type ApiKeyState, evolveApiKey } from '../domain/api-key';
import { readsById } from './reads-by-id';
import { versionConflict } from './versions';

export interface KeyRow {
  id: string;
  application_id: string;
  kind: 'public' | 'secret';
  env: 'live' | 'test';
  name: string;
  prefix: string;
  last4: string;
  key_hash: string;
  role_id: string | null;
  version: number;
  created_at: Date | string;
  revoked_at: Date | string | null;
  expires_at: Date | string | null;
  replaced_by: string | null;
}

const toState = (r: KeyRow): ApiKeyState => ({
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
  keyHash: r.key_hash,
  createdAt: new Date(r.created_at),
  revokedAt: r.revoked_at ? new Date(r.revoked_at) : null,
  version: Number(r.version),
});

const COLUMNS = 'id, application_id, kind, env, name, prefix, last4, key_hash, role_id, version, created_at, revoked_at, expires_at, replaced_by';

/** Where API keys live (the command handler's store): only a key's keyed hash, never the key; a command's load locks the row. */
export const apiKeyStore: AggregateStore<ApiKeyState> = {
  ...readsById<KeyRow, ApiKeyState>('api_keys', COLUMNS, toState),

  insert: (tenantId, s) => ({
    sql: `INSERT INTO api_keys (id, tenant_id, application_id, kind, env, name, prefix, last4, key_hash, role_id, version, created_at, expires_at)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING 1`,
    params: [s.id, tenantId, s.applicationId, s.kind, s.env, s.name, s.prefix, s.last4, s.keyHash, s.roleId, s.version, s.createdAt, s.expiresAt],
  }),

  update: (tenantId, s, expectedVersion) => ({
    sql: `UPDATE api_keys SET expires_at = $3, replaced_by = $4, revoked_at = $5, version = $6 WHERE tenant_id = $1 AND id = $2 AND version = $7 RETURNING 1`,
    params: [tenantId, s.id, s.expiresAt, s.replacedById, s.revokedAt, s.version, expectedVersion],
  }),
};

/** The API key aggregate, as the kit's command handler runs it. */
export const apiKeyAggregate: AggregateDefinition<ApiKeyState, ApiKeyChange> = {
  type: AGGREGATES.apiKey,
  evolve: evolveApiKey,
  store: apiKeyStore,
  versionConflict: versionConflict('api key'),
};
