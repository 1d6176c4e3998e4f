import { randomUUID } from 'node:crypto';
import { noQuery, sendJson, type Handler } from '../../kit/context';
import { validateBody } from '../../kit/body';
import { idempotencyKeyOf } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { amountIn } from '../../domains/ledger/mapper';
import { CREATE_PAYMENT, type GqlOutcomePayload } from '../../domains/billing/payments-operations';
import { paymentBody } from '../../domains/billing/payments-schemas';
import { paymentFields } from '../../domains/billing/payments-mapper';

const TAG = 'Contact Financials';

/**
 * POST /self-service/v2/payments → 201 `{id}`: charges the contact's payment method (its primary
 * one when `payment_method.id` is left out) through the payment gateway, then credits the
 * account through the ledger (transaction type PAYMENT). Declined: 400 naming payment_method,
 * nothing moved. An `Idempotency-Key` makes a retry return (or finish) the first payment.
 */
const createPayment: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(paymentBody, await ctx.readBody());
  const currency = body.currency_code?.trim().toUpperCase() ?? null;
  const amount = amountIn(body.amount, 'amount', currency);
  const payload = await ctx.gateway.mutate<GqlOutcomePayload>(
    CREATE_PAYMENT,
    {
      input: {
        accountId: body.account_id,
        contactId: body.contact_id ?? null,
        paymentMethodId: body.payment_method.id ?? null,
        amount,
        currency,
        code: body.code ?? null,
        notes: body.notes ?? null,
      },
      idempotencyKey: idempotencyKeyOf(ctx.req) ?? `rest:${randomUUID()}`,
    },
    'createPayment',
    paymentFields,
  );
  for (const token of payload.consistencyTokens) await ctx.gateway.remember(token);
  sendJson(ctx.res, 201, { id: payload.payment?.id });
};

/** Contact Financials: payments into a contact's account (the billing domain, through the gateway and the ledger). */
export const resource = defineResource({
  family: 'self-service',
  name: 'payments',
  openapi: {
    tags: [{ name: TAG, description: 'Money movements of a contact (transfers through the ledger).' }],
    requestSchemas: [{ name: 'SelfServicePaymentRequest', schema: paymentBody }],
  },
  routes: [
    {
      method: 'POST',
      path: '/self-service/v2/payments',
      handler: createPayment,
      operations: [CREATE_PAYMENT],
      doc: {
        operationId: 'createPaymentSS',
        summary: 'Create Payment',
        description:
          "Charges the contact's payment method (payment_method.id, else its primary one) through the gateway, then credits account_id through the ledger (transaction type PAYMENT), posted once. A declined card: 400 naming payment_method with the gateway's reason; nothing moved. The gateway not answering: 503, retry with the same Idempotency-Key (the charge is looked up, never repeated). A contact pays into its own account; the secret key (billing.write) into any contact's.",
        tag: TAG,
        audience: 'contactOrSecret',
        body: 'SelfServicePaymentRequest',
        idempotencyKey: true,
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 201, description: 'Paid; the id of the payment.', schema: 'IdResult' },
      },
    },
  ],
});
