import type { IdentityEvent } from '@crm/event-bus/contracts/identity';
import { AppError } from '@crm/platform/errors';

/** API keys of a tenant's applications: the rules of the key aggregate (the key itself is generated and hashed by the caller). */
export interface ApiKeyState {
  id: string;
  applicationId: string;
  kind: 'public' | 'secret';
  env: 'live' | 'test';
  name: string;
  roleId: string | null;
  prefix: string;
  last4: string;
  expiresAt: Date | null;
  replacedById: string | null;
  revoked: boolean;
  /** The keyed hash of the key (the key itself is never stored). */
  keyHash: string;
  createdAt: Date;
  revokedAt: Date | null;
  version: number;
}

type ApiKeyEvent = Extract<IdentityEvent, { type: 'api_key.created' | 'api_key.rotated' | 'api_key.revoked' }>;
type Data<T extends ApiKeyEvent['type']> = Extract<ApiKeyEvent, { type: T }>['data'];
/** What an API key decider returns: event types with their data, before the envelope is added; the key's hash is stored beside `api_key.created`, never in it. */
export type ApiKeyChange =
  | { type: 'api_key.created'; data: Data<'api_key.created'>; stored: { keyHash: string } }
  | { type: 'api_key.rotated'; data: Data<'api_key.rotated'> }
  | { type: 'api_key.revoked'; data: Data<'api_key.revoked'> };

/** Applies one event to the state (pure). */
export function evolveApiKey(state: ApiKeyState | null, change: ApiKeyChange, meta: { version: number; at: Date }): ApiKeyState {
  switch (change.type) {
    case 'api_key.created': {
      const d = change.data;
      return {
        id: state?.id ?? '',
        applicationId: d.applicationId,
        kind: d.kind,
        env: d.env,
        name: d.name,
        roleId: d.roleId,
        prefix: d.prefix,
        last4: d.last4,
        expiresAt: d.expiresAt ? new Date(d.expiresAt) : null,
        replacedById: null,
        revoked: false,
        keyHash: change.stored.keyHash,
        createdAt: meta.at,
        revokedAt: null,
        version: meta.version,
      };
    }
    case 'api_key.rotated': {
      if (!state) throw new Error('cannot rotate a missing key');
      const d = change.data;
      return { ...state, expiresAt: new Date(d.oldKeyExpiresAt), replacedById: d.replacedById, version: meta.version };
    }
    case 'api_key.revoked':
      if (!state) throw new Error('cannot revoke a missing key');
      return { ...state, revoked: true, revokedAt: meta.at, version: meta.version };
  }
}

export interface NewApiKey {
  applicationId: string;
  kind: 'public' | 'secret';
  env: 'live' | 'test';
  name: string;
  /** Secret keys act with the permissions of this role; public keys have none. */
  roleId: string | null;
  expiresAt: Date | null;
}

/** Looked up by the caller: whether the application and the (live) role named exist in the tenant. */
export interface KeyOwnerFacts {
  applicationExists: boolean;
  roleExists: boolean;
}

/** A secret key needs a role, a public key has none; the application and role must exist; an expiry lies ahead. */
export function createApiKey(
  state: ApiKeyState | null,
  cmd: NewApiKey & KeyOwnerFacts & { now: Date; generated: { prefix: string; last4: string; keyHash: string } },
): ApiKeyChange[] {
  if (cmd.kind === 'secret' && !cmd.roleId) throw AppError.validation('roleId', 'a secret key needs a role', 'REQUIRED');
  if (cmd.kind === 'public' && cmd.roleId) throw AppError.validation('roleId', 'a public key cannot have a role', 'INVALID_VALUE');
  if (!cmd.applicationExists) throw AppError.notFound('application', cmd.applicationId);
  if (cmd.roleId && !cmd.roleExists) throw AppError.notFound('role', cmd.roleId);
  if (cmd.expiresAt && cmd.expiresAt <= cmd.now) throw AppError.validation('expiresAt', 'must be in the future', 'INVALID_DATE');
  if (state) throw new Error('a key is created once');
  return [
    {
      type: 'api_key.created',
      data: {
        applicationId: cmd.applicationId,
        kind: cmd.kind,
        env: cmd.env,
        name: cmd.name,
        prefix: cmd.generated.prefix,
        last4: cmd.generated.last4,
        roleId: cmd.roleId,
        expiresAt: cmd.expiresAt ? cmd.expiresAt.toISOString() : null,
      },
      stored: { keyHash: cmd.generated.keyHash },
    },
  ];
}

const requireLiveKey = (state: ApiKeyState | null, id: string): ApiKeyState => {
  if (!state || state.revoked) throw AppError.notFound('api key', id);
  return state;
};

/** The longest a rotated key keeps working beside its replacement. */
export const ROTATION_OVERLAP_MAX_MS = 30 * 86_400_000;

/** Rolls a key: `replacedById` replaces it and the old one keeps working until `oldKeyExpiresAt` (now to 30 days ahead). */
export function rotateApiKey(state: ApiKeyState | null, cmd: { id: string; oldKeyExpiresAt: Date; now: Date; replacedById: string }): ApiKeyChange[] {
  requireLiveKey(state, cmd.id);
  if (cmd.oldKeyExpiresAt < cmd.now) throw AppError.validation('oldKeyExpiresAt', 'must not be in the past', 'INVALID_DATE');
  if (cmd.oldKeyExpiresAt.getTime() - cmd.now.getTime() > ROTATION_OVERLAP_MAX_MS)
    throw AppError.validation('oldKeyExpiresAt', 'at most 30 days ahead', 'INVALID_DATE');
  return [{ type: 'api_key.rotated', data: { replacedById: cmd.replacedById, oldKeyExpiresAt: cmd.oldKeyExpiresAt.toISOString() } }];
}

/** Revokes a live key at once. */
export function revokeApiKey(state: ApiKeyState | null, cmd: { id: string; reason: string | null }): ApiKeyChange[] {
  requireLiveKey(state, cmd.id);
  return [{ type: 'api_key.revoked', data: { reason: cmd.reason } }];
}
