import { noQuery, param, sendJson, type Handler } from '../../kit/context';
import type { NotFoundSubject } from '@crm/platform/errors';
import { recordNotFound } from '../../kit/errors';
import type { GqlUserError } from '../../kit/operation';
import { validateBody } from '../../kit/body';
import { snakeCaseFields } from '../../kit/field-names';
import { epochSeconds } from '../../kit/format';
import { canonicalPathId, idempotencyKeyOf, isUuid } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { CREATE_SUBSCRIPTION, GET_SUBSCRIPTION, type GqlSubscription } from './operations';
import { createSubscriptionBody, subscriptionResponse } from './schemas';

const TAG = 'Subscriptions';

/** Its 404 reason, SUBSCRIPTION_NOT_FOUND, is catalogued by subscriptions-read (src/errors.ts), which the facade loads through the registry. */
const SUBJECT = 'subscription' as NotFoundSubject;

/** POST /backoffice/v2/subscriptions → 201 `{id}`. */
const createSubscription: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(createSubscriptionBody, await ctx.readBody());
  const payload = await ctx.gateway.mutate<{ id: string | null; consistencyToken: string | null; errors: GqlUserError[] }>(
    CREATE_SUBSCRIPTION,
    { input: { name: body.name }, idempotencyKey: idempotencyKeyOf(ctx.req) },
    'createSubscription',
    snakeCaseFields,
  );
  sendJson(ctx.res, 201, { id: payload.id });
};

/** GET /backoffice/v2/subscriptions/{id} (the caller's own writes are visible at once). */
const getSubscription: Handler = async (ctx) => {
  noQuery(ctx);
  const raw = param(ctx, 'id');
  if (!isUuid(raw)) throw recordNotFound(SUBJECT, raw);
  const id = canonicalPathId(raw);
  const data = await ctx.gateway.run(GET_SUBSCRIPTION, { id }, snakeCaseFields);
  const found = data['subscription'] as GqlSubscription | null | undefined;
  if (!found) throw recordNotFound(SUBJECT, id);
  sendJson(ctx.res, 200, {
    id: found.id,
    name: found.name,
    created_date: epochSeconds(found.createdAt),
    updated_date: epochSeconds(found.updatedAt),
  });
};

/** Subscriptions: create and read. */
export const resource = defineResource({
  family: 'backoffice',
  name: 'subscriptions',
  pathParameters: { id: 'DirectoryId' },
  openapi: {
    tags: [{ name: TAG, description: 'Subscriptions of the business (the subscriptions domain).' }],
    requestSchemas: [{ name: 'SubscriptionRequest', schema: createSubscriptionBody }],
    responseSchemas: [{ name: 'Subscription', schema: subscriptionResponse }],
  },
  routes: [
    {
      method: 'POST',
      path: '/backoffice/v2/subscriptions',
      handler: createSubscription,
      operations: [CREATE_SUBSCRIPTION],
      doc: {
        operationId: 'createSubscriptionBO',
        summary: 'Create a subscription',
        description: 'Needs subscriptions.write.',
        tag: TAG,
        audience: 'backoffice',
        body: 'SubscriptionRequest',
        idempotencyKey: true,
        writes: true,
        success: { status: 201, description: 'Created; the id of the subscription.', schema: 'IdResult' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/subscriptions/:id',
      handler: getSubscription,
      operations: [GET_SUBSCRIPTION],
      doc: {
        operationId: 'getSubscriptionBO',
        summary: 'Get a subscription',
        description: 'Needs subscriptions.read.',
        tag: TAG,
        audience: 'backoffice',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The subscription.', schema: 'Subscription' },
      },
    },
  ],
});
