import { noQuery, param, sendJson, type Handler } from '../../kit/context';
import { validateBody } from '../../kit/body';
import { snakeCaseFields } from '../../kit/field-names';
import { canonicalPathId, idempotencyKeyOf } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { AppError } from '@crm/platform/errors';
import {
  ADD_PAYMENT_METHOD,
  LIST_PAYMENT_METHODS,
  REMOVE_PAYMENT_METHOD,
  UPDATE_PAYMENT_METHOD,
  type GqlPaymentMethod,
  type GqlPaymentMethodPayload,
} from '../../domains/billing/operations';
import { addPaymentMethodBody, paymentMethodListResponse, updatePaymentMethodBody } from '../../domains/billing/schemas';
import { paymentMethodIn, paymentMethodOut } from '../../domains/billing/mapper';

const TAG = 'Contact Payment Methods';
const TYPES = ['CARD', 'ACCOUNT_DEBIT', 'WALLET'];

/**
 * GET /self-service/v2/contacts/{id}/payment_methods → the paging envelope with every method (a
 * contact keeps at most 20), oldest first; `type` and `classification` filter.
 */
const listPaymentMethods: Handler = async (ctx) => {
  const q = ctx.url.searchParams;
  for (const key of q.keys())
    if (!['type', 'classification', 'financial_types', 'is_rewards'].includes(key))
      throw AppError.validation(key, 'is not a query parameter of this operation', 'INVALID_INPUT');
  const type = q.get('type')?.trim().toUpperCase() ?? null;
  if (type !== null && !TYPES.includes(type)) throw AppError.validation('type', `must be one of ${TYPES.join(', ')}`, 'INVALID_ENUM');
  const classification = q.get('classification')?.trim().toUpperCase() ?? null;
  if (classification !== null && !['CONTACT', 'WALLET'].includes(classification))
    throw AppError.validation('classification', 'must be one of CONTACT, WALLET', 'INVALID_ENUM');
  const contactId = canonicalPathId(param(ctx, 'id'));
  const data = await ctx.gateway.run(LIST_PAYMENT_METHODS, { contactId, type }, snakeCaseFields);
  const all = (data['contactPaymentMethods'] as GqlPaymentMethod[] | null) ?? [];
  // every stored method is the contact's own (classification CONTACT); rewards-only methods are not kept
  const content = classification === 'WALLET' || q.get('is_rewards') === 'true' ? [] : all.map(paymentMethodOut);
  sendJson(ctx.res, 200, { paging: { page: 1, size: Math.max(content.length, 1), has_more: false }, content });
};

/** POST /self-service/v2/contacts/{id}/payment_methods → 200 `{id}` (as the contract declares). */
const addPaymentMethod: Handler = async (ctx) => {
  noQuery(ctx);
  const contactId = canonicalPathId(param(ctx, 'id'));
  const body = validateBody(addPaymentMethodBody, await ctx.readBody());
  const payload = await ctx.gateway.mutate<GqlPaymentMethodPayload>(
    ADD_PAYMENT_METHOD,
    { contactId, input: paymentMethodIn(body), idempotencyKey: idempotencyKeyOf(ctx.req) },
    'addContactPaymentMethod',
    snakeCaseFields,
  );
  sendJson(ctx.res, 200, { id: payload.id });
};

/** PUT /self-service/v2/contacts/{id}/payment_methods/{payment_method_id} → 200 `{id}`. */
const updatePaymentMethod: Handler = async (ctx) => {
  noQuery(ctx);
  const contactId = canonicalPathId(param(ctx, 'id'));
  const paymentMethodId = canonicalPathId(param(ctx, 'payment_method_id'));
  const body = validateBody(updatePaymentMethodBody, await ctx.readBody());
  const input = {
    ...(body.name !== undefined ? { name: body.name } : {}),
    ...(body.notes !== undefined ? { notes: body.notes } : {}),
    isPrimary: body.is_primary ?? null,
    expirationMonth: body.card?.exp_month ?? null,
    expirationYear: body.card?.exp_year ?? null,
  };
  const payload = await ctx.gateway.mutate<GqlPaymentMethodPayload>(
    UPDATE_PAYMENT_METHOD,
    { contactId, paymentMethodId, input },
    'updateContactPaymentMethod',
    snakeCaseFields,
  );
  sendJson(ctx.res, 200, { id: payload.id });
};

/** DELETE /self-service/v2/contacts/{id}/payment_methods/{payment_method_id} → 200, no body. */
const removePaymentMethod: Handler = async (ctx) => {
  noQuery(ctx);
  const contactId = canonicalPathId(param(ctx, 'id'));
  const paymentMethodId = canonicalPathId(param(ctx, 'payment_method_id'));
  await ctx.gateway.mutate<GqlPaymentMethodPayload>(
    REMOVE_PAYMENT_METHOD,
    { contactId, paymentMethodId },
    'removeContactPaymentMethod',
    snakeCaseFields,
  );
  sendJson(ctx.res, 200, undefined);
};

