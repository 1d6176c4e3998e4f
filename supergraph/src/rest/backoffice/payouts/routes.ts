import { AppError, type NotFoundSubject } from '@crm/platform/errors';
import { noQuery, param, sendJson, type Handler } from '../../kit/context';
import { recordNotFound } from '../../kit/errors';
import { parsePaging, PAGING_PARAMS } from '../../kit/paging';
import { isUuid, queryParams } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { GET_PAYOUT, LIST_PAYOUTS, type GqlPaymentView } from '../../domains/billing/payments-operations';
import { paymentFields, toBackOfficePayment } from '../../domains/billing/payments-mapper';

const TAG = 'Payouts';
const PAYOUT = 'payout' as NotFoundSubject;
const STATES = ['REQUESTED', 'DEBITED', 'PAID', 'FAILED'];

/** GET /backoffice/v2/payouts?contact_id=&state=: payouts, newest first. */
const listPayouts: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, [...PAGING_PARAMS, 'contact_id', 'state']);
  const paging = parsePaging(params);
  const state = params.get('state')?.trim().toUpperCase() ?? null;
  if (state && !STATES.includes(state)) throw AppError.validation('state', `must be one of ${STATES.join(', ')}`, 'INVALID_ENUM');
  const contactId = params.get('contact_id') ?? null;
  if (contactId !== null && !isUuid(contactId)) {
    sendJson(ctx.res, 200, { paging: { page: paging.page, size: paging.size, has_more: false }, content: [] });
    return;
  }
  const data = await ctx.gateway.run(LIST_PAYOUTS, { contactId, status: state, page: paging.page, size: paging.size }, paymentFields);
  const page = data['billingPayouts'] as { items: GqlPaymentView[]; hasMore: boolean };
  sendJson(ctx.res, 200, { paging: { page: paging.page, size: paging.size, has_more: page.hasMore }, content: page.items.map(toBackOfficePayment) });
};

/** GET /backoffice/v2/payouts/{id}: one payout. */
const getPayout: Handler = async (ctx) => {
  noQuery(ctx);
  const id = param(ctx, 'id');
  if (!isUuid(id)) throw recordNotFound(PAYOUT, id);
  const v = (await ctx.gateway.run(GET_PAYOUT, { id }, paymentFields))['billingPayout'] as GqlPaymentView | null;
  if (!v) throw recordNotFound(PAYOUT, id);
  sendJson(ctx.res, 200, toBackOfficePayment(v));
};

/** Payouts: money paid out of contact wallets (the billing domain; our shapes). */
export const resource = defineResource({
  family: 'backoffice',
  name: 'payouts',
  pathParameters: { id: 'PayoutId' },
  openapi: {
    tags: [{ name: TAG, description: 'Payouts from contact wallets to their payment methods (the billing domain).' }],
    parameters: {
      PayoutId: { name: 'id', in: 'path', required: true, description: 'The payout GUID.', schema: { type: 'string', minLength: 1, maxLength: 64 } },
      PayoutContactId: { name: 'contact_id', in: 'query', description: 'Only this contact’s payouts.', schema: { type: 'string' } },
      PayoutState: { name: 'state', in: 'query', description: 'Only payouts in this state.', schema: { type: 'string', enum: STATES } },
    },
  },
  routes: [
    {
      method: 'GET',
      path: '/backoffice/v2/payouts',
      handler: listPayouts,
      operations: [LIST_PAYOUTS],
      doc: {
        operationId: 'listPayoutsBO',
        summary: 'List payouts',
        description: 'Payouts, newest first. Needs billing.read.',
        tag: TAG,
        audience: 'backoffice',
        query: ['PayoutContactId', 'PayoutState', 'Page', 'Size'],
        reads: true,
        success: { status: 200, description: 'The payouts.', schema: 'BackOfficePaymentList' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/payouts/:id',
      handler: getPayout,
      operations: [GET_PAYOUT],
      doc: {
        operationId: 'getPayoutBO',
        summary: 'Get a payout',
        description: 'One payout. Needs billing.read.',
        tag: TAG,
        audience: 'backoffice',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The payout.', schema: 'BackOfficePayment' },
      },
    },
  ],
});
