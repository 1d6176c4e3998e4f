import { randomUUID } from 'node:crypto';
import { noQuery, sendJson, type Handler } from '../../kit/context';
import { validateBody } from '../../kit/body';
import { idempotencyKeyOf } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { AppError } from '@crm/platform/errors';
import { amountIn } from '../../domains/ledger/mapper';
import { SPEND_BAD_REQUEST, spendBadRequestResponse } from '../../domains/ledger/schemas';
import { CREATE_PAYOUT, type GqlOutcomePayload } from '../../domains/billing/payments-operations';
import { payoutBody } from '../../domains/billing/payments-schemas';
import { paymentFields } from '../../domains/billing/payments-mapper';

const TAG = 'Contact Financials';

/**
 * POST /self-service/v2/payouts → 201 `{id}`: debits the wallet's OPEN pocket through the ledger
 * (never beyond what it can spend: 400 CANNOTSPENDAMOUNTWALLETBALANCENOTENOUGHEXCEPTION), then the
 * gateway pays the money out to the contact's method; a refusal reverses the debit (400).
 */
const createPayout: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(payoutBody, await ctx.readBody());
  if (!body.wallet_id) throw AppError.validation('wallet_id', 'is required', 'REQUIRED');
  const amount = amountIn(body.amount);
  const payload = await ctx.gateway.mutate<GqlOutcomePayload>(
    CREATE_PAYOUT,
    {
      input: { walletId: body.wallet_id, paymentMethodId: body.payment_method.id, amount, notes: body.notes ?? null },
      idempotencyKey: idempotencyKeyOf(ctx.req) ?? `rest:${randomUUID()}`,
    },
    'createPayout',
    paymentFields,
  );
  for (const token of payload.consistencyTokens) await ctx.gateway.remember(token);
  sendJson(ctx.res, 201, { id: payload.payment?.id });
};

/** Contact Financials: payouts from a contact's wallet (the billing domain, through the ledger and the gateway). */
export const resource = defineResource({
  family: 'self-service',
  name: 'payouts',
  openapi: {
    tags: [{ name: TAG, description: 'Money movements of a contact (transfers through the ledger).' }],
    requestSchemas: [{ name: 'SelfServicePayoutRequest', schema: payoutBody }],
    responses: { [SPEND_BAD_REQUEST]: spendBadRequestResponse },
  },
  routes: [
    {
      method: 'POST',
      path: '/self-service/v2/payouts',
      handler: createPayout,
      operations: [CREATE_PAYOUT],
      doc: {
        operationId: 'createPayoutSS',
        summary: 'Create Payout',
        description:
          "Debits wallet_id's OPEN pocket (ledger transaction PAYOUT into PAYOUT_CLEARING), then the gateway pays out to payment_method.id (the wallet owner's method); a gateway refusal reverses the debit and answers 400. Insufficient funds: 400 CANNOTSPENDAMOUNTWALLETBALANCENOTENOUGHEXCEPTION, nothing moved. The contract declares the api_key only: a secret api_key with billing.write, or a contact's token for its own wallet. Idempotency-Key: a retry returns the first payout.",
        tag: TAG,
        audience: 'apiKeyOnly',
        body: 'SelfServicePayoutRequest',
        idempotencyKey: true,
        badRequest: SPEND_BAD_REQUEST,
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 201, description: 'Paid out; the id of the payout.', schema: 'IdResult' },
      },
    },
  ],
});