const NO_CARD_NUMBER =
  ' Cards are stored as first6 / last4 / brand / expiry and gateway tokens only: a card number anywhere in the body is refused (400 CARD_NUMBER_REFUSED).';

/** Contact Payment Methods (the billing domain). */
export const resource = defineResource({
  family: 'self-service',
  name: 'contact-payment-methods',
  pathParameters: { id: 'ContactId', payment_method_id: 'PaymentMethodId' },
  openapi: {
    tags: [
      { name: TAG, description: "A contact's stored payment methods (cards as gateway tokens, account debit, wallets); the first one is primary." },
    ],
    parameters: {
      PaymentMethodId: {
        name: 'payment_method_id',
        in: 'path',
        required: true,
        description: 'The payment method GUID.',
        schema: { type: 'string', minLength: 1, maxLength: 64 },
      },
      PaymentMethodType: { name: 'type', in: 'query', description: 'CARD, ACCOUNT_DEBIT or WALLET.', schema: { type: 'string', enum: TYPES } },
      PaymentMethodClassification: {
        name: 'classification',
        in: 'query',
        description: 'CONTACT (every stored method) or WALLET.',
        schema: { type: 'string', enum: ['CONTACT', 'WALLET'] },
      },
      PaymentMethodFinancialTypes: {
        name: 'financial_types',
        in: 'query',
        description: 'Accepted; every stored method serves every type.',
        schema: { type: 'string' },
      },
      PaymentMethodIsRewards: {
        name: 'is_rewards',
        in: 'query',
        description: 'true: rewards-only methods (none are kept).',
        schema: { type: 'boolean' },
      },
    },
    requestSchemas: [
      { name: 'AddPaymentMethodRequest', schema: addPaymentMethodBody },
      { name: 'UpdatePaymentMethodRequest', schema: updatePaymentMethodBody },
    ],
    responseSchemas: [{ name: 'PaymentMethodPage', schema: paymentMethodListResponse }],
  },
  routes: [
    {
      method: 'GET',
      path: '/self-service/v2/contacts/:id/payment_methods',
      handler: listPaymentMethods,
      operations: [LIST_PAYMENT_METHODS],
      doc: {
        operationId: 'listContactPaymentMethodsSS',
        summary: 'List Payment Methods',
        description: 'Every stored method of the contact in one page, oldest first.',
        tag: TAG,
        audience: 'selfservice',
        query: ['PaymentMethodType', 'PaymentMethodClassification', 'PaymentMethodFinancialTypes', 'PaymentMethodIsRewards'],
        reads: true,
        success: { status: 200, description: 'The payment methods.', schema: 'PaymentMethodPage' },
      },
    },
    {
      method: 'POST',
      path: '/self-service/v2/contacts/:id/payment_methods',
      handler: addPaymentMethod,
      operations: [ADD_PAYMENT_METHOD],
      doc: {
        operationId: 'addContactPaymentMethodSS',
        summary: 'Add Payment Method',
        description: `The contact's first method becomes primary; is_primary=true makes a new one primary.${NO_CARD_NUMBER}`,
        tag: TAG,
        audience: 'selfservice',
        body: 'AddPaymentMethodRequest',
        idempotencyKey: true,
        notFound: true,
        writes: true,
        success: { status: 200, description: 'Added; the id of the payment method.', schema: 'IdResult' },
      },
    },
    {
      method: 'PUT',
      path: '/self-service/v2/contacts/:id/payment_methods/:payment_method_id',
      handler: updatePaymentMethod,
      operations: [UPDATE_PAYMENT_METHOD],
      doc: {
        operationId: 'updateContactPaymentMethodSS',
        summary: 'Update Payment Method',
        description: `Name, notes, a card's expiry; is_primary=true makes it primary.${NO_CARD_NUMBER}`,
        tag: TAG,
        audience: 'selfservice',
        body: 'UpdatePaymentMethodRequest',
        notFound: true,
        writes: true,
        success: { status: 200, description: 'Updated; the id of the payment method.', schema: 'IdResult' },
      },
    },
    {
      method: 'DELETE',
      path: '/self-service/v2/contacts/:id/payment_methods/:payment_method_id',
      handler: removePaymentMethod,
      operations: [REMOVE_PAYMENT_METHOD],
      doc: {
        operationId: 'deleteContactPaymentMethodSS',
        summary: 'Delete Payment Method',
        description: 'When it was primary, the oldest remaining method becomes primary.',
        tag: TAG,
        audience: 'selfservice',
        notFound: true,
        writes: true,
        success: { status: 200, description: 'Removed. No body.' },
      },
    },
  ],
});
