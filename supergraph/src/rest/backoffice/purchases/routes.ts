import { noQuery, param, sendJson, type Handler } from '../../kit/context';
import type { GqlUserError } from '../../kit/operation';
import { validateBody } from '../../kit/body';
import { invalid, recordNotFound } from '../../kit/errors';
import { isoOfEpochSeconds } from '../../kit/format';
import { pageEnvelope, parsePaging, PAGING_PARAMS } from '../../kit/paging';
import { canonicalPathId, idempotencyKeyOf, isUuid, queryParams } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { GET_PURCHASE, LIST_PURCHASES, PURCHASE_ACTION, SUBMIT_PURCHASE, type GqlPurchase } from '../../domains/rewards/operations';
import { purchaseActionBody, submitPurchaseBody } from '../../domains/rewards/bodies';
import {
  backOfficePurchaseListResponse,
  backOfficePurchaseResponse,
  purchaseCreatedResponse,
  purchaseExplanationResponse,
} from '../../domains/rewards/schemas';
import { toBackOfficePurchase, toExplanation } from '../../domains/rewards/mapper';
import { rewardsParameters } from '../../domains/rewards/openapi';
import { PURCHASE, purchaseOf } from '../../domains/rewards/purchases';

const TAG = 'Purchases (Back-Office)';
type Payload = { id: string | null; referenceNumber: string | null; consistencyToken: string | null; errors: GqlUserError[] };

/** The write side names most fields as the body does; the input's own names map back to it. */
const purchaseFields = (path: string) =>
  path
    .replace(/^contactOtp/, 'contact.otp')
    .replace(/^contactId|^contactCode/, 'contact')
    .replace(/^amounts\./, 'transaction_amounts.')
    .replace(/^spendRequest\.restrictFullyCovered/, 'spend_request.restrict_fully_covered')
    .replace(/^spendRequest/, 'spend_request')
    .replace(/^currency$/, 'currency_code')
    .replace(/^organisationId/, 'organisation.id');

/**
 * POST /backoffice/v2/purchases (secret key, POS): 201 {id, reference_number}. Awards are posted
 * through the ledger; a spend request debits the wallet at once, and with restrict_fully_covered
 * a wallet that cannot cover it refuses the whole purchase (400 CANNOTSPEND…, nothing posted).
 * An Idempotency-Key makes a retry return the first purchase and move nothing again.
 */
const submitPurchase: Handler = async (ctx) => {
  noQuery(ctx);
  const b = validateBody(submitPurchaseBody, await ctx.readBody());
  if (!b.contact.id && !b.contact.code && !b.contact.otp) throw invalid('contact', 'identify the contact by id, code or otp', 'REQUIRED');
  const input = {
    contactId: b.contact.id ?? null,
    contactCode: b.contact.id ? null : (b.contact.code ?? null),
    contactOtp: b.contact.id || b.contact.code ? null : (b.contact.otp ?? null),
    organisationId: b.organisation?.id ?? null,
    currency: b.currency_code ?? null,
    amounts: {
      total: b.transaction_amounts.total,
      net: b.transaction_amounts.net,
      tax: b.transaction_amounts.tax ?? null,
      discount: b.transaction_amounts.discount ?? null,
    },
    classification: b.classification?.name ?? null,
    products: (b.products ?? []).map((p) => ({
      sku: p.product_sku,
      category: p.product_category ?? null,
      quantity: p.quantity ?? 1,
      net: p.net_amount,
    })),
    spendRequest: b.spend_request ? { amount: b.spend_request.amount, restrictFullyCovered: b.spend_request.restrict_fully_covered ?? false } : null,
    purchasedAt: b.date === undefined ? null : isoOfEpochSeconds(b.date),
  };
  const payload = await ctx.gateway.mutate<Payload>(
    SUBMIT_PURCHASE,
    { input, idempotencyKey: idempotencyKeyOf(ctx.req) },
    'submitPurchase',
    purchaseFields,
  );
  sendJson(ctx.res, 201, { id: payload.id, reference_number: payload.referenceNumber });
};

const listPurchases: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, [...PAGING_PARAMS, 'contact_id']);
  const paging = parsePaging(params);
  const data = await ctx.gateway.run(
    LIST_PURCHASES,
    { contactId: params.get('contact_id') ?? null, page: paging.page, size: paging.size },
    purchaseFields,
  );
  sendJson(ctx.res, 200, pageEnvelope(paging, data['purchases'] as { items: GqlPurchase[]; total: number }, toBackOfficePurchase));
};

const getPurchase: Handler = async (ctx) => {
  noQuery(ctx);
  sendJson(ctx.res, 200, toBackOfficePurchase(await purchaseOf(ctx)));
};

