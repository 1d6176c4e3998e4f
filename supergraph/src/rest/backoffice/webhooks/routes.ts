import { AppError, type NotFoundSubject } from '@crm/platform/errors';
import { noQuery, param, sendJson, type Handler, type RestContext } from '../../kit/context';
import { recordNotFound } from '../../kit/errors';
import { validateBody } from '../../kit/body';
import { snakeCaseFields } from '../../kit/field-names';
import { epochSeconds } from '../../kit/format';
import { PAGING_PARAMS, pagingOut, parsePaging } from '../../kit/paging';
import { canonicalPathId, idempotencyKeyOf, isUuid, queryParams } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import {
  CREATE_WEBHOOK,
  DELETE_WEBHOOK,
  GET_WEBHOOK,
  LIST_WEBHOOK_DELIVERIES,
  LIST_WEBHOOKS,
  REPLAY_WEBHOOK_DELIVERIES,
  REPLAY_WEBHOOK_DELIVERY,
  ROTATE_WEBHOOK_SECRET,
  UPDATE_WEBHOOK,
  type GqlDelivery,
  type GqlWebhook,
} from './operations';
import {
  deliveryPageResponse,
  replayCountResponse,
  replayRangeBody,
  webhookBody,
  webhookPageResponse,
  webhookResponse,
  webhookSecretResponse,
} from './schemas';
import type { GqlUserError } from '../../kit/operation';

const TAG = 'Webhooks';
const BASE = '/backoffice/v2/webhooks';

/** Its 404 reasons are catalogued by integrations-write (src/errors.ts), which the facade loads through the registry. */
const ENDPOINT = 'webhook endpoint' as NotFoundSubject;
const DELIVERY = 'webhook delivery' as NotFoundSubject;

type SecretPayload = { id: string | null; secret: string | null; consistencyToken: string | null; errors: GqlUserError[] };
type IdPayload = { id: string | null; consistencyToken: string | null; errors: GqlUserError[] };

/** A GUID path parameter, canonical; 404 for anything that is not one (it names nothing). */
function pathId(ctx: RestContext, name: string, subject: NotFoundSubject): string {
  const raw = param(ctx, name);
  if (!isUuid(raw)) throw recordNotFound(subject, raw);
  return canonicalPathId(raw);
}

const inputOf = (body: ReturnType<typeof webhookBody.parse>) => ({
  url: body.url,
  events: body.events,
  description: body.description ?? null,
  enabled: body.enabled ?? true,
});

/** POST /backoffice/v2/webhooks → 201 `{id, secret}` (the secret is shown this once). */
const createWebhook: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(webhookBody, await ctx.readBody());
  const variables = { input: inputOf(body), idempotencyKey: idempotencyKeyOf(ctx.req) };
  const payload = await ctx.gateway.mutate<SecretPayload>(CREATE_WEBHOOK, variables, 'createWebhook', snakeCaseFields);
  sendJson(ctx.res, 201, { id: payload.id, secret: payload.secret });
};

const webhookOut = (found: GqlWebhook) => ({
  id: found.id,
  url: found.url,
  events: found.events,
  ...(found.description === null ? {} : { description: found.description }),
  enabled: found.enabled,
  ...(found.disabledReason === null ? {} : { disabled_reason: found.disabledReason }),
  created_date: epochSeconds(found.createdAt),
  updated_date: epochSeconds(found.updatedAt),
});

/** GET /backoffice/v2/webhooks/{id} (the caller's own writes are visible at once). */
const getWebhook: Handler = async (ctx) => {
  noQuery(ctx);
  const id = pathId(ctx, 'id', ENDPOINT);
  const data = await ctx.gateway.run(GET_WEBHOOK, { id }, snakeCaseFields);
  const found = data['webhook'] as GqlWebhook | null | undefined;
  if (!found) throw recordNotFound(ENDPOINT, id);
  sendJson(ctx.res, 200, webhookOut(found));
};

