import { AppError } from '@crm/platform/errors';
import { noQuery, sendJson, type Handler } from '../../kit/context';
import { validateBody } from '../../kit/body';
import { epochSeconds } from '../../kit/format';
import { defineResource } from '../../kit/resource';
import { createApiKeyBody, rotateApiKeyBody } from './bodies';
import { pathGuid, write, type Payload } from '../../domains/identity/directory';
import { BOD, BOD_TAG } from '../../domains/identity/openapi';
import { CREATE_API_KEY, LIST_API_KEYS, REVOKE_API_KEY, ROTATE_API_KEY, type GqlApiKey, type GqlIssuedKey } from './operations';
import { apiKeyListResponse, apiKeyResponse, issuedApiKeyResponse } from './schemas';

function toApiKey(k: GqlApiKey): Record<string, unknown> {
  return {
    id: k.id,
    application_id: k.applicationId,
    type: k.kind === 'secret' ? 'SECRET' : 'PUBLIC',
    mode: k.env === 'test' ? 'TEST' : 'LIVE',
    name: k.name,
    masked_key: k.masked,
    ...(k.roleId !== null ? { role_id: k.roleId } : {}),
    created_date: epochSeconds(k.createdAt),
    ...(k.expiresAt !== null ? { expiration_date: epochSeconds(k.expiresAt) } : {}),
    is_revoked: k.revoked,
  };
}

function issued(payload: GqlIssuedKey): Record<string, unknown> {
  if (!payload.id || !payload.key || !payload.masked) throw new AppError('INTERNAL', 'the key mutation returned no key');
  return { id: payload.id, key: payload.key, masked_key: payload.masked };
}

/** GET /backoffice/v2/api_keys → every key of the business, masked. */
const listApiKeys: Handler = async (ctx) => {
  noQuery(ctx);
  const data = await ctx.gateway.run(LIST_API_KEYS, {}, 'auth');
  sendJson(ctx.res, 200, { content: ((data['apiKeys'] as GqlApiKey[] | null | undefined) ?? []).map(toApiKey) });
};

/** POST /backoffice/v2/api_keys → 201 `{id, key, masked_key}`: a secret key, shown this once. */
const createApiKey: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(createApiKeyBody, await ctx.readBody());
  const input = {
    applicationId: body.application_id,
    name: body.name,
    roleId: body.role_id,
    env: (body.mode ?? 'LIVE').toLowerCase(),
    ...(body.expiration_date != null ? { expiresAt: new Date(body.expiration_date * 1000).toISOString() } : {}),
  };
  sendJson(ctx.res, 201, issued(await write<GqlIssuedKey & Payload>(ctx, CREATE_API_KEY, { input }, 'createApiKey')));
};

/** POST /backoffice/v2/api_keys/{id}/rotate → 201 the replacement; the old key works until old_key_expiration_date. */
const rotateApiKey: Handler = async (ctx) => {
  noQuery(ctx);
  const id = pathGuid(ctx, 'api key');
  const body = validateBody(rotateApiKeyBody, await ctx.readBody());
  const oldKeyExpiresAt = new Date(body.old_key_expiration_date * 1000).toISOString();
  sendJson(ctx.res, 201, issued(await write<GqlIssuedKey & Payload>(ctx, ROTATE_API_KEY, { id, oldKeyExpiresAt }, 'rotateApiKey')));
};

/** DELETE /backoffice/v2/api_keys/{id} → 204: revoked at once. */
const revokeApiKey: Handler = async (ctx) => {
  noQuery(ctx);
  const id = pathGuid(ctx, 'api key');
  await write(ctx, REVOKE_API_KEY, { id }, 'revokeApiKey');
  sendJson(ctx.res, 204, undefined);
};

/** API keys: list (masked), create, rotate, revoke. */
export const resource = defineResource({
  family: 'backoffice',
  name: 'api-keys',
  pathParameters: { id: 'DirectoryId' },
  openapi: {
    tags: [BOD_TAG],
    requestSchemas: [
      { name: 'ApiKeyCreateRequest', schema: createApiKeyBody, extend: { description: 'A secret key for server-to-server calls, bound to a role.' } },
      {
        name: 'ApiKeyRotateRequest',
        schema: rotateApiKeyBody,
        extend: { description: 'The old key keeps working until old_key_expiration_date (at most 30 days ahead).' },
      },
    ],
    responseSchemas: [
      { name: 'ApiKey', schema: apiKeyResponse },
      { name: 'ApiKeyList', schema: apiKeyListResponse },
      { name: 'IssuedApiKey', schema: issuedApiKeyResponse },
    ],
  },
  routes: [
    {
      method: 'GET',
      path: '/backoffice/v2/api_keys',
      handler: listApiKeys,
      operations: [LIST_API_KEYS],
      doc: {
        operationId: 'listApiKeysBO',
        summary: 'List API keys',
        description: 'Every public and secret key of the business, masked; needs keys.manage.',
        tag: BOD,
        audience: 'backoffice',
        reads: true,
        success: { status: 200, description: 'The keys, masked.', schema: 'ApiKeyList' },
      },
    },
    {
      method: 'POST',
      path: '/backoffice/v2/api_keys',
      handler: createApiKey,
      operations: [CREATE_API_KEY],
      doc: {
        operationId: 'createApiKeyBO',
        summary: 'Create a secret key',
        description: 'Needs keys.manage, and every permission of the role the key is bound to. The key is in this answer only; it is stored hashed.',
        tag: BOD,
        audience: 'backoffice',
        body: 'ApiKeyCreateRequest',
        writes: true,
        success: { status: 201, description: 'Created; the key, shown once.', schema: 'IssuedApiKey' },
      },
    },
    {
      method: 'DELETE',
      path: '/backoffice/v2/api_keys/:id',
      handler: revokeApiKey,
      operations: [REVOKE_API_KEY],
      doc: {
        operationId: 'revokeApiKeyBO',
        summary: 'Revoke a key',
        description: 'Needs keys.manage. The key stops working at once (gateways drop it on the revocation event).',
        tag: BOD,
        audience: 'backoffice',
        notFound: 'RecordNotFound',
        writes: true,
        success: { status: 204, description: 'Revoked. No body.' },
      },
    },
    {
      method: 'POST',
      path: '/backoffice/v2/api_keys/:id/rotate',
      handler: rotateApiKey,
      operations: [ROTATE_API_KEY],
      doc: {
        operationId: 'rotateApiKeyBO',
        summary: 'Rotate a key',
        description: 'Needs keys.manage. Answers the replacement (same application, role and mode); the old key works until old_key_expiration_date.',
        tag: BOD,
        audience: 'backoffice',
        body: 'ApiKeyRotateRequest',
        notFound: 'RecordNotFound',
        writes: true,
        success: { status: 201, description: 'The replacement key, shown once.', schema: 'IssuedApiKey' },
      },
    },
  ],
});
