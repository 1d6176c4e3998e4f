import { z } from 'zod';
import { AppError } from '@crm/platform/errors';
import { sendJson, type Handler } from '../../kit/context';
import { op, USER_ERROR_FIELDS, type GqlUserError } from '../../kit/operation';
import { validateBody } from '../../kit/body';
import { queryParams } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { idResponse } from '../../kit/response-schemas';
import { amount } from '../../domains/rewards/bodies';

const TAG = 'Purchase Customer Events';

export const RECLAIM_PURCHASE = op(
  'mutation',
  'RestReclaimPurchase',
  `mutation RestReclaimPurchase($input: ReclaimPurchaseInput!) { reclaimPurchase(input: $input) { id consistencyToken ${USER_ERROR_FIELDS} } }`,
);

const tap = z
  .strictObject({ id: z.string().max(100).optional(), code: z.string().max(100).optional() })
  .nullable()
  .optional();
export const reclaimPurchaseBody = z.strictObject({
  id: z.string().min(1).max(100),
  organisation: z.strictObject({ id: z.string().max(100).optional(), merchant_tap: tap, venue_tap: tap }).optional(),
  transaction_amounts: z
    .strictObject({ net: amount.nullable().optional(), tax: amount.nullable().optional(), discount: amount.nullable().optional(), total: amount })
    .optional(),
  transaction_code: z.string().max(100).nullable().optional(),
  currency_code: z.string().length(3).optional(),
});

const fields = (path: string) =>
  path === 'transactionCode'
    ? 'transaction_code'
    : path === 'total'
      ? 'transaction_amounts.total'
      : path.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** POST /self-service/v2/purchases/reclaim: the contact claims a processor-submitted purchase with its receipt’s details (flow 13). */
const reclaim: Handler = async (ctx) => {
  queryParams(ctx.url.searchParams, []);
  const b = validateBody(reclaimPurchaseBody, await ctx.readBody());
  if (!b.transaction_code && !b.transaction_amounts)
    throw AppError.validation('transaction_code', 'name the receipt’s transaction code or amounts', 'REQUIRED');
  const payload = await ctx.gateway.mutate<{ id: string | null; consistencyToken: string | null; errors: GqlUserError[] }>(
    RECLAIM_PURCHASE,
    {
      input: {
        id: b.id,
        transactionCode: b.transaction_code ?? null,
        total: b.transaction_amounts?.total ?? null,
        organisationId: b.organisation?.id ?? null,
      },
    },
    'reclaimPurchase',
    fields,
  );
  sendJson(ctx.res, 201, { id: payload.id });
};

/** Reclaiming a purchase a transaction processor submitted without a contact. */
export const resource = defineResource({
  family: 'self-service',
  name: 'purchase-reclaims',
  openapi: {
    requestSchemas: [{ name: 'ReclaimPurchaseSS', schema: reclaimPurchaseBody }],
    responseSchemas: [{ name: 'ReclaimPurchaseResultSS', schema: idResponse }],
  },
  routes: [
    {
      method: 'POST',
      path: '/self-service/v2/purchases/reclaim',
      handler: reclaim,
      operations: [RECLAIM_PURCHASE],
      pathParameters: {},
      doc: {
        operationId: 'reclaimPurchaseSS',
        summary: 'Reclaim a processor-submitted purchase',
        description:
          'The receipt’s transaction code or total must match (anything else is a 404: nothing is learnt of other receipts). Claimed once; the purchase is posted for the contact with its awards (through the ledger, once). Answers the purchase id.',
        tag: TAG,
        audience: 'selfservice',
        body: 'ReclaimPurchaseSS',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 201, description: 'The purchase posted for the contact.', schema: 'ReclaimPurchaseResultSS' },
      },
    },
  ],
});