/** GET /backoffice/v2/webhooks?page=&size=&include_total= → `{paging, content}`, newest first (never a secret). */
const listWebhooks: Handler = async (ctx) => {
  const paging = parsePaging(queryParams(ctx.url.searchParams, PAGING_PARAMS));
  const data = await ctx.gateway.run(LIST_WEBHOOKS, { offset: (paging.page - 1) * paging.size, size: paging.size }, snakeCaseFields);
  const page = data['webhooks'] as { total: number; content: GqlWebhook[] };
  sendJson(ctx.res, 200, {
    paging: pagingOut(paging, page.total),
    content: page.content.map(webhookOut),
  });
};

/** PUT /backoffice/v2/webhooks/{id} → 200 `{id}`: the whole settings (enabled: true re-enables an endpoint the platform disabled). */
const updateWebhook: Handler = async (ctx) => {
  noQuery(ctx);
  const id = pathId(ctx, 'id', ENDPOINT);
  const body = validateBody(webhookBody, await ctx.readBody());
  await ctx.gateway.mutate<IdPayload>(UPDATE_WEBHOOK, { id, input: inputOf(body) }, 'updateWebhook', snakeCaseFields);
  sendJson(ctx.res, 200, { id });
};

/** DELETE /backoffice/v2/webhooks/{id} → 204. */
const deleteWebhook: Handler = async (ctx) => {
  noQuery(ctx);
  const id = pathId(ctx, 'id', ENDPOINT);
  await ctx.gateway.mutate<IdPayload>(DELETE_WEBHOOK, { id }, 'deleteWebhook', snakeCaseFields);
  sendJson(ctx.res, 204, undefined);
};

/** POST /backoffice/v2/webhooks/{id}/rotate_secret → 201 `{id, secret}` (a new secret); the old one signs beside it for the overlap. */
const rotateSecret: Handler = async (ctx) => {
  noQuery(ctx);
  const id = pathId(ctx, 'id', ENDPOINT);
  const payload = await ctx.gateway.mutate<SecretPayload>(ROTATE_WEBHOOK_SECRET, { id }, 'rotateWebhookSecret', snakeCaseFields);
  sendJson(ctx.res, 201, { id: payload.id, secret: payload.secret });
};

const optionalEpoch = (key: string, value: string | null) => (value === null ? {} : { [key]: epochSeconds(value) });

/** GET /backoffice/v2/webhooks/{id}/deliveries?page=&size=&include_total= → `{paging, content}`, newest first. */
const listDeliveries: Handler = async (ctx) => {
  const id = pathId(ctx, 'id', ENDPOINT);
  const paging = parsePaging(queryParams(ctx.url.searchParams, PAGING_PARAMS));
  const data = await ctx.gateway.run(LIST_WEBHOOK_DELIVERIES, { id, offset: (paging.page - 1) * paging.size, size: paging.size }, snakeCaseFields);
  const page = data['webhookDeliveries'] as { total: number; content: GqlDelivery[] } | null | undefined;
  if (!page) throw recordNotFound(ENDPOINT, id);
  sendJson(ctx.res, 200, {
    paging: pagingOut(paging, page.total),
    content: page.content.map((d) => ({
      id: d.id,
      event_id: d.eventId,
      event_type: d.eventType,
      state: d.state,
      attempts: d.attempts,
      ...(d.lastStatus === null ? {} : { last_status: d.lastStatus }),
      ...optionalEpoch('last_attempt_at', d.lastAttemptAt),
      ...optionalEpoch('next_attempt_at', d.nextAttemptAt),
    })),
  });
};

/** POST /backoffice/v2/webhooks/{id}/deliveries/{delivery_id}/replay → 202: sent again soon, same body and webhook-id. */
const replayDelivery: Handler = async (ctx) => {
  noQuery(ctx);
  const id = pathId(ctx, 'id', ENDPOINT);
  const deliveryId = pathId(ctx, 'delivery_id', DELIVERY);
  await ctx.gateway.run(REPLAY_WEBHOOK_DELIVERY, { id, deliveryId }, snakeCaseFields);
  sendJson(ctx.res, 202, undefined);
};

