import { z } from 'zod';
import { noQuery, param, sendJson, type Handler } from '../../kit/context';
import { validateBody } from '../../kit/body';
import { op, USER_ERROR_FIELDS } from '../../kit/operation';
import { defineResource } from '../../kit/resource';
import type { GqlIdPayload } from '../../domains/ledger/operations';
import { ledgerFields } from '../../domains/ledger/mapper';

const TAG = 'Commerce Pools';

const SET_ACTIVATION = op(
  'mutation',
  'RestSetCommercePoolActivation',
  `mutation RestSetCommercePoolActivation($id: ID!, $active: Boolean!) {
  setCommercePoolActivation(commercePoolId: $id, active: $active) { id consistencyToken ${USER_ERROR_FIELDS} }
}`,
);

export const poolActionBody = z.strictObject({ action: z.enum(['ACTIVATE', 'DEACTIVATE']) });

/** PUT /self-service/v2/commerce_pools/{id}/actions {action}: the contact activates or deactivates a pool on its wallet → 200 {id}. */
const poolAction: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(poolActionBody, await ctx.readBody());
  const payload = await ctx.gateway.mutate<GqlIdPayload>(
    SET_ACTIVATION,
    { id: param(ctx, 'id'), active: body.action === 'ACTIVATE' },
    'setCommercePoolActivation',
    (p) => (p.endsWith('commercePoolId') ? 'id' : ledgerFields(p)),
  );
  sendJson(ctx.res, 200, { id: payload.id });
};

/** Commerce Pools: a contact's activation of the tenant's pools (the ledger domain). */
export const resource = defineResource({
  family: 'self-service',
  name: 'commerce-pools',
  pathParameters: { id: 'CommercePoolId' },
  openapi: {
    tags: [
      {
        name: TAG,
        description:
          'Commerce pools: conditional wallet credit restricted to organisations, product categories and validity; contacts activate them (the ledger domain).',
      },
    ],
    requestSchemas: [{ name: 'SelfServiceCommercePoolAction', schema: poolActionBody }],
    parameters: {
      CommercePoolId: {
        name: 'id',
        in: 'path',
        required: true,
        description: 'The commerce pool GUID.',
        schema: { type: 'string', minLength: 1, maxLength: 64 },
      },
    },
  },
  routes: [
    {
      method: 'PUT',
      path: '/self-service/v2/commerce_pools/:id/actions',
      handler: poolAction,
      operations: [SET_ACTIVATION],
      doc: {
        operationId: 'commercePoolActionsSS',
        summary: 'Activate or deactivate a commerce pool',
        description:
          'On the calling contact’s wallet. An inactive or expired pool cannot be activated (400 naming id); repeating an action changes nothing.',
        tag: TAG,
        audience: 'selfservice',
        body: 'SelfServiceCommercePoolAction',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'Done.', schema: 'IdResult' },
      },
    },
  ],
});
