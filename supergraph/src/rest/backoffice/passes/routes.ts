import type { NotFoundSubject } from '@crm/platform/errors';
import { noQuery, param, sendJson, type Handler } from '../../kit/context';
import { recordNotFound } from '../../kit/errors';
import type { GqlUserError } from '../../kit/operation';
import { validateBody } from '../../kit/body';
import { pageEnvelope, parsePaging, PAGING_PARAMS } from '../../kit/paging';
import { canonicalPathId, isUuid, queryParams } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { GET_PASS, ISSUE_PASSES, LIST_PASSES, REDEEM_PASS, SET_PASS_STATE, type GqlPass } from '../../domains/passes/operations';
import { createPassBody, passStateBody, redeemPassBody } from '../../domains/passes/bodies';
import { issuedOut, passPlanFields, toPass, type Issued } from '../../domains/passes/mapper';
import { backOfficeRedeemPassResponse, issuedPassResponse, passListResponse, passResponse } from '../../domains/passes/schemas';
import { passesParameters } from '../../domains/passes/openapi';

const TAG = 'Passes (Back-Office)';
const SUBJECT = 'pass' as NotFoundSubject;
type Payload = { id: string | null; consistencyToken: string | null; errors: GqlUserError[] };

/** POST /backoffice/v2/passes → 201 {id, code, pin?}: one pass (a gift to a recipient); code and PIN answered once. */
const create: Handler = async (ctx) => {
  noQuery(ctx);
  const b = validateBody(createPassBody, await ctx.readBody());
  const payload = await ctx.gateway.mutate<{ batchId: string | null; passes: Issued[]; consistencyToken: string | null; errors: GqlUserError[] }>(
    ISSUE_PASSES,
    {
      input: {
        passPlanId: b.pass_plan_id,
        count: 1,
        passValue: b.pass_value ?? null,
        printed: false,
        recipient: b.recipient
          ? { name: b.recipient.name ?? null, mediumType: b.recipient.medium_type ?? null, mediumValue: b.recipient.medium_value ?? null }
          : null,
        giftSender: b.gift_sender ? { name: b.gift_sender.name ?? null, message: b.gift_sender.message ?? null } : null,
      },
    },
    'issuePasses',
    passPlanFields,
  );
  sendJson(ctx.res, 201, issuedOut(payload.passes[0]!));
};

async function passOf(ctx: Parameters<Handler>[0]): Promise<GqlPass> {
  const raw = param(ctx, 'id');
  if (!isUuid(raw)) throw recordNotFound(SUBJECT, raw);
  const data = await ctx.gateway.run(GET_PASS, { id: canonicalPathId(raw) }, passPlanFields);
  const found = data['pass'] as GqlPass | null;
  if (!found) throw recordNotFound(SUBJECT, raw);
  return found;
}

const get: Handler = async (ctx) => {
  noQuery(ctx);
  sendJson(ctx.res, 200, toPass(await passOf(ctx)));
};

const list: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, [...PAGING_PARAMS, 'state', 'pass_plan_id', 'contact_id']);
  const paging = parsePaging(params);
  const data = await ctx.gateway.run(
    LIST_PASSES,
    {
      planId: params.get('pass_plan_id') ?? null,
      state: params.get('state') ?? null,
      contactId: params.get('contact_id') ?? null,
      page: paging.page,
      size: paging.size,
    },
    passPlanFields,
  );
  sendJson(ctx.res, 200, pageEnvelope(paging, data['passes'] as { items: GqlPass[]; total: number }, toPass));
};

/** PUT /backoffice/v2/passes/{id} {state: CANCELLED|ACTIVE}. */
const update: Handler = async (ctx) => {
  noQuery(ctx);
  const { id } = await passOf(ctx);
  const b = validateBody(passStateBody, await ctx.readBody());
  await ctx.gateway.mutate<Payload>(SET_PASS_STATE, { id, state: b.state }, 'setPassState', passPlanFields);
  sendJson(ctx.res, 200, { id });
};

