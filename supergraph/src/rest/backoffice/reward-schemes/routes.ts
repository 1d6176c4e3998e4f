import type { NotFoundSubject } from '@crm/platform/errors';
import { noQuery, param, sendJson, type Handler } from '../../kit/context';
import { recordNotFound } from '../../kit/errors';
import type { GqlUserError } from '../../kit/operation';
import { validateBody } from '../../kit/body';
import { snakeCaseFields } from '../../kit/field-names';
import { canonicalPathId, idempotencyKeyOf, isUuid, queryParams } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { query } from '../../kit/openapi';
import {
  CREATE_REWARD_SCHEME,
  GET_REWARD_SCHEME,
  LIST_REWARD_SCHEMES,
  SET_REWARD_SCHEME_STATE,
  type GqlRewardScheme,
} from '../../domains/rewards/operations';
import { createRewardSchemeBody, lifeCycleStateBody } from '../../domains/rewards/bodies';
import { backOfficeSchemeListResponse, backOfficeSchemeResponse } from '../../domains/rewards/schemas';
import { toBackOfficeScheme } from '../../domains/rewards/mapper';
import { rewardsParameters } from '../../domains/rewards/openapi';

const TAG = 'Reward Schemes (Back-Office)';
const SUBJECT = 'reward scheme' as NotFoundSubject;
type Payload = { id: string | null; consistencyToken: string | null; errors: GqlUserError[] };

/** POST /backoffice/v2/reward_schemes → 201 {id}. */
const createScheme: Handler = async (ctx) => {
  noQuery(ctx);
  const b = validateBody(createRewardSchemeBody, await ctx.readBody());
  const input = {
    name: b.name,
    signUpOption: b.sign_up_option ?? 'SELF_SIGN_UP',
    emailDomains: b.email_domains ?? [],
    termsAndConditions: b.terms_and_conditions ?? null,
    resolution: b.resolution ?? 'ALL',
    clawBack: b.claw_back ?? 'WRITE_OFF',
    state: b.state ?? 'ACTIVE',
  };
  const payload = await ctx.gateway.mutate<Payload>(
    CREATE_REWARD_SCHEME,
    { input, idempotencyKey: idempotencyKeyOf(ctx.req) },
    'createRewardScheme',
    snakeCaseFields,
  );
  sendJson(ctx.res, 201, { id: payload.id });
};

async function schemeOf(ctx: Parameters<Handler>[0]): Promise<GqlRewardScheme> {
  const raw = param(ctx, 'id');
  if (!isUuid(raw)) throw recordNotFound(SUBJECT, raw);
  const data = await ctx.gateway.run(GET_REWARD_SCHEME, { id: canonicalPathId(raw), contactId: null }, snakeCaseFields);
  const found = data['rewardScheme'] as GqlRewardScheme | null;
  if (!found) throw recordNotFound(SUBJECT, raw);
  return found;
}

const getScheme: Handler = async (ctx) => {
  noQuery(ctx);
  sendJson(ctx.res, 200, toBackOfficeScheme(await schemeOf(ctx)));
};

const listSchemes: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, ['name']);
  const data = await ctx.gateway.run(LIST_REWARD_SCHEMES, { contactId: null, isSigned: null, name: params.get('name') ?? null }, snakeCaseFields);
  sendJson(ctx.res, 200, { content: (data['rewardSchemes'] as GqlRewardScheme[]).map(toBackOfficeScheme) });
};

/** PUT /backoffice/v2/reward_schemes/{id}/life_cycle_state {state}. */
const setState: Handler = async (ctx) => {
  noQuery(ctx);
  const { id } = await schemeOf(ctx);
  const b = validateBody(lifeCycleStateBody, await ctx.readBody());
  await ctx.gateway.mutate<Payload>(SET_REWARD_SCHEME_STATE, { id, state: b.state }, 'setRewardSchemeState', snakeCaseFields);
  sendJson(ctx.res, 200, { id });
};

/** Reward schemes: create, list, read, turn on/off. */
export const resource = defineResource({
  family: 'backoffice',
  name: 'reward-schemes',
  pathParameters: { id: 'RewardSchemeId' },
  openapi: {
    tags: [
      {
        name: TAG,
        description:
          'Reward schemes: open loop (auto or self sign-up) and closed loop (email domains); the resolution of several matching offers (the rewards domain).',
      },
    ],
    parameters: { ...rewardsParameters, RewardSchemeName: query('name', { type: 'string', maxLength: 100 }, 'Name contains (any case).') },
    requestSchemas: [
      { name: 'RewardSchemeCreateBO', schema: createRewardSchemeBody },
      { name: 'LifeCycleStateBO', schema: lifeCycleStateBody },
    ],
    responseSchemas: [
      { name: 'RewardSchemeBO', schema: backOfficeSchemeResponse },
      { name: 'RewardSchemeListBO', schema: backOfficeSchemeListResponse },
    ],
  },
  routes: [
    {
      method: 'POST',
      path: '/backoffice/v2/reward_schemes',
      handler: createScheme,
      operations: [CREATE_REWARD_SCHEME],
      doc: {
        operationId: 'createRewardSchemeBO',
        summary: 'Create a reward scheme',
        description: 'ACTIVE unless state INACTIVE is given. Needs rewards.write.',
        tag: TAG,
        audience: 'backoffice',
        body: 'RewardSchemeCreateBO',
        idempotencyKey: true,
        writes: true,
        success: { status: 201, description: 'Created.', schema: 'IdResult' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/reward_schemes',
      handler: listSchemes,
      operations: [LIST_REWARD_SCHEMES],
      pathParameters: {},
      doc: {
        operationId: 'listRewardSchemesBO',
        summary: 'List reward schemes',
        tag: TAG,
        audience: 'backoffice',
        query: ['RewardSchemeName'],
        reads: true,
        success: { status: 200, description: 'The schemes, newest first.', schema: 'RewardSchemeListBO' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/reward_schemes/:id',
      handler: getScheme,
      operations: [GET_REWARD_SCHEME],
      doc: {
        operationId: 'getRewardSchemeBO',
        summary: 'Get a reward scheme',
        tag: TAG,
        audience: 'backoffice',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The scheme.', schema: 'RewardSchemeBO' },
      },
    },
    {
      method: 'PUT',
      path: '/backoffice/v2/reward_schemes/:id/life_cycle_state',
      handler: setState,
      operations: [GET_REWARD_SCHEME, SET_REWARD_SCHEME_STATE],
      doc: {
        operationId: 'setRewardSchemeStateBO',
        summary: 'Turn a reward scheme on or off',
        tag: TAG,
        audience: 'backoffice',
        body: 'LifeCycleStateBO',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'Updated.', schema: 'IdResult' },
      },
    },
  ],
});