/** GET /backoffice/v2/purchases/{id}/explanation: every active offer considered, each condition, the resolution and what was posted. */
const explain: Handler = async (ctx) => {
  noQuery(ctx);
  sendJson(ctx.res, 200, toExplanation(await purchaseOf(ctx)));
};

/** POST /backoffice/v2/purchases/{id}/actions {action: CANCEL | RETURN, transaction_amounts{net}}. */
const act: Handler = async (ctx) => {
  noQuery(ctx);
  const raw = param(ctx, 'id');
  if (!isUuid(raw)) throw recordNotFound(PURCHASE, raw);
  const id = canonicalPathId(raw);
  const b = validateBody(purchaseActionBody, await ctx.readBody());
  if (b.action === 'RETURN' && !b.transaction_amounts) throw invalid('transaction_amounts.net', 'a return names the net amount returned', 'REQUIRED');
  await ctx.gateway.mutate<Payload>(
    PURCHASE_ACTION,
    { id, input: { action: b.action, net: b.transaction_amounts?.net ?? null } },
    'purchaseAction',
    purchaseFields,
  );
  sendJson(ctx.res, 200, { id });
};

/** Purchases (customer events) from a POS: submit, list, read, explain, cancel and return. */
export const resource = defineResource({
  family: 'backoffice',
  name: 'purchases',
  pathParameters: { id: 'PurchaseId' },
  openapi: {
    tags: [
      {
        name: TAG,
        description:
          'POS purchases with the secret key: awards through the ledger, spend requests, cancellations, returns and the explanation of awards.',
      },
    ],
    parameters: rewardsParameters,
    requestSchemas: [
      { name: 'PurchaseSubmitBO', schema: submitPurchaseBody },
      { name: 'PurchaseActionBO', schema: purchaseActionBody },
    ],
    responseSchemas: [
      { name: 'PurchaseCreatedBO', schema: purchaseCreatedResponse },
      { name: 'PurchaseBO', schema: backOfficePurchaseResponse },
      { name: 'PurchaseListBO', schema: backOfficePurchaseListResponse },
      { name: 'PurchaseExplanationBO', schema: purchaseExplanationResponse },
    ],
  },
  routes: [
    {
      method: 'POST',
      path: '/backoffice/v2/purchases',
      handler: submitPurchase,
      operations: [SUBMIT_PURCHASE],
      doc: {
        operationId: 'submitPurchaseBO',
        summary: 'Submit a purchase (POS)',
        description:
          'Needs rewards.write (a secret key). 400 CRM.EXCEPTIONS.CANNOTSPENDAMOUNTWALLETBALANCENOTENOUGHEXCEPTION when a spend request with restrict_fully_covered cannot be covered (nothing is posted).',
        tag: TAG,
        audience: 'backoffice',
        body: 'PurchaseSubmitBO',
        idempotencyKey: true,
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 201, description: 'Posted.', schema: 'PurchaseCreatedBO' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/purchases',
      handler: listPurchases,
      operations: [LIST_PURCHASES],
      pathParameters: {},
      doc: {
        operationId: 'listPurchasesBO',
        summary: 'List purchases',
        tag: TAG,
        audience: 'backoffice',
        query: ['Page', 'Size', 'IncludeTotal', 'PurchaseContactQuery'],
        reads: true,
        success: { status: 200, description: 'A page of purchases, newest first.', schema: 'PurchaseListBO' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/purchases/:id',
      handler: getPurchase,
      operations: [GET_PURCHASE],
      doc: {
        operationId: 'getPurchaseBO',
        summary: 'Get a purchase',
        tag: TAG,
        audience: 'backoffice',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The purchase with its ledger postings.', schema: 'PurchaseBO' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/purchases/:id/explanation',
      handler: explain,
      operations: [GET_PURCHASE],
      doc: {
        operationId: 'explainPurchaseBO',
        summary: 'Explain a purchase’s awards',
        tag: TAG,
        audience: 'backoffice',
        reads: true,
        notFound: 'RecordNotFound',
        success: {
          status: 200,
          description: 'Every active offer considered, its conditions, the resolution and the postings.',
          schema: 'PurchaseExplanationBO',
        },
      },
    },
    {
      method: 'POST',
      path: '/backoffice/v2/purchases/:id/actions',
      handler: act,
      operations: [PURCHASE_ACTION],
      doc: {
        operationId: 'purchaseActionBO',
        summary: 'Cancel or return (part of) a purchase',
        tag: TAG,
        audience: 'backoffice',
        body: 'PurchaseActionBO',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'Done; the ledger steps follow.', schema: 'IdResult' },
      },
    },
  ],
});
