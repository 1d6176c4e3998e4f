import type { NotFoundSubject } from '@crm/platform/errors';
import { AppError } from '@crm/platform/errors';
import { sendJson, type Handler } from '../../kit/context';
import { recordNotFound } from '../../kit/errors';
import type { GqlUserError } from '../../kit/operation';
import { validateBody } from '../../kit/body';
import { pageEnvelope, parsePaging, PAGING_PARAMS } from '../../kit/paging';
import { queryParams } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { LIST_PASS_PLANS, PROMO_PASS, REDEEM_PASS, type GqlPass, type GqlPassPlan } from '../../domains/passes/operations';
import { redeemPassBody } from '../../domains/passes/bodies';
import { passPlanFields, toPromoPassView, toSelfServicePassPlan } from '../../domains/passes/mapper';
import { redeemPassResponse, selfServicePassPlanListResponse } from '../../domains/passes/schemas';
import { passesParameters } from '../../domains/passes/openapi';

const TAG = 'Passes';
type Payload = { id: string | null; consistencyToken: string | null; errors: GqlUserError[] };

/** GET /self-service/v2/pass_plans: the ACTIVE plans, newest first unless order=ASC. */
const listPlans: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, [...PAGING_PARAMS, 'currency_code', 'product_id', 'search_value', 'order', 'sort']);
  const paging = parsePaging(params);
  const order = params.get('order') ?? 'DESC';
  if (order !== 'ASC' && order !== 'DESC') throw AppError.validation('order', 'must be ASC or DESC', 'INVALID_VALUE');
  const sort = params.get('sort') ?? 'CREATED_DATE';
  if (sort !== 'CREATED_DATE') throw AppError.validation('sort', 'only CREATED_DATE is supported', 'INVALID_VALUE');
  const data = await ctx.gateway.run(
    LIST_PASS_PLANS,
    {
      currency: params.get('currency_code')?.replace(/"/g, '') ?? null,
      search: params.get('search_value') ?? null,
      state: null,
      ascending: order === 'ASC',
      page: paging.page,
      size: paging.size,
    },
    passPlanFields,
  );
  sendJson(ctx.res, 200, pageEnvelope(paging, data['passPlans'] as { items: GqlPassPlan[]; total: number }, toSelfServicePassPlan));
};

/** POST /self-service/v2/passes/redeem: the pass's value goes to the contact's wallet (once). */
const redeem: Handler = async (ctx) => {
  queryParams(ctx.url.searchParams, []);
  const b = validateBody(redeemPassBody, await ctx.readBody());
  const payload = await ctx.gateway.mutate<Payload>(
    REDEEM_PASS,
    { input: { code: b.code, pin: b.pin ?? null, contactId: b.contact_id ?? null, organisationId: b.organisation.id ?? null } },
    'redeemPass',
    passPlanFields,
  );
  sendJson(ctx.res, 200, { id: payload.id });
};

/** GET /self-service/v2/passes/view_promo_pass?token=: a promotion pass by the view token given at its issue. */
const viewPromoPass: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, ['token']);
  const token = params.get('token');
  if (!token) throw AppError.validation('token', 'is required', 'REQUIRED');
  const data = await ctx.gateway.run(PROMO_PASS, { token }, passPlanFields);
  const found = data['promoPass'] as GqlPass | null;
  if (!found) throw recordNotFound('pass' as NotFoundSubject, 'token');
  // the contract declares no JSON body: this is the page a promotion pass's link opens
  const v = toPromoPassView(found);
  const esc = (x: unknown) => String(x).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const body = Buffer.from(
    `<!doctype html><html><head><meta charset="utf-8"><title>Promotion pass</title></head><body>` +
      `<h1>Promotion pass</h1><dl data-pass-id="${esc(v['id'])}">` +
      `<dt>Value</dt><dd data-value="${esc(v['value'])}">${esc(v['value'])} ${esc(v['currency_code'])}</dd>` +
      `<dt>State</dt><dd data-state="${esc(v['state'])}">${esc(v['state'])}</dd>` +
      `<dt>Code ending</dt><dd>${esc(v['code_hint'])}</dd>` +
      (v['expiration_date'] ? `<dt>Valid until</dt><dd>${esc(new Date(Number(v['expiration_date']) * 1000).toISOString().slice(0, 10))}</dd>` : '') +
      `</dl></body></html>`,
  );
  ctx.res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': String(body.length),
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'",
    'x-content-type-options': 'nosniff',
  });
  ctx.res.end(body);
};

/** Passes: the plans a contact can buy or receive, redeeming a pass into the wallet, a promotion pass's view. */
export const resource = defineResource({
  family: 'self-service',
  name: 'passes',
  openapi: {
    tags: [
      {
        name: TAG,
        description: 'Pass plans and passes (gift cards, top-up vouchers, promotion codes): the rewards domain; value moves through the ledger.',
      },
    ],
    parameters: passesParameters,
    requestSchemas: [{ name: 'RedeemPassSS', schema: redeemPassBody }],
    responseSchemas: [
      { name: 'PassPlanListSS', schema: selfServicePassPlanListResponse },
      { name: 'RedeemPassResultSS', schema: redeemPassResponse },
    ],
  },
  routes: [
    {
      method: 'GET',
      path: '/self-service/v2/pass_plans',
      handler: listPlans,
      operations: [LIST_PASS_PLANS],
      pathParameters: {},
      doc: {
        operationId: 'listPassPlansSS',
        summary: 'List pass plans',
        tag: TAG,
        audience: 'selfservice',
        query: ['PassCurrencyQuery', 'PassProductQuery', 'PassSearchQuery', 'IncludeTotal', 'PassOrderQuery', 'Page', 'Size', 'PassSortQuery'],
        reads: true,
        success: { status: 200, description: 'A page of ACTIVE pass plans.', schema: 'PassPlanListSS' },
      },
    },
    {
      method: 'POST',
      path: '/self-service/v2/passes/redeem',
      handler: redeem,
      operations: [REDEEM_PASS],
      pathParameters: {},
      doc: {
        operationId: 'redeemPassSS',
        summary: 'Redeem a pass',
        description:
          'Credits the pass value to the contact’s wallet through the ledger, exactly once: a second redeem (also a concurrent one) is a 400 (or a 409 when it raced) and moves nothing. A wrong PIN, an expired or cancelled pass are 400 naming the field.',
        tag: TAG,
        audience: 'selfservice',
        body: 'RedeemPassSS',
        writes: true,
        success: { status: 200, description: 'The pass redeemed.', schema: 'RedeemPassResultSS' },
      },
    },
    {
      method: 'GET',
      path: '/self-service/v2/passes/view_promo_pass',
      handler: viewPromoPass,
      operations: [PROMO_PASS],
      pathParameters: {},
      doc: {
        operationId: 'viewPromoPassSS',
        summary: 'View a promotion pass',
        description: 'By the view token given at the pass’s issue; the api_key names the tenant.',
        tag: TAG,
        audience: 'apiKeyOnly',
        query: ['PromoPassTokenQuery'],
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The pass’s page (text/html; its code is not shown).', binary: true },
      },
    },
  ],
});
