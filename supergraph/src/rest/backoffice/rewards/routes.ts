import { noQuery, param, sendJson, type Handler } from '../../kit/context';
import type { NotFoundSubject } from '@crm/platform/errors';
import { recordNotFound } from '../../kit/errors';
import type { GqlUserError } from '../../kit/operation';
import { validateBody } from '../../kit/body';
import { snakeCaseFields } from '../../kit/field-names';
import { epochSeconds } from '../../kit/format';
import { canonicalPathId, idempotencyKeyOf, isUuid } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { CREATE_REWARD_SCHEME, GET_REWARD_SCHEME, type GqlRewardScheme } from './operations';
import { createRewardSchemeBody, rewardSchemeResponse } from './schemas';

const TAG = 'Rewards';

/** Its 404 reason, REWARD_SCHEME_NOT_FOUND, is catalogued by rewards-read (src/errors.ts), which the facade loads through the registry. */
const SUBJECT = 'reward scheme' as NotFoundSubject;

/** POST /backoffice/v2/rewards → 201 `{id}`. */
const createRewardScheme: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(createRewardSchemeBody, await ctx.readBody());
  const payload = await ctx.gateway.mutate<{ id: string | null; consistencyToken: string | null; errors: GqlUserError[] }>(
    CREATE_REWARD_SCHEME,
    { input: { name: body.name }, idempotencyKey: idempotencyKeyOf(ctx.req) },
    'createRewardScheme',
    snakeCaseFields,
  );
  sendJson(ctx.res, 201, { id: payload.id });
};

/** GET /backoffice/v2/rewards/{id} (the caller's own writes are visible at once). */
const getRewardScheme: Handler = async (ctx) => {
  noQuery(ctx);
  const raw = param(ctx, 'id');
  if (!isUuid(raw)) throw recordNotFound(SUBJECT, raw);
  const id = canonicalPathId(raw);
  const data = await ctx.gateway.run(GET_REWARD_SCHEME, { id }, snakeCaseFields);
  const found = data['rewardScheme'] as GqlRewardScheme | null | undefined;
  if (!found) throw recordNotFound(SUBJECT, id);
  sendJson(ctx.res, 200, {
    id: found.id,
    name: found.name,
    created_date: epochSeconds(found.createdAt),
    updated_date: epochSeconds(found.updatedAt),
  });
};

/** Rewards: create and read. */
export const resource = defineResource({
  family: 'backoffice',
  name: 'rewards',
  pathParameters: { id: 'DirectoryId' },
  openapi: {
    tags: [{ name: TAG, description: 'Rewards of the business (the rewards domain).' }],
    requestSchemas: [{ name: 'RewardSchemeRequest', schema: createRewardSchemeBody }],
    responseSchemas: [{ name: 'RewardScheme', schema: rewardSchemeResponse }],
  },
  routes: [
    {
      method: 'POST',
      path: '/backoffice/v2/rewards',
      handler: createRewardScheme,
      operations: [CREATE_REWARD_SCHEME],
      doc: {
        operationId: 'createRewardSchemeBO',
        summary: 'Create a reward scheme',
        description: 'Needs rewards.write.',
        tag: TAG,
        audience: 'backoffice',
        body: 'RewardSchemeRequest',
        idempotencyKey: true,
        writes: true,
        success: { status: 201, description: 'Created; the id of the reward scheme.', schema: 'IdResult' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/rewards/:id',
      handler: getRewardScheme,
      operations: [GET_REWARD_SCHEME],
      doc: {
        operationId: 'getRewardSchemeBO',
        summary: 'Get a reward scheme',
        description: 'Needs rewards.read.',
        tag: TAG,
        audience: 'backoffice',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The reward scheme.', schema: 'RewardScheme' },
      },
    },
  ],
});
