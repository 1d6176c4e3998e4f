import { noQuery, param, sendJson, type Handler } from '../../kit/context';
import type { NotFoundSubject } from '@crm/platform/errors';
import { recordNotFound } from '../../kit/errors';
import type { GqlUserError } from '../../kit/operation';
import { validateBody } from '../../kit/body';
import { snakeCaseFields } from '../../kit/field-names';
import { epochSeconds } from '../../kit/format';
import { canonicalPathId, idempotencyKeyOf, isUuid } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { CREATE_ORDER, GET_ORDER, type GqlOrder } from './operations';
import { createOrderBody, orderResponse } from './schemas';

const TAG = 'Orders';

/** Its 404 reason, ORDER_NOT_FOUND, is catalogued by orders-read (src/errors.ts), which the facade loads through the registry. */
const SUBJECT = 'order' as NotFoundSubject;

/** POST /backoffice/v2/orders → 201 `{id}`. */
const createOrder: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(createOrderBody, await ctx.readBody());
  const payload = await ctx.gateway.mutate<{ id: string | null; consistencyToken: string | null; errors: GqlUserError[] }>(
    CREATE_ORDER,
    { input: { name: body.name }, idempotencyKey: idempotencyKeyOf(ctx.req) },
    'createOrder',
    snakeCaseFields,
  );
  sendJson(ctx.res, 201, { id: payload.id });
};

/** GET /backoffice/v2/orders/{id} (the caller's own writes are visible at once). */
const getOrder: Handler = async (ctx) => {
  noQuery(ctx);
  const raw = param(ctx, 'id');
  if (!isUuid(raw)) throw recordNotFound(SUBJECT, raw);
  const id = canonicalPathId(raw);
  const data = await ctx.gateway.run(GET_ORDER, { id }, snakeCaseFields);
  const found = data['order'] as GqlOrder | null | undefined;
  if (!found) throw recordNotFound(SUBJECT, id);
  sendJson(ctx.res, 200, {
    id: found.id,
    name: found.name,
    created_date: epochSeconds(found.createdAt),
    updated_date: epochSeconds(found.updatedAt),
  });
};

/** Orders: create and read. */
export const resource = defineResource({
  family: 'backoffice',
  name: 'orders',
  pathParameters: { id: 'DirectoryId' },
  openapi: {
    tags: [{ name: TAG, description: 'Orders of the business (the orders domain).' }],
    requestSchemas: [{ name: 'OrderRequest', schema: createOrderBody }],
    responseSchemas: [{ name: 'Order', schema: orderResponse }],
  },
  routes: [
    {
      method: 'POST',
      path: '/backoffice/v2/orders',
      handler: createOrder,
      operations: [CREATE_ORDER],
      doc: {
        operationId: 'createOrderBO',
        summary: 'Create a order',
        description: 'Needs orders.write.',
        tag: TAG,
        audience: 'backoffice',
        body: 'OrderRequest',
        idempotencyKey: true,
        writes: true,
        success: { status: 201, description: 'Created; the id of the order.', schema: 'IdResult' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/orders/:id',
      handler: getOrder,
      operations: [GET_ORDER],
      doc: {
        operationId: 'getOrderBO',
        summary: 'Get a order',
        description: 'Needs orders.read.',
        tag: TAG,
        audience: 'backoffice',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The order.', schema: 'Order' },
      },
    },
  ],
});
