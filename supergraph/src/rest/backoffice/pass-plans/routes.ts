import type { NotFoundSubject } from '@crm/platform/errors';
import { noQuery, param, sendJson, type Handler } from '../../kit/context';
import { recordNotFound } from '../../kit/errors';
import type { GqlUserError } from '../../kit/operation';
import { validateBody } from '../../kit/body';
import { pageEnvelope, parsePaging, PAGING_PARAMS } from '../../kit/paging';
import { canonicalPathId, idempotencyKeyOf, isUuid, queryParams } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { CREATE_PASS_PLAN, GET_PASS_PLAN, ISSUE_PASSES, LIST_PASS_PLANS, UPDATE_PASS_PLAN, type GqlPassPlan } from '../../domains/passes/operations';
import { passBatchBody, passPlanBody } from '../../domains/passes/bodies';
import { issuedOut, passPlanFields, passPlanInput, toBackOfficePassPlan, type Issued } from '../../domains/passes/mapper';
import { backOfficePassPlanListResponse, backOfficePassPlanResponse, passBatchResponse } from '../../domains/passes/schemas';
import { passesParameters } from '../../domains/passes/openapi';

const TAG = 'Pass Plans (Back-Office)';
const SUBJECT = 'pass plan' as NotFoundSubject;
type Payload = { id: string | null; consistencyToken: string | null; errors: GqlUserError[] };
const create: Handler = async (ctx) => {
  noQuery(ctx);
  const b = validateBody(passPlanBody, await ctx.readBody());
  const payload = await ctx.gateway.mutate<Payload>(
    CREATE_PASS_PLAN,
    { input: passPlanInput(b), idempotencyKey: idempotencyKeyOf(ctx.req) },
    'createPassPlan',
    passPlanFields,
  );
  sendJson(ctx.res, 201, { id: payload.id });
};

async function planOf(ctx: Parameters<Handler>[0]): Promise<GqlPassPlan> {
  const raw = param(ctx, 'id');
  if (!isUuid(raw)) throw recordNotFound(SUBJECT, raw);
  const data = await ctx.gateway.run(GET_PASS_PLAN, { id: canonicalPathId(raw) }, passPlanFields);
  const found = data['passPlan'] as GqlPassPlan | null;
  if (!found) throw recordNotFound(SUBJECT, raw);
  return found;
}

const get: Handler = async (ctx) => {
  noQuery(ctx);
  sendJson(ctx.res, 200, toBackOfficePassPlan(await planOf(ctx)));
};

const list: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, [...PAGING_PARAMS, 'state', 'currency_code', 'search_value']);
  const paging = parsePaging(params);
  const data = await ctx.gateway.run(
    LIST_PASS_PLANS,
    {
      currency: params.get('currency_code') ?? null,
      search: params.get('search_value') ?? null,
      state: params.get('state') ?? null,
      ascending: false,
      page: paging.page,
      size: paging.size,
    },
    passPlanFields,
  );
  sendJson(ctx.res, 200, pageEnvelope(paging, data['passPlans'] as { items: GqlPassPlan[]; total: number }, toBackOfficePassPlan));
};

/** PUT /backoffice/v2/pass_plans/{id}: the whole plan again; its terms can change only while it has no passes (409). */
const update: Handler = async (ctx) => {
  noQuery(ctx);
  const { id } = await planOf(ctx);
  const b = validateBody(passPlanBody, await ctx.readBody());
  await ctx.gateway.mutate<Payload>(UPDATE_PASS_PLAN, { id, input: passPlanInput(b) }, 'updatePassPlan', passPlanFields);
  sendJson(ctx.res, 200, { id });
};