/** POST /backoffice/v2/webhooks/{id}/replay `{from, to}` → 202 `{replayed}`: every delivery created in the range, sent again. */
const replayRange: Handler = async (ctx) => {
  noQuery(ctx);
  const id = pathId(ctx, 'id', ENDPOINT);
  const body = validateBody(replayRangeBody, await ctx.readBody());
  if (body.to <= body.from) throw AppError.validation('to', 'must be after from', 'INVALID_DATE');
  const variables = { id, from: new Date(body.from * 1000).toISOString(), to: new Date(body.to * 1000).toISOString() };
  const data = await ctx.gateway.run(REPLAY_WEBHOOK_DELIVERIES, variables, snakeCaseFields);
  sendJson(ctx.res, 202, { replayed: data['replayWebhookDeliveries'] as number });
};

const WRITE = 'Needs integrations.write.';
const READ = 'Needs integrations.read.';

/** Webhook endpoints (Standard Webhooks signing), their delivery log and replays. */
export const resource = defineResource({
  family: 'backoffice',
  name: 'webhooks',
  pathParameters: { id: 'DirectoryId' },
  openapi: {
    tags: [
      {
        name: TAG,
        description:
          'Webhook endpoints of the tenant (the integrations domain): business events POSTed as `{type, timestamp, data}` with the Standard Webhooks headers webhook-id (the event id), webhook-timestamp and webhook-signature (`v1,<base64 HMAC-SHA256>`); retried with back-off over about three days. Our shapes: CRM.COM publishes no webhook contract.',
      },
    ],
    requestSchemas: [
      { name: 'WebhookRequest', schema: webhookBody },
      { name: 'WebhookReplayRequest', schema: replayRangeBody },
    ],
    responseSchemas: [
      { name: 'Webhook', schema: webhookResponse },
      { name: 'WebhookPage', schema: webhookPageResponse },
      { name: 'WebhookSecret', schema: webhookSecretResponse },
      { name: 'WebhookDeliveryPage', schema: deliveryPageResponse },
      { name: 'WebhookReplayCount', schema: replayCountResponse },
    ],
    parameters: {
      WebhookDeliveryId: {
        name: 'delivery_id',
        in: 'path',
        required: true,
        description: 'The GUID of the delivery (dashed or 32 hex digits, any case); anything else is a 404.',
        schema: { type: 'string', minLength: 1, maxLength: 100 },
      },
    },
  },
  routes: [
    {
      method: 'POST',
      path: BASE,
      handler: createWebhook,
      operations: [CREATE_WEBHOOK],
      doc: {
        operationId: 'createWebhookBO',
        summary: 'Register a webhook endpoint',
        description: `${WRITE} The URL must be http(s) on a public address (checked again when connecting). The answer carries the signing secret, shown this once (a repeated Idempotency-Key answers as the first call did).`,
        tag: TAG,
        audience: 'backoffice',
        body: 'WebhookRequest',
        idempotencyKey: true,
        writes: true,
        success: { status: 201, description: 'Created; the id and the signing secret.', schema: 'WebhookSecret' },
      },
    },
    {
      method: 'GET',
      path: BASE,
      handler: listWebhooks,
      operations: [LIST_WEBHOOKS],
      doc: {
        operationId: 'listWebhooksBO',
        summary: 'List webhook endpoints',
        description: `${READ} Newest first; never shows a secret. Other or repeated query parameters are refused (400).`,
        tag: TAG,
        audience: 'backoffice',
        query: ['Page', 'Size', 'IncludeTotal'],
        reads: true,
        success: { status: 200, description: 'A page of endpoints.', schema: 'WebhookPage' },
      },
    },
    {
      method: 'GET',
      path: `${BASE}/:id`,
      handler: getWebhook,
      operations: [GET_WEBHOOK],
      doc: {
        operationId: 'getWebhookBO',
        summary: 'Get a webhook endpoint',
        description: `${READ} Never shows the secret.`,
        tag: TAG,
        audience: 'backoffice',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The endpoint.', schema: 'Webhook' },
      },
    },
    {
      method: 'PUT',
      path: `${BASE}/:id`,
      handler: updateWebhook,
      operations: [UPDATE_WEBHOOK],
      doc: {
        operationId: 'updateWebhookBO',
        summary: 'Change a webhook endpoint',
        description: `${WRITE} Replaces url, events, description and enabled; enabled true re-enables an endpoint the platform disabled, and its waiting deliveries are sent.`,
        tag: TAG,
        audience: 'backoffice',
        body: 'WebhookRequest',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'Changed; the id.', schema: 'IdResult' },
      },
    },
    {
      method: 'DELETE',
      path: `${BASE}/:id`,
      handler: deleteWebhook,
      operations: [DELETE_WEBHOOK],
      doc: {
        operationId: 'deleteWebhookBO',
        summary: 'Delete a webhook endpoint',
        description: `${WRITE} Nothing more is delivered to it.`,
        tag: TAG,
        audience: 'backoffice',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 204, description: 'Deleted. No body.' },
      },
    },
    {
      method: 'POST',
      path: `${BASE}/:id/rotate_secret`,
      handler: rotateSecret,
      operations: [ROTATE_WEBHOOK_SECRET],
      doc: {
        operationId: 'rotateWebhookSecretBO',
        summary: 'Rotate a webhook endpoint secret',
        description: `${WRITE} A new secret (shown this once); deliveries carry signatures by both the new and the previous secret until the overlap (WEBHOOK_SECRET_OVERLAP_HOURS, default 24) ends.`,
        tag: TAG,
        audience: 'backoffice',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 201, description: 'Created: the new secret.', schema: 'WebhookSecret' },
      },
    },
    {
      method: 'GET',
      path: `${BASE}/:id/deliveries`,
      handler: listDeliveries,
      operations: [LIST_WEBHOOK_DELIVERIES],
      doc: {
        operationId: 'listWebhookDeliveriesBO',
        summary: 'Delivery log of a webhook endpoint',
        description: `${READ} Newest first. Other or repeated query parameters are refused (400).`,
        tag: TAG,
        audience: 'backoffice',
        query: ['Page', 'Size', 'IncludeTotal'],
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'A page of deliveries.', schema: 'WebhookDeliveryPage' },
      },
    },
    {
      method: 'POST',
      path: `${BASE}/:id/deliveries/:delivery_id/replay`,
      handler: replayDelivery,
      operations: [REPLAY_WEBHOOK_DELIVERY],
      pathParameters: { id: 'DirectoryId', delivery_id: 'WebhookDeliveryId' },
      doc: {
        operationId: 'replayWebhookDeliveryBO',
        summary: 'Replay a webhook delivery',
        description: `${WRITE} Sends it again with the same body and webhook-id (receivers dedupe on it), on a fresh retry schedule.`,
        tag: TAG,
        audience: 'backoffice',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 202, description: 'Accepted: the delivery is pending again.' },
      },
    },
    {
      method: 'POST',
      path: `${BASE}/:id/replay`,
      handler: replayRange,
      operations: [REPLAY_WEBHOOK_DELIVERIES],
      doc: {
        operationId: 'replayWebhookDeliveriesBO',
        summary: 'Replay the webhook deliveries of a time range',
        description: `${WRITE} Every delivery of the endpoint created in [from, to) that is not pending is sent again (range at most 31 days).`,
        tag: TAG,
        audience: 'backoffice',
        body: 'WebhookReplayRequest',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 202, description: 'Accepted; how many deliveries are pending again.', schema: 'WebhookReplayCount' },
      },
    },
  ],
});
