import { randomUUID } from 'node:crypto';
import { AppError, type NotFoundSubject } from '@crm/platform/errors';
import { noQuery, param, sendJson, type Handler } from '../../kit/context';
import { validateBody } from '../../kit/body';
import { recordNotFound } from '../../kit/errors';
import { parsePaging, PAGING_PARAMS } from '../../kit/paging';
import { idempotencyKeyOf, isUuid, queryParams } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { amountIn } from '../../domains/ledger/mapper';
import { GET_PAYMENT, LIST_PAYMENTS, REFUND_PAYMENT, type GqlOutcomePayload, type GqlPaymentView } from '../../domains/billing/payments-operations';
import { backOfficePaymentListResponse, backOfficePaymentResponse, refundBody, voidBody } from '../../domains/billing/payments-schemas';
import { paymentFields, toBackOfficePayment } from '../../domains/billing/payments-mapper';

const TAG = 'Payments';
const PAYMENT = 'payment' as NotFoundSubject;
const STATES = ['REQUESTED', 'CHARGED', 'DECLINED', 'POSTED', 'REFUNDED', 'VOIDED'];

/** GET /backoffice/v2/payments?contact_id=&state=: payments, newest first. */
const listPayments: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, [...PAGING_PARAMS, 'contact_id', 'state']);
  const paging = parsePaging(params);
  const state = params.get('state')?.trim().toUpperCase() ?? null;
  if (state && !STATES.includes(state)) throw AppError.validation('state', `must be one of ${STATES.join(', ')}`, 'INVALID_ENUM');
  const contactId = params.get('contact_id') ?? null;
  if (contactId !== null && !isUuid(contactId)) {
    sendJson(ctx.res, 200, { paging: { page: paging.page, size: paging.size, has_more: false }, content: [] });
    return;
  }
  const data = await ctx.gateway.run(LIST_PAYMENTS, { contactId, status: state, page: paging.page, size: paging.size }, paymentFields);
  const page = data['billingPayments'] as { items: GqlPaymentView[]; hasMore: boolean };
  sendJson(ctx.res, 200, { paging: { page: paging.page, size: paging.size, has_more: page.hasMore }, content: page.items.map(toBackOfficePayment) });
};

/** GET /backoffice/v2/payments/{id}: one payment with its refunds. */
const getPayment: Handler = async (ctx) => {
  noQuery(ctx);
  const id = param(ctx, 'id');
  if (!isUuid(id)) throw recordNotFound(PAYMENT, id);
  const v = (await ctx.gateway.run(GET_PAYMENT, { id }, paymentFields))['billingPayment'] as GqlPaymentView | null;
  if (!v) throw recordNotFound(PAYMENT, id);
  sendJson(ctx.res, 200, toBackOfficePayment(v));
};

async function refund(ctx: Parameters<Handler>[0], input: { amount: string | null; void: boolean; notes: string | null }): Promise<void> {
  const id = param(ctx, 'id');
  if (!isUuid(id)) throw recordNotFound(PAYMENT, id);
  const payload = await ctx.gateway.mutate<GqlOutcomePayload>(
    REFUND_PAYMENT,
    { paymentId: id, ...input, idempotencyKey: idempotencyKeyOf(ctx.req) ?? `rest:${randomUUID()}` },
    'refundPayment',
    paymentFields,
  );
  for (const token of payload.consistencyTokens) await ctx.gateway.remember(token);
  sendJson(ctx.res, 201, { id: payload.payment?.id });
}

/** POST /backoffice/v2/payments/{id}/refunds {amount?, notes?} → 201 `{id}`: refunds all that is left, or amount of it. */
const refundPayment: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(refundBody, await ctx.readOptionalBody());
  await refund(ctx, { amount: body.amount === undefined ? null : amountIn(body.amount), void: false, notes: body.notes ?? null });
};

/** POST /backoffice/v2/payments/{id}/void {notes?} → 201 `{id}`: the whole payment refunded and its ledger credit reversed. */
const voidPayment: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(voidBody, await ctx.readOptionalBody());
  await refund(ctx, { amount: null, void: true, notes: body.notes ?? null });
};

/** Payments: the billing domain's payments, their refunds and voids (our shapes; NOTES §4.3). */
export const resource = defineResource({
  family: 'backoffice',
  name: 'payments',
  pathParameters: { id: 'PaymentId' },
  openapi: {
    tags: [{ name: TAG, description: 'Payments into contact accounts, their refunds and voids (the billing domain).' }],
    requestSchemas: [
      { name: 'RefundPaymentRequest', schema: refundBody },
      { name: 'VoidPaymentRequest', schema: voidBody },
    ],
    responseSchemas: [
      { name: 'BackOfficePayment', schema: backOfficePaymentResponse },
      { name: 'BackOfficePaymentList', schema: backOfficePaymentListResponse },
    ],
    parameters: {
      PaymentId: {
        name: 'id',
        in: 'path',
        required: true,
        description: 'The payment GUID.',
        schema: { type: 'string', minLength: 1, maxLength: 64 },
      },
      PaymentContactId: { name: 'contact_id', in: 'query', description: 'Only this contact’s payments.', schema: { type: 'string' } },
      PaymentState: { name: 'state', in: 'query', description: 'Only payments in this state.', schema: { type: 'string', enum: STATES } },
    },
  },
  routes: [
    {
      method: 'GET',
      path: '/backoffice/v2/payments',
      handler: listPayments,
      operations: [LIST_PAYMENTS],
      doc: {
        operationId: 'listPaymentsBO',
        summary: 'List payments',
        description: 'Payments, newest first. Needs billing.read.',
        tag: TAG,
        audience: 'backoffice',
        query: ['PaymentContactId', 'PaymentState', 'Page', 'Size'],
        reads: true,
        success: { status: 200, description: 'The payments.', schema: 'BackOfficePaymentList' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/payments/:id',
      handler: getPayment,
      operations: [GET_PAYMENT],
      doc: {
        operationId: 'getPaymentBO',
        summary: 'Get a payment',
        description: 'One payment with its refunds. Needs billing.read.',
        tag: TAG,
        audience: 'backoffice',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The payment.', schema: 'BackOfficePayment' },
      },
    },
    {
      method: 'POST',
      path: '/backoffice/v2/payments/:id/refunds',
      handler: refundPayment,
      operations: [REFUND_PAYMENT],
      doc: {
        operationId: 'refundPaymentBO',
        summary: 'Refund a payment',
        description:
          'Refunds all that is left of a POSTED payment, or amount of it: the gateway refunds, then the ledger debits the account (transaction type REFUND). More than is left: 400. Idempotency-Key: a retry finishes the same refund, never a second one. Needs billing.write.',
        tag: TAG,
        audience: 'backoffice',
        body: 'RefundPaymentRequest',
        bodyOptional: true,
        idempotencyKey: true,
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 201, description: 'Refunded; the id of the payment.', schema: 'IdResult' },
      },
    },
    {
      method: 'POST',
      path: '/backoffice/v2/payments/:id/void',
      handler: voidPayment,
      operations: [REFUND_PAYMENT],
      doc: {
        operationId: 'voidPaymentBO',
        summary: 'Void a payment',
        description:
          'Cancels a POSTED payment that has no refund yet: the gateway refunds it whole and its ledger credit is reversed (state VOIDED). Again: 409. Needs billing.write.',
        tag: TAG,
        audience: 'backoffice',
        body: 'VoidPaymentRequest',
        bodyOptional: true,
        idempotencyKey: true,
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 201, description: 'Voided; the id of the payment.', schema: 'IdResult' },
      },
    },
  ],
});
