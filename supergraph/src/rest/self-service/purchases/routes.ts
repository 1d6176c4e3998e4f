import { noQuery, param, sendJson, type Handler } from '../../kit/context';
import { snakeCaseFields } from '../../kit/field-names';
import { pageEnvelope, parsePaging, PAGING_PARAMS } from '../../kit/paging';
import { canonicalPathId, queryParams } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { GET_PURCHASE, LIST_PURCHASES, type GqlPurchase } from '../../domains/rewards/operations';
import { purchaseRewardsResponse, selfServicePurchaseListResponse, selfServicePurchaseResponse } from '../../domains/rewards/schemas';
import { toPurchaseRewards, toSelfServicePurchase, toSelfServicePurchaseListItem } from '../../domains/rewards/mapper';
import { rewardsParameters } from '../../domains/rewards/openapi';
import { purchaseOf } from '../../domains/rewards/purchases';

const TAG = 'Purchase Customer Events';

/** GET /self-service/v2/contacts/{id}/purchases: the contact's purchases, newest first (a contact sees only its own). */
const listPurchases: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, PAGING_PARAMS);
  const paging = parsePaging(params);
  const data = await ctx.gateway.run(
    LIST_PURCHASES,
    { contactId: canonicalPathId(param(ctx, 'id')), page: paging.page, size: paging.size },
    snakeCaseFields,
  );
  sendJson(ctx.res, 200, pageEnvelope(paging, data['purchases'] as { items: GqlPurchase[]; total: number }, toSelfServicePurchaseListItem));
};

const getPurchase: Handler = async (ctx) => {
  noQuery(ctx);
  sendJson(ctx.res, 200, toSelfServicePurchase(await purchaseOf(ctx)));
};

/** GET /self-service/v2/purchases/{id}/rewards: its AWARD (per offer, net of clawbacks) and SPEND transactions. */
const purchaseRewards: Handler = async (ctx) => {
  queryParams(ctx.url.searchParams, ['type']);
  const rewards = toPurchaseRewards(await purchaseOf(ctx));
  const type = ctx.url.searchParams.get('type');
  const content = (rewards['content'] as { type: string }[]).filter((r) => !type || r.type === type);
  sendJson(ctx.res, 200, { content });
};

/** Purchase Customer Events: a contact's purchases and their rewards. */
export const resource = defineResource({
  family: 'self-service',
  name: 'purchases',
  pathParameters: { id: 'PurchaseId' },
  openapi: {
    tags: [{ name: TAG, description: 'Purchases submitted by points of sale, with their awards and spends (the rewards domain).' }],
    parameters: {
      ...rewardsParameters,
      PurchaseRewardType: {
        name: 'type',
        in: 'query',
        required: false,
        description: 'AWARD, SPEND or REDEEM.',
        schema: { type: 'string', enum: ['AWARD', 'SPEND', 'REDEEM'] },
      },
    },
    responseSchemas: [
      { name: 'PurchaseListSS', schema: selfServicePurchaseListResponse },
      { name: 'PurchaseSS', schema: selfServicePurchaseResponse },
      { name: 'PurchaseRewardsSS', schema: purchaseRewardsResponse },
    ],
  },
  routes: [
    {
      method: 'GET',
      path: '/self-service/v2/contacts/:id/purchases',
      handler: listPurchases,
      operations: [LIST_PURCHASES],
      pathParameters: { id: 'RewardsContactId' },
      doc: {
        operationId: 'listContactPurchasesSS',
        summary: 'List a contact’s purchases',
        tag: TAG,
        audience: 'selfservice',
        query: ['Page', 'Size', 'IncludeTotal'],
        reads: true,
        success: { status: 200, description: 'A page of purchases, newest first.', schema: 'PurchaseListSS' },
      },
    },
    {
      method: 'GET',
      path: '/self-service/v2/purchases/:id',
      handler: getPurchase,
      operations: [GET_PURCHASE],
      doc: {
        operationId: 'getPurchaseSS',
        summary: 'Get a purchase',
        tag: TAG,
        audience: 'selfservice',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The purchase.', schema: 'PurchaseSS' },
      },
    },
    {
      method: 'GET',
      path: '/self-service/v2/purchases/:id/rewards',
      handler: purchaseRewards,
      operations: [GET_PURCHASE],
      doc: {
        operationId: 'getPurchaseRewardTransactionsSS',
        summary: 'List a purchase’s reward transactions',
        tag: TAG,
        audience: 'contactOrSecret',
        query: ['PurchaseRewardType'],
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'AWARD and SPEND transactions of the purchase.', schema: 'PurchaseRewardsSS' },
      },
    },
  ],
});
