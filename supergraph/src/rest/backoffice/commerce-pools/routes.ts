import { z } from 'zod';
import type { NotFoundSubject } from '@crm/platform/errors';
import { noQuery, param, sendJson, type Handler } from '../../kit/context';
import { validateBody } from '../../kit/body';
import { recordNotFound } from '../../kit/errors';
import { epochSeconds, isoOfEpochSeconds } from '../../kit/format';
import { op, USER_ERROR_FIELDS } from '../../kit/operation';
import { parsePaging, PAGING_PARAMS } from '../../kit/paging';
import { queryParams } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { epoch, pagingResponse } from '../../kit/response-schemas';
import { LIST_COMMERCE_POOLS, type GqlCommercePool, type GqlIdPayload } from '../../domains/ledger/operations';
import { ledgerFields } from '../../domains/ledger/mapper';
import { paged } from '../../domains/ledger/paging';
import { limitRuleOut, limitRulesIn, walletLimitsBody, walletLimitsResponse } from '../../domains/ledger/limits';

const TAG = 'Commerce Pools';
const POOL = 'commerce pool' as NotFoundSubject;

const DEFINE = op(
  'mutation',
  'RestDefineCommercePool',
  `mutation RestDefineCommercePool($id: ID, $input: CommercePoolInput!) { defineCommercePool(id: $id, input: $input) { id consistencyToken ${USER_ERROR_FIELDS} } }`,
);
const LIMIT_DEFAULTS = op(
  'query',
  'RestWalletLimitDefaults',
  `query RestWalletLimitDefaults { walletLimitDefaults { id name appliesFor currency maximumAmount maximumNumber period } }`,
);
const SET_LIMIT_DEFAULTS = op(
  'mutation',
  'RestSetWalletLimitDefaults',
  `mutation RestSetWalletLimitDefaults($rules: [WalletLimitRuleInput!]!) { setWalletLimitDefaults(limitRules: $rules) { id consistencyToken ${USER_ERROR_FIELDS} } }`,
);

/** POST /backoffice/v2/commerce_pools and PUT /backoffice/v2/commerce_pools/{id} (the whole definition). */
export const commercePoolBody = z.strictObject({
  name: z.string().min(1).max(100),
  description: z.string().max(500).nullable().optional(),
  requires_activation: z.boolean().optional(),
  is_active: z.boolean().optional(),
  restrictions: z
    .strictObject({
      organisations: z.array(z.string().min(1).max(64)).max(200).optional(),
      product_categories: z.array(z.string().min(1).max(64)).max(200).optional(),
      validity: z.strictObject({ from: z.int().min(0).optional(), to: z.int().min(0).optional() }).optional(),
    })
    .optional(),
});

const pool = z.strictObject({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  requires_activation: z.boolean(),
  is_active: z.boolean(),
  restrictions: z.strictObject({
    organisations: z.array(z.string()),
    product_categories: z.array(z.string()),
    validity: z.strictObject({ from: epoch.optional(), to: epoch.optional() }),
  }),
  created_date: epoch,
});

const out = (p: GqlCommercePool) => ({
  id: p.id,
  name: p.name,
  ...(p.description ? { description: p.description } : {}),
  requires_activation: p.requiresActivation,
  is_active: p.isActive,
  restrictions: {
    organisations: p.organisationIds,
    product_categories: p.productCategoryIds,
    validity: { ...(p.validFrom ? { from: epochSeconds(p.validFrom) } : {}), ...(p.validTo ? { to: epochSeconds(p.validTo) } : {}) },
  },
  created_date: epochSeconds(p.createdAt),
});

const fields = (path: string) =>
  path.endsWith('validTo') ? 'restrictions.validity.to' : path.endsWith('validFrom') ? 'restrictions.validity.from' : ledgerFields(path);

async function save(ctx: Parameters<Handler>[0], id: string | null, status: 200 | 201) {
  const b = validateBody(commercePoolBody, await ctx.readBody());
  const v = b.restrictions?.validity;
  const input = {
    name: b.name,
    description: b.description ?? null,
    requiresActivation: b.requires_activation ?? false,
    isActive: b.is_active ?? true,
    organisationIds: b.restrictions?.organisations ?? [],
    productCategoryIds: b.restrictions?.product_categories ?? [],
    validFrom: v?.from !== undefined ? isoOfEpochSeconds(v.from) : null,
    validTo: v?.to !== undefined ? isoOfEpochSeconds(v.to) : null,
  };
  const payload = await ctx.gateway.mutate<GqlIdPayload>(DEFINE, { id, input }, 'defineCommercePool', fields);
  sendJson(ctx.res, status, { id: payload.id });
}

const list: Handler = async (ctx) => {
  const paging = parsePaging(queryParams(ctx.url.searchParams, PAGING_PARAMS));
  const data = await ctx.gateway.run(LIST_COMMERCE_POOLS, { ids: null, first: paging.size, offset: (paging.page - 1) * paging.size }, ledgerFields);
  sendJson(ctx.res, 200, paged(paging, data['commercePools'] as { items: GqlCommercePool[]; total: number }, out));
};

const get: Handler = async (ctx) => {
  noQuery(ctx);
  const id = param(ctx, 'id');
  const data = await ctx.gateway.run(LIST_COMMERCE_POOLS, { ids: [id], first: 1, offset: 0 }, ledgerFields);
  const found = (data['commercePools'] as { items: GqlCommercePool[] }).items[0];
  if (!found) throw recordNotFound(POOL, id);
  sendJson(ctx.res, 200, out(found));
};