/** POST /backoffice/v2/pass_plans/{id}/batches {number_of_passes, pass_value?}: a printed batch; codes and PINs answered once. */
const batch: Handler = async (ctx) => {
  noQuery(ctx);
  const { id } = await planOf(ctx);
  const b = validateBody(passBatchBody, await ctx.readBody());
  const payload = await ctx.gateway.mutate<{ batchId: string | null; passes: Issued[]; consistencyToken: string | null; errors: GqlUserError[] }>(
    ISSUE_PASSES,
    { input: { passPlanId: id, count: b.number_of_passes, passValue: b.pass_value ?? null, printed: true } },
    'issuePasses',
    (p) => passPlanFields(p.replace(/^count$/, 'numberOfPasses')),
  );
  sendJson(ctx.res, 201, { batch_id: payload.batchId, passes: payload.passes.map(issuedOut) });
};

/** Pass plans: create (ACTIVE unless INACTIVE), list, read, update (terms frozen once it has passes), printed batches. */
export const resource = defineResource({
  family: 'backoffice',
  name: 'pass-plans',
  pathParameters: { id: 'PassPlanId' },
  openapi: {
    tags: [
      {
        name: TAG,
        description:
          'Pass plans: GIFT, TOPUP or PROMOTION passes, their value options (fixed values or a range), validity, code format and PIN, the wallet pocket their value credits.',
      },
    ],
    parameters: passesParameters,
    requestSchemas: [
      { name: 'PassPlanBO', schema: passPlanBody },
      { name: 'PassBatchCreateBO', schema: passBatchBody },
    ],
    responseSchemas: [
      { name: 'PassPlanViewBO', schema: backOfficePassPlanResponse },
      { name: 'PassPlanListBO', schema: backOfficePassPlanListResponse },
      { name: 'PassBatchBO', schema: passBatchResponse },
    ],
  },
  routes: [
    {
      method: 'POST',
      path: '/backoffice/v2/pass_plans',
      handler: create,
      operations: [CREATE_PASS_PLAN],
      pathParameters: {},
      doc: {
        operationId: 'createPassPlanBO',
        summary: 'Create a pass plan',
        description: 'ACTIVE unless state INACTIVE. Needs rewards.write.',
        tag: TAG,
        audience: 'backoffice',
        body: 'PassPlanBO',
        idempotencyKey: true,
        writes: true,
        success: { status: 201, description: 'Created.', schema: 'IdResult' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/pass_plans',
      handler: list,
      operations: [LIST_PASS_PLANS],
      pathParameters: {},
      doc: {
        operationId: 'listPassPlansBO',
        summary: 'List pass plans',
        tag: TAG,
        audience: 'backoffice',
        query: ['Page', 'Size', 'IncludeTotal', 'PassPlanStateQuery', 'PassCurrencyQuery', 'PassSearchQuery'],
        reads: true,
        success: { status: 200, description: 'A page of plans, newest first.', schema: 'PassPlanListBO' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/pass_plans/:id',
      handler: get,
      operations: [GET_PASS_PLAN],
      doc: {
        operationId: 'getPassPlanBO',
        summary: 'Get a pass plan',
        tag: TAG,
        audience: 'backoffice',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The plan.', schema: 'PassPlanViewBO' },
      },
    },
    {
      method: 'PUT',
      path: '/backoffice/v2/pass_plans/:id',
      handler: update,
      operations: [GET_PASS_PLAN, UPDATE_PASS_PLAN],
      doc: {
        operationId: 'updatePassPlanBO',
        summary: 'Update a pass plan',
        description: 'Name, description and state always; the terms only while the plan has no passes (409 PASS_PLAN_HAS_PASSES).',
        tag: TAG,
        audience: 'backoffice',
        body: 'PassPlanBO',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'Updated.', schema: 'IdResult' },
      },
    },
    {
      method: 'POST',
      path: '/backoffice/v2/pass_plans/:id/batches',
      handler: batch,
      operations: [GET_PASS_PLAN, ISSUE_PASSES],
      doc: {
        operationId: 'createPassBatchBO',
        summary: 'Issue a printed batch of passes',
        description: 'Up to 1000 passes of an ACTIVE plan; each code (and PIN) is answered here only and kept hashed.',
        tag: TAG,
        audience: 'backoffice',
        body: 'PassBatchCreateBO',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 201, description: 'The batch and its passes’ codes.', schema: 'PassBatchBO' },
      },
    },
  ],
});
