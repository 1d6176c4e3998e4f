import { noQuery, param, sendJson, type Handler } from '../../kit/context';
import type { GqlUserError } from '../../kit/operation';
import { validateBody } from '../../kit/body';
import { invalid } from '../../kit/errors';
import { epochSeconds } from '../../kit/format';
import { snakeCaseFields } from '../../kit/field-names';
import { canonicalPathId, queryParams } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { ISSUE_CONTACT_TOKEN, LIST_CONTACT_TOKENS, type GqlContactToken } from '../../domains/rewards/operations';
import { contactTokenBody } from '../../domains/rewards/bodies';
import { contactTokenListResponse, contactTokenResponse } from '../../domains/rewards/schemas';
import { rewardsParameters } from '../../domains/rewards/openapi';

const TAG = 'Contact Tokens';
type Payload = {
  id: string | null;
  value: string | null;
  expiresAt: string | null;
  spendAmount: string | null;
  consistencyToken: string | null;
  errors: GqlUserError[];
};

/** POST /self-service/v2/contacts/{id}/tokens {intent: SPEND, spend_amount} → 200 {id, value (6 digits), expiration, spend_amount}. */
const issue: Handler = async (ctx) => {
  noQuery(ctx);
  const b = validateBody(contactTokenBody, await ctx.readBody());
  if (b.intent !== 'SPEND') throw invalid('intent', 'only SPEND tokens are issued (purchase estimates are not supported)', 'INVALID_VALUE');
  const p = await ctx.gateway.mutate<Payload>(
    ISSUE_CONTACT_TOKEN,
    { input: { contactId: canonicalPathId(param(ctx, 'id')), intent: b.intent, spendAmount: b.spend_amount ?? null } },
    'issueContactToken',
    snakeCaseFields,
  );
  sendJson(ctx.res, 200, {
    id: p.id,
    value: p.value,
    expiration: epochSeconds(p.expiresAt!),
    ...(p.spendAmount ? { spend_amount: Number(p.spendAmount) } : {}),
  });
};

/** GET /self-service/v2/contacts/{id}/tokens: the live tokens (their values are not shown again). */
const list: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, ['intent', 'community_id']);
  const data = await ctx.gateway.run(LIST_CONTACT_TOKENS, { contactId: canonicalPathId(param(ctx, 'id')) }, snakeCaseFields);
  const intent = params.get('intent');
  const content = (data['contactTokens'] as GqlContactToken[])
    .filter((t) => !intent || t.intent === intent)
    .map((t) => ({
      id: t.id,
      intent: t.intent,
      expiration: epochSeconds(t.expiresAt),
      ...(t.spendAmount ? { spend_amount: Number(t.spendAmount) } : {}),
    }));
  sendJson(ctx.res, 200, { content });
};

/** Contact Tokens: short-lived 6-digit values identifying the contact at the till. */
export const resource = defineResource({
  family: 'self-service',
  name: 'contact-tokens',
  pathParameters: { id: 'RewardsContactId' },
  openapi: {
    tags: [
      { name: TAG, description: 'Short-lived 6-digit tokens a contact shows at the till (SPEND, with the amount it agrees to spend); single use.' },
    ],
    parameters: {
      ...rewardsParameters,
      TokenIntentQuery: {
        name: 'intent',
        in: 'query',
        required: false,
        description: 'Only tokens of this intent.',
        schema: { type: 'string', enum: ['APPROVE_PURCHASE', 'REJECT_PURCHASE', 'SPEND'] },
      },
      TokenCommunityQuery: {
        name: 'community_id',
        in: 'query',
        required: false,
        description: 'Accepted; communities are not supported yet.',
        schema: { type: 'string' },
      },
    },
    requestSchemas: [{ name: 'ContactTokenRequestSS', schema: contactTokenBody }],
    responseSchemas: [
      { name: 'ContactTokenSS', schema: contactTokenResponse },
      { name: 'ContactTokenListSS', schema: contactTokenListResponse },
    ],
  },
  routes: [
    {
      method: 'POST',
      path: '/self-service/v2/contacts/:id/tokens',
      handler: issue,
      operations: [ISSUE_CONTACT_TOKEN],
      doc: {
        operationId: 'addContactTokenSS',
        summary: 'Request a contact token',
        tag: TAG,
        audience: 'selfservice',
        body: 'ContactTokenRequestSS',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The token; its value is shown only here.', schema: 'ContactTokenSS' },
      },
    },
    {
      method: 'GET',
      path: '/self-service/v2/contacts/:id/tokens',
      handler: list,
      operations: [LIST_CONTACT_TOKENS],
      doc: {
        operationId: 'listContactTokensSS',
        summary: 'List a contact’s live tokens',
        tag: TAG,
        audience: 'selfservice',
        query: ['TokenIntentQuery', 'TokenCommunityQuery'],
        reads: true,
        success: { status: 200, description: 'The unused, unexpired tokens.', schema: 'ContactTokenListSS' },
      },
    },
  ],
});
