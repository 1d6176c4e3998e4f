import { op, USER_ERROR_FIELDS, type GqlUserError } from '../../kit/operation';

export const LIST_API_KEYS = op(
  'query',
  'RestListApiKeys',
  `query RestListApiKeys { apiKeys { id applicationId kind env name masked roleId createdAt expiresAt revoked } }`,
);

export const CREATE_API_KEY = op(
  'mutation',
  'RestCreateApiKey',
  `mutation RestCreateApiKey($input: CreateApiKeyInput!) { createApiKey(input: $input) { id key masked ${USER_ERROR_FIELDS} } }`,
);

export const ROTATE_API_KEY = op(
  'mutation',
  'RestRotateApiKey',
  `mutation RestRotateApiKey($id: ID!, $oldKeyExpiresAt: DateTimeISO!) { rotateApiKey(id: $id, oldKeyExpiresAt: $oldKeyExpiresAt) { id key masked ${USER_ERROR_FIELDS} } }`,
);

export const REVOKE_API_KEY = op(
  'mutation',
  'RestRevokeApiKey',
  `mutation RestRevokeApiKey($id: ID!) { revokeApiKey(id: $id) { revoked ${USER_ERROR_FIELDS} } }`,
);

export interface GqlApiKey {
  id: string;
  applicationId: string;
  kind: string;
  env: string;
  name: string;
  masked: string;
  roleId: string | null;
  createdAt: string;
  expiresAt: string | null;
  revoked: boolean;
}

export interface GqlIssuedKey {
  id: string | null;
  key: string | null;
  masked: string | null;
  errors: GqlUserError[];
}
