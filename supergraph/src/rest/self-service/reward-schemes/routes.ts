import { noQuery, param, sendJson, type Handler } from '../../kit/context';
import type { GqlUserError } from '../../kit/operation';
import { boolean } from '../../kit/paging';
import { validateBody } from '../../kit/body';
import { invalid } from '../../kit/errors';
import { snakeCaseFields } from '../../kit/field-names';
import { canonicalPathId, queryParams } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { query } from '../../kit/openapi';
import { LIST_REWARD_SCHEMES, SIGN_UP_REWARD_SCHEME, VERIFY_REWARD_SIGN_UP, type GqlRewardScheme } from '../../domains/rewards/operations';
import { signUpBody } from '../../domains/rewards/bodies';
import { contactRewardsResponse, selfServiceSchemeListResponse } from '../../domains/rewards/schemas';
import { epochSeconds } from '../../kit/format';
import { toSelfServiceScheme } from '../../domains/rewards/mapper';
import { rewardsParameters } from '../../domains/rewards/openapi';

const SCHEMES_TAG = 'Reward Schemes';
const CONTACT_TAG = 'Contact Rewards';
type Payload = { id: string | null; consistencyToken: string | null; errors: GqlUserError[] };

/** GET /self-service/v2/reward_schemes: the ACTIVE schemes, each with whether the contact takes part. */
const listSchemes: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, ['is_signed', 'name']);
  const signed = params.get('is_signed');
  const data = await ctx.gateway.run(
    LIST_REWARD_SCHEMES,
    { contactId: null, isSigned: signed === undefined ? null : boolean('is_signed', signed), name: params.get('name') ?? null },
    snakeCaseFields,
  );
  sendJson(ctx.res, 200, { content: (data['rewardSchemes'] as GqlRewardScheme[]).map(toSelfServiceScheme) });
};

/** POST /self-service/v2/contacts/{id}/reward_schemes {action: SIGNUP|SIGNOUT, reward_scheme_id, email_address?} → 201, no body. */
const signUpOut: Handler = async (ctx) => {
  noQuery(ctx);
  const contactId = canonicalPathId(param(ctx, 'id'));
  const b = validateBody(signUpBody, await ctx.readBody());
  if (b.sign_up_code !== undefined)
    throw invalid('sign_up_code', 'sign-up by imported codes is not supported; verify an email sign-up through its link', 'INVALID_VALUE');
  const action = b.action === 'SIGNUP' || b.action === 'SIGN_UP' ? 'SIGN_UP' : 'SIGN_OUT';
  await ctx.gateway.mutate<Payload>(
    SIGN_UP_REWARD_SCHEME,
    { input: { contactId, rewardSchemeId: b.reward_scheme_id, action, emailAddress: b.email_address ?? null } },
    'signUpRewardScheme',
    snakeCaseFields,
  );
  // the contract documents 201 (and 204) with no body
  sendJson(ctx.res, 201, undefined);
};

/** GET /self-service/v2/contacts/reward_schemes/verification/{sign_up_code}: completes a closed-loop email sign-up. */
const verify: Handler = async (ctx) => {
  noQuery(ctx);
  const payload = await ctx.gateway.mutate<Payload>(
    VERIFY_REWARD_SIGN_UP,
    { code: param(ctx, 'sign_up_code') },
    'verifyRewardSchemeSignUp',
    snakeCaseFields,
  );
  sendJson(ctx.res, 200, { id: payload.id });
};

/** GET /self-service/v2/contacts/{id}/rewards: the schemes the contact takes part in (tiers are not modelled yet). */
const contactRewards: Handler = async (ctx) => {
  noQuery(ctx);
  const contactId = canonicalPathId(param(ctx, 'id'));
  const data = await ctx.gateway.run(LIST_REWARD_SCHEMES, { contactId, isSigned: true, name: null }, snakeCaseFields);
  const schemes = (data['rewardSchemes'] as GqlRewardScheme[]).map((s) => ({
    id: s.id,
    name: s.name,
    sign_up_option: s.signUpOption,
    ...(s.signedUpAt ? { signed_up_on: epochSeconds(s.signedUpAt) } : {}),
    ...(s.signedUpEmail ? { email_address: s.signedUpEmail } : {}),
  }));
  sendJson(ctx.res, 200, { id: contactId, reward_schemes: schemes });
};

