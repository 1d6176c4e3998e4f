import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '@crm/platform/errors';
import { noQuery, sendJson, type Handler } from '../../kit/context';
import { validateBody } from '../../kit/body';
import { idempotencyKeyOf } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { TRANSFER, TRANSFER_BULK, type GqlTransactionPayload } from '../../domains/ledger/operations';
import { amountIn, ledgerFields } from '../../domains/ledger/mapper';
import { SPEND_BAD_REQUEST, spendBadRequestResponse } from '../../domains/ledger/schemas';

const TAG = 'Contact Financials';

const side = z.strictObject({ account_id: z.string().max(64).optional(), wallet_id: z.string().max(64).optional() });

/** POST /self-service/v2/transfers (the contract's body; `cash_pocket`, `transfer_date`, `id`, `code` are accepted and not used). */
export const transferBody = z.strictObject({
  origin: side,
  destination: side,
  amount: z.number(),
  currency_code: z.string().optional(),
  commerce_pool_id: z.string().max(64).optional(),
  notes: z.string().max(500).optional(),
  cash_pocket: z.boolean().optional(),
  transfer_date: z.int().optional(),
  id: z.string().optional(),
  code: z.string().optional(),
});

const ref = (s: z.infer<typeof side>, field: string) => {
  if (!s.account_id && !s.wallet_id) throw AppError.validation(field, 'needs a wallet_id or an account_id', 'REQUIRED');
  return { accountId: s.account_id ?? null, walletId: s.account_id ? null : (s.wallet_id ?? null) };
};

const transferInput = (body: z.infer<typeof transferBody>, field = '') => ({
  from: { ...ref(body.origin, `${field}origin`), ...(body.commerce_pool_id ? { commercePoolId: body.commerce_pool_id } : {}) },
  to: ref(body.destination, `${field}destination`),
  amount: amountIn(body.amount, `${field}amount`, body.currency_code ?? 'EUR'),
  currency: body.currency_code ?? 'EUR',
  notes: body.notes ?? null,
});

/** POST /self-service/v2/transfers/bulk: up to 100 transfers. */
export const transferBulkBody = z.array(transferBody).min(1).max(100);

/**
 * POST /self-service/v2/transfers/bulk → 204: every transfer in ONE ledger unit (all posted or
 * none). Shapes and amounts are validated first; a refusal by the ledger (funds, limits, an unknown
 * wallet) names its transfer (`<index>.<field>`) and nothing moves. The `Idempotency-Key` covers the
 * bulk: a retry returns the first answer. The contract's security is the api_key: moving others'
 * money needs a secret key with ledger.write (a public key alone is 403).
 */
const createTransferBulk: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(transferBulkBody, await ctx.readArrayBody());
  const inputs = body.map((t, i) => transferInput(t, `${i}.`));
  const payload = await ctx.gateway.mutate<GqlTransactionPayload & { consistencyTokens: string[] }>(
    TRANSFER_BULK,
    { inputs, idempotencyKey: idempotencyKeyOf(ctx.req) ?? `rest:${randomUUID()}` },
    'ledgerTransferBulk',
    (path) => {
      const m = /^(?:inputs\.)?(\d+)\.(.*)$/.exec(path);
      return m ? `${m[1]}.${ledgerFields(m[2]!)}` : ledgerFields(path);
    },
  );
  for (const token of payload.consistencyTokens) await ctx.gateway.remember(token);
  ctx.res.writeHead(204).end();
};

/**
 * POST /self-service/v2/transfers → 201 `{id}`: moves money from the contact's wallet (or account)
 * to another wallet, in one balanced ledger transaction. Insufficient funds: 400
 * CANNOTSPENDAMOUNTWALLETBALANCENOTENOUGHEXCEPTION; another contact's origin: 404. An
 * `Idempotency-Key` makes a retry return the first answer.
 */
const createTransfer: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(transferBody, await ctx.readBody());
  const input = transferInput(body);
  const payload = await ctx.gateway.mutate<GqlTransactionPayload>(
    TRANSFER,
    { input, idempotencyKey: idempotencyKeyOf(ctx.req) ?? `rest:${randomUUID()}` },
    'ledgerTransfer',
    ledgerFields,
  );
  // every side of the transaction (the tenant's account too) is visible to the caller's next read
  for (const token of payload.consistencyTokens) await ctx.gateway.remember(token);
  sendJson(ctx.res, 201, { id: payload.transaction?.id });
};

/** Contact Financials: transfers (the ledger domain). */
export const resource = defineResource({
  family: 'self-service',
  name: 'transfers',
  openapi: {
    tags: [{ name: TAG, description: 'Money movements of a contact (transfers through the ledger).' }],
    requestSchemas: [
      { name: 'SelfServiceTransferRequest', schema: transferBody },
      { name: 'SelfServiceTransferBulkRequest', schema: transferBulkBody },
    ],
    responses: { [SPEND_BAD_REQUEST]: spendBadRequestResponse },
  },
  routes: [
    {
      method: 'POST',
      path: '/self-service/v2/transfers/bulk',
      handler: createTransferBulk,
      operations: [TRANSFER_BULK],
      doc: {
        operationId: 'createTransferBulkSS',
        summary: 'Transfer money in bulk',
        description:
          'Up to 100 transfers posted as one ledger unit: all or none (a refusal names its transfer, `<index>.<field>`, and nothing moves). With Idempotency-Key a retry returns the first answer. A secret api_key with ledger.write (the contract declares the api_key only).',
        tag: TAG,
        audience: 'apiKeyOnly',
        body: 'SelfServiceTransferBulkRequest',
        idempotencyKey: true,
        badRequest: SPEND_BAD_REQUEST,
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 204, description: 'Transferred.' },
      },
    },
    {
      method: 'POST',
      path: '/self-service/v2/transfers',
      handler: createTransfer,
      operations: [TRANSFER],
      doc: {
        operationId: 'createTransferSS',
        summary: 'Transfer money',
        description:
          'From the contact’s own wallet (origin.wallet_id) or account to another wallet. currency_code defaults to EUR. Insufficient funds: 400 CRM.EXCEPTIONS.CANNOTSPENDAMOUNTWALLETBALANCENOTENOUGHEXCEPTION.',
        tag: TAG,
        audience: 'contactOrSecret',
        body: 'SelfServiceTransferRequest',
        idempotencyKey: true,
        badRequest: SPEND_BAD_REQUEST,
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 201, description: 'Transferred; the id of the ledger transaction.', schema: 'IdResult' },
      },
    },
  ],
});
