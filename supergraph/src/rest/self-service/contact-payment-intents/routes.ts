import { randomUUID } from 'node:crypto';
import { noQuery, param, sendJson, type Handler } from '../../kit/context';
import { validateBody } from '../../kit/body';
import { canonicalPathId, idempotencyKeyOf, queryParams } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import type { GqlUserError } from '../../kit/operation';
import { amountIn } from '../../domains/ledger/mapper';
import { CLIENT_TOKEN, CREATE_INTENT } from '../../domains/billing/payments-operations';
import { intentBody, intentResponse } from '../../domains/billing/payments-schemas';
import { paymentFields } from '../../domains/billing/payments-mapper';

const TAG = 'Contact Financials';

/**
 * GET /self-service/v2/contacts/{id}/client_token → 200 with no content (the contract declares none):
 * the gateway's client token for the contact (Stripe: a SetupIntent's client secret) comes in the
 * `x-client-token` header, its gateway in `x-payment-gateway`.
 */
const clientToken: Handler = async (ctx) => {
  queryParams(ctx.url.searchParams, ['integration_id']);
  const contactId = canonicalPathId(param(ctx, 'id'));
  const payload = await ctx.gateway.mutate<{ token: string | null; gateway: string | null; consistencyToken: null; errors: GqlUserError[] }>(
    CLIENT_TOKEN,
    { contactId },
    'contactClientToken',
    paymentFields,
  );
  ctx.res.writeHead(200, { 'x-client-token': payload.token ?? '', 'x-payment-gateway': payload.gateway ?? '', 'cache-control': 'no-store' }).end();
};

/** POST /self-service/v2/contacts/{id}/intents → 200 `{client_secret, state, parameters}`: a payment intent the client confirms with the gateway. */
const createIntent: Handler = async (ctx) => {
  noQuery(ctx);
  const contactId = canonicalPathId(param(ctx, 'id'));
  const body = validateBody(intentBody, await ctx.readBody());
  const currency = body.currency_code.trim().toUpperCase();
  const amount = amountIn(body.amount, 'amount', currency);
  const payload = await ctx.gateway.mutate<{
    intent: { id: string; clientSecret: string; state: string } | null;
    consistencyToken: null;
    errors: GqlUserError[];
  }>(
    CREATE_INTENT,
    {
      contactId,
      input: {
        amount,
        currency,
        capture: body.capture ?? 'AUTOMATIC',
        paymentMethodId: body.payment_method_id ?? null,
        description: body.statement_info ?? null,
      },
      idempotencyKey: idempotencyKeyOf(ctx.req) ?? `rest:${randomUUID()}`,
    },
    'createPaymentIntent',
    paymentFields,
  );
  const intent = payload.intent!;
  sendJson(ctx.res, 200, { client_secret: intent.clientSecret, state: intent.state, parameters: [{ key: 'intent_id', value: intent.id }] });
};

/** Contact Financials: client tokens and payment intents (the billing domain's gateway). */
export const resource = defineResource({
  family: 'self-service',
  name: 'contact-payment-intents',
  pathParameters: { id: 'ContactId' },
  openapi: {
    tags: [{ name: TAG, description: 'Money movements of a contact (transfers through the ledger).' }],
    requestSchemas: [{ name: 'SelfServicePaymentIntentRequest', schema: intentBody }],
    responseSchemas: [{ name: 'SelfServicePaymentIntent', schema: intentResponse }],
    parameters: {
      ClientTokenIntegrationId: {
        name: 'integration_id',
        in: 'query',
        description: "Accepted; the tenant's configured gateway answers.",
        schema: { type: 'string' },
      },
    },
  },
  routes: [
    {
      method: 'GET',
      path: '/self-service/v2/contacts/:id/client_token',
      handler: clientToken,
      operations: [CLIENT_TOKEN],
      doc: {
        operationId: 'getContactClientTokenSS',
        summary: 'Get client token',
        description:
          "The payment gateway's client token for the contact, in the x-client-token response header (the contract's 200 has no content): the client saves a card with it (Stripe: a SetupIntent's client secret for the contact's Stripe customer; TEST: one shaped like it). A contact: its own.",
        tag: TAG,
        audience: 'selfservice',
        query: ['ClientTokenIntegrationId'],
        notFound: true,
        success: {
          status: 200,
          description: 'No content (as the contract declares); the token is in the x-client-token header, the gateway in x-payment-gateway.',
        },
      },
    },
    {
      method: 'POST',
      path: '/self-service/v2/contacts/:id/intents',
      handler: createIntent,
      operations: [CREATE_INTENT],
      doc: {
        operationId: 'createContactPaymentIntentSS',
        summary: 'Create payment intent',
        description:
          "Opens a payment intent (Stripe: a PaymentIntent; capture ON_HOLD only authorises) in the currency of the contact's primary account. When the gateway reports it succeeded (its webhook), one payment of that account is posted through the ledger, once however often the webhook comes. parameters carries intent_id.",
        tag: TAG,
        audience: 'contact',
        body: 'SelfServicePaymentIntentRequest',
        idempotencyKey: true,
        writes: true,
        notFound: true,
        success: { status: 200, description: 'The intent.', schema: 'SelfServicePaymentIntent' },
      },
    },
  ],
});