/** Reward Schemes and Contact Rewards (sign up / out, verification). */
export const resource = defineResource({
  family: 'self-service',
  name: 'reward-schemes',
  pathParameters: { id: 'RewardsContactId' },
  openapi: {
    tags: [
      { name: SCHEMES_TAG, description: 'The business’s reward schemes the contact may join (the rewards domain).' },
      { name: CONTACT_TAG, description: 'A contact’s sign-ups to reward schemes (the rewards domain).' },
    ],
    parameters: {
      ...rewardsParameters,
      IsSignedQuery: query('is_signed', { type: 'boolean' }, 'Only schemes the contact takes part in (true) or not (false).'),
      RewardSchemeNameSS: query('name', { type: 'string', maxLength: 100 }, 'Name contains (any case).'),
      SignUpCode: {
        name: 'sign_up_code',
        in: 'path',
        required: true,
        description: 'The code of the verification link.',
        schema: { type: 'string', minLength: 1, maxLength: 200 },
      },
    },
    requestSchemas: [{ name: 'RewardSchemeSignUpSS', schema: signUpBody }],
    responseSchemas: [
      { name: 'RewardSchemeListSS', schema: selfServiceSchemeListResponse },
      { name: 'ContactRewardsSS', schema: contactRewardsResponse },
    ],
  },
  routes: [
    {
      method: 'GET',
      path: '/self-service/v2/reward_schemes',
      handler: listSchemes,
      operations: [LIST_REWARD_SCHEMES],
      pathParameters: {},
      doc: {
        operationId: 'listRewardSchemesSS',
        summary: 'List reward schemes',
        tag: SCHEMES_TAG,
        audience: 'selfservice',
        query: ['IsSignedQuery', 'RewardSchemeNameSS'],
        reads: true,
        success: { status: 200, description: 'The active schemes.', schema: 'RewardSchemeListSS' },
      },
    },
    {
      method: 'POST',
      path: '/self-service/v2/contacts/:id/reward_schemes',
      handler: signUpOut,
      operations: [SIGN_UP_REWARD_SCHEME],
      doc: {
        operationId: 'signUpOutSchemeSS',
        summary: 'Sign up to or out of a reward scheme',
        description: 'A closed-loop scheme by email stays pending until the link sent to the address is opened.',
        tag: CONTACT_TAG,
        audience: 'selfservice',
        body: 'RewardSchemeSignUpSS',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 201, description: 'Done. No body.' },
      },
    },
    {
      method: 'GET',
      path: '/self-service/v2/contacts/:id/rewards',
      handler: contactRewards,
      operations: [LIST_REWARD_SCHEMES],
      doc: {
        operationId: 'getContactRewardsSS',
        summary: 'A contact’s reward schemes',
        description: 'The schemes the contact takes part in. Tiers are not modelled yet (no reward_tier).',
        tag: CONTACT_TAG,
        audience: 'selfservice',
        reads: true,
        success: { status: 200, description: 'The contact’s schemes.', schema: 'ContactRewardsSS' },
      },
    },
    {
      method: 'GET',
      path: '/self-service/v2/contacts/reward_schemes/verification/:sign_up_code',
      handler: verify,
      operations: [VERIFY_REWARD_SIGN_UP],
      pathParameters: { sign_up_code: 'SignUpCode' },
      doc: {
        operationId: 'verifySignUpSS',
        summary: 'Verify a closed-loop sign-up',
        tag: CONTACT_TAG,
        audience: 'selfservice',
        writes: true,
        success: { status: 200, description: 'Verified; the membership’s id.', schema: 'IdResult' },
      },
    },
  ],
});
