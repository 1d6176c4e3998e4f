import { randomUUID } from 'node:crypto';
import { noQuery, sendJson, type Handler } from '../../kit/context';
import { validateBody } from '../../kit/body';
import { snakeCaseFields } from '../../kit/field-names';
import { idempotencyKeyOf } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { amountIn } from '../../domains/ledger/mapper';
import { CREATE_TOPUP, type GqlTopupPayload } from '../../domains/billing/operations';
import { topupBody } from '../../domains/billing/schemas';

const TAG = 'Contact Financials';

/**
 * POST /self-service/v2/topups → 201 `{id}`: charges the contact's payment method (its primary one
 * when `payment_method.id` is left out) through the payment gateway, then credits the wallet's
 * OPEN pocket through the ledger (transaction type TOP_UP). A declined card is 400 with the
 * gateway's reason, and nothing moves. An `Idempotency-Key` makes a retry return (or finish) the
 * first top-up, never charge twice.
 */
const createTopup: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(topupBody, await ctx.readBody());
  const amount = amountIn(body.amount);
  const payload = await ctx.gateway.mutate<GqlTopupPayload>(
    CREATE_TOPUP,
    {
      input: { walletId: body.wallet_id, paymentMethodId: body.payment_method?.id ?? null, amount, notes: body.notes ?? null },
      idempotencyKey: idempotencyKeyOf(ctx.req) ?? `rest:${randomUUID()}`,
    },
    'createTopup',
    (field) => (field === 'walletId' ? 'wallet_id' : field === 'paymentMethodId' ? 'payment_method.id' : snakeCaseFields(field)),
  );
  // the wallet's new balance is visible to the caller's next read
  for (const token of payload.consistencyTokens) await ctx.gateway.remember(token);
  sendJson(ctx.res, 201, { id: payload.topup?.id });
};

/** Contact Financials: top-ups (the billing domain, through the payment gateway and the ledger). */
export const resource = defineResource({
  family: 'self-service',
  name: 'topups',
  openapi: {
    tags: [{ name: TAG, description: 'Money movements of a contact (transfers through the ledger).' }],
    requestSchemas: [{ name: 'SelfServiceTopupRequest', schema: topupBody }],
  },
  routes: [
    {
      method: 'POST',
      path: '/self-service/v2/topups',
      handler: createTopup,
      operations: [CREATE_TOPUP],
      doc: {
        operationId: 'createTopupSS',
        summary: 'Top up a wallet',
        description:
          "Charges the contact's payment method (payment_method.id, else its primary one), then credits the wallet's OPEN pocket (ledger transaction TOP_UP). A declined card: 400 naming payment_method with the gateway's reason; nothing moved. The gateway not answering: 503, retry with the same Idempotency-Key (the charge is looked up, never repeated). The contract declares the api_key only: a secret api_key with billing.write, or a contact's token for its own wallet.",
        tag: TAG,
        audience: 'apiKeyOnly',
        body: 'SelfServiceTopupRequest',
        idempotencyKey: true,
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 201, description: 'Topped up; the id of the top-up.', schema: 'IdResult' },
      },
    },
  ],
});
