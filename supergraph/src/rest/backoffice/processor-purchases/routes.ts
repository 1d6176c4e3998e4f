import { z } from 'zod';
import { noQuery, sendJson, type Handler } from '../../kit/context';
import { op, USER_ERROR_FIELDS, type GqlUserError } from '../../kit/operation';
import { validateBody } from '../../kit/body';
import { idempotencyKeyOf } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { amount } from '../../domains/rewards/bodies';

const TAG = 'Processor Purchases (Back-Office)';

export const SUBMIT_PROCESSOR_PURCHASE = op(
  'mutation',
  'RestSubmitProcessorPurchase',
  `mutation RestSubmitProcessorPurchase($input: ProcessorPurchaseInput!, $idempotencyKey: String) { submitProcessorPurchase(input: $input, idempotencyKey: $idempotencyKey) { id consistencyToken ${USER_ERROR_FIELDS} } }`,
);

export const processorPurchaseBody = z.strictObject({
  transaction_code: z.string().min(1).max(100),
  organisation: z.strictObject({ id: z.string().max(100) }).optional(),
  currency_code: z
    .string()
    .regex(/^[A-Z]{3}$/, { error: 'must be an ISO-4217 code' })
    .optional(),
  transaction_amounts: z.strictObject({ total: amount, net: amount, tax: amount.optional(), discount: amount.optional() }),
  classification: z.strictObject({ name: z.string().max(100) }).optional(),
});

const fields = (path: string) =>
  path === 'transactionCode'
    ? 'transaction_code'
    : ['total', 'net', 'tax', 'discount'].includes(path)
      ? `transaction_amounts.${path}`
      : path.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** POST /backoffice/v2/processor_purchases → 201 {id}: a transaction processor's purchase without a contact. */
const submit: Handler = async (ctx) => {
  noQuery(ctx);
  const b = validateBody(processorPurchaseBody, await ctx.readBody());
  const payload = await ctx.gateway.mutate<{ id: string | null; consistencyToken: string | null; errors: GqlUserError[] }>(
    SUBMIT_PROCESSOR_PURCHASE,
    {
      input: {
        transactionCode: b.transaction_code,
        organisationId: b.organisation?.id ?? null,
        currency: b.currency_code ?? 'EUR',
        total: b.transaction_amounts.total,
        net: b.transaction_amounts.net,
        tax: b.transaction_amounts.tax ?? null,
        discount: b.transaction_amounts.discount ?? null,
        classification: b.classification?.name ?? null,
      },
      idempotencyKey: idempotencyKeyOf(ctx.req),
    },
    'submitProcessorPurchase',
    fields,
  );
  sendJson(ctx.res, 201, { id: payload.id });
};

/** Purchases a transaction processor submits without a contact; contacts reclaim them (POST /self-service/v2/purchases/reclaim). */
export const resource = defineResource({
  family: 'backoffice',
  name: 'processor-purchases',
  openapi: {
    tags: [{ name: TAG, description: 'Purchases from a transaction processor in claim mode: no contact until one reclaims it (flow 13).' }],
    requestSchemas: [{ name: 'ProcessorPurchaseBO', schema: processorPurchaseBody }],
  },
  routes: [
    {
      method: 'POST',
      path: '/backoffice/v2/processor_purchases',
      handler: submit,
      operations: [SUBMIT_PROCESSOR_PURCHASE],
      pathParameters: {},
      doc: {
        operationId: 'submitProcessorPurchaseBO',
        summary: 'Submit a processor purchase (no contact)',
        tag: TAG,
        audience: 'backoffice',
        body: 'ProcessorPurchaseBO',
        idempotencyKey: true,
        writes: true,
        success: { status: 201, description: 'Received; a contact may reclaim it.', schema: 'IdResult' },
      },
    },
  ],
});