const create: Handler = async (ctx) => {
  noQuery(ctx);
  await save(ctx, null, 201);
};

const update: Handler = async (ctx) => {
  noQuery(ctx);
  await save(ctx, param(ctx, 'id'), 200);
};

/** GET /backoffice/v2/wallet_limits: the tenant's default wallet limit rules. */
const getLimits: Handler = async (ctx) => {
  noQuery(ctx);
  const data = await ctx.gateway.run(LIMIT_DEFAULTS, {}, ledgerFields);
  sendJson(ctx.res, 200, { limit_rules: (data['walletLimitDefaults'] as Parameters<typeof limitRuleOut>[0][]).map(limitRuleOut) });
};

/** PUT /backoffice/v2/wallet_limits: replaces the tenant's default rules (every wallet without rules of its own). */
const putLimits: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(walletLimitsBody, await ctx.readBody());
  const payload = await ctx.gateway.mutate<GqlIdPayload>(
    SET_LIMIT_DEFAULTS,
    { rules: limitRulesIn(body.limit_rules) },
    'setWalletLimitDefaults',
    (p) => p.replace(/^limitRules/, 'limit_rules'),
  );
  sendJson(ctx.res, 200, { id: payload.id });
};

/** Commerce pools and the tenant's default wallet limits (the ledger domain). */
export const resource = defineResource({
  family: 'backoffice',
  name: 'commerce-pools',
  pathParameters: { id: 'BackOfficeCommercePoolId' },
  openapi: {
    tags: [
      {
        name: TAG,
        description:
          'Commerce pools: conditional wallet credit restricted to organisations, product categories and validity; contacts activate them (the ledger domain).',
      },
    ],
    requestSchemas: [{ name: 'BackOfficeCommercePoolRequest', schema: commercePoolBody }],
    responseSchemas: [
      { name: 'BackOfficeCommercePool', schema: pool },
      { name: 'BackOfficeCommercePoolList', schema: z.strictObject({ paging: pagingResponse, content: z.array(pool) }) },
      { name: 'BackOfficeWalletLimits', schema: walletLimitsResponse },
    ],
    parameters: {
      BackOfficeCommercePoolId: {
        name: 'id',
        in: 'path',
        required: true,
        description: 'The pool GUID.',
        schema: { type: 'string', minLength: 1, maxLength: 64 },
      },
    },
  },
  routes: [
    {
      method: 'GET',
      path: '/backoffice/v2/commerce_pools',
      handler: list,
      operations: [LIST_COMMERCE_POOLS],
      doc: {
        operationId: 'listCommercePoolsBO',
        summary: 'List commerce pools',
        tag: TAG,
        audience: 'backoffice',
        query: ['Page', 'Size', 'IncludeTotal'],
        reads: true,
        success: { status: 200, description: 'The pools, newest first.', schema: 'BackOfficeCommercePoolList' },
      },
    },
    {
      method: 'POST',
      path: '/backoffice/v2/commerce_pools',
      handler: create,
      operations: [DEFINE],
      doc: {
        operationId: 'createCommercePoolBO',
        summary: 'Create a commerce pool',
        description: 'Needs finance.write. restrictions: organisations, product categories, validity {from, to} (epoch seconds).',
        tag: TAG,
        audience: 'backoffice',
        body: 'BackOfficeCommercePoolRequest',
        writes: true,
        success: { status: 201, description: 'Created.', schema: 'IdResult' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/commerce_pools/:id',
      handler: get,
      operations: [LIST_COMMERCE_POOLS],
      doc: {
        operationId: 'getCommercePoolBO',
        summary: 'Get a commerce pool',
        tag: TAG,
        audience: 'backoffice',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The pool.', schema: 'BackOfficeCommercePool' },
      },
    },
    {
      method: 'PUT',
      path: '/backoffice/v2/commerce_pools/:id',
      handler: update,
      operations: [DEFINE],
      doc: {
        operationId: 'updateCommercePoolBO',
        summary: 'Redefine a commerce pool',
        description: 'Needs finance.write. The whole definition.',
        tag: TAG,
        audience: 'backoffice',
        body: 'BackOfficeCommercePoolRequest',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'Updated.', schema: 'IdResult' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/wallet_limits',
      handler: getLimits,
      operations: [LIMIT_DEFAULTS],
      doc: {
        operationId: 'getWalletLimitDefaultsBO',
        summary: "The tenant's default wallet limits",
        tag: TAG,
        audience: 'backoffice',
        reads: true,
        success: { status: 200, description: 'The rules.', schema: 'BackOfficeWalletLimits' },
      },
    },
    {
      method: 'PUT',
      path: '/backoffice/v2/wallet_limits',
      handler: putLimits,
      operations: [SET_LIMIT_DEFAULTS],
      doc: {
        operationId: 'setWalletLimitDefaultsBO',
        summary: "Set the tenant's default wallet limits",
        description: 'Needs finance.write. They apply to every wallet without rules of its own (PUT /self-service/v2/wallets/{id}/limits).',
        tag: TAG,
        audience: 'backoffice',
        body: 'SelfServiceWalletLimitsRequest',
        writes: true,
        success: { status: 200, description: 'Set.', schema: 'IdResult' },
      },
    },
  ],
});