/** POST /backoffice/v2/passes/redeem: as the self-service redeem, for a named contact (e.g. at a till). */
const redeem: Handler = async (ctx) => {
  noQuery(ctx);
  const b = validateBody(redeemPassBody, await ctx.readBody());
  const payload = await ctx.gateway.mutate<Payload & { value: string | null; currency: string | null; transactionId: string | null }>(
    REDEEM_PASS,
    { input: { code: b.code, pin: b.pin ?? null, contactId: b.contact_id ?? null, organisationId: b.organisation.id ?? null } },
    'redeemPass',
    passPlanFields,
  );
  sendJson(ctx.res, 200, {
    id: payload.id,
    value: Number(payload.value ?? '0'),
    currency_code: payload.currency ?? '',
    ...(payload.transactionId ? { transaction_id: payload.transactionId } : {}),
  });
};

/** Passes: issue one, list, read, cancel, redeem for a contact. */
export const resource = defineResource({
  family: 'backoffice',
  name: 'passes',
  pathParameters: { id: 'PassId' },
  openapi: {
    tags: [
      {
        name: TAG,
        description: 'Passes: issued from a plan (code and PIN answered once, kept hashed), redeemed once into a wallet through the ledger.',
      },
    ],
    parameters: passesParameters,
    requestSchemas: [
      { name: 'PassCreateBO', schema: createPassBody },
      { name: 'PassStateBO', schema: passStateBody },
      { name: 'RedeemPassBO', schema: redeemPassBody },
    ],
    responseSchemas: [
      { name: 'IssuedPassBO', schema: issuedPassResponse },
      { name: 'PassViewBO', schema: passResponse },
      { name: 'PassListBO', schema: passListResponse },
      { name: 'RedeemPassResultBO', schema: backOfficeRedeemPassResponse },
    ],
  },
  routes: [
    {
      method: 'POST',
      path: '/backoffice/v2/passes',
      handler: create,
      operations: [ISSUE_PASSES],
      pathParameters: {},
      doc: {
        operationId: 'createPassBO',
        summary: 'Issue a pass',
        tag: TAG,
        audience: 'backoffice',
        body: 'PassCreateBO',
        writes: true,
        success: { status: 201, description: 'The pass with its code (and PIN), answered once.', schema: 'IssuedPassBO' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/passes',
      handler: list,
      operations: [LIST_PASSES],
      pathParameters: {},
      doc: {
        operationId: 'listPassesBO',
        summary: 'List passes',
        tag: TAG,
        audience: 'backoffice',
        query: ['Page', 'Size', 'IncludeTotal', 'PassStateQuery', 'PassPlanIdQuery', 'PassContactQuery'],
        reads: true,
        success: { status: 200, description: 'A page of passes, newest first.', schema: 'PassListBO' },
      },
    },
    {
      method: 'POST',
      path: '/backoffice/v2/passes/redeem',
      handler: redeem,
      operations: [REDEEM_PASS],
      pathParameters: {},
      doc: {
        operationId: 'redeemPassBO',
        summary: 'Redeem a pass for a contact',
        description: 'contact_id is required here. Exactly once, as the self-service redeem.',
        tag: TAG,
        audience: 'backoffice',
        body: 'RedeemPassBO',
        writes: true,
        success: { status: 200, description: 'The pass redeemed and the value credited.', schema: 'RedeemPassResultBO' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/passes/:id',
      handler: get,
      operations: [GET_PASS],
      doc: {
        operationId: 'getPassBO',
        summary: 'Get a pass',
        tag: TAG,
        audience: 'backoffice',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The pass (its code is not shown).', schema: 'PassViewBO' },
      },
    },
    {
      method: 'PUT',
      path: '/backoffice/v2/passes/:id',
      handler: update,
      operations: [GET_PASS, SET_PASS_STATE],
      doc: {
        operationId: 'updatePassBO',
        summary: 'Cancel or re-activate a pass',
        tag: TAG,
        audience: 'backoffice',
        body: 'PassStateBO',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'Updated.', schema: 'IdResult' },
      },
    },
  ],
});
