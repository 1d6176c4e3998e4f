import { op, USER_ERROR_FIELDS } from '../../kit/operation';

const ENDPOINT_FIELDS = 'id url events description enabled disabledReason createdAt updatedAt';

export const GET_WEBHOOK = op('query', 'RestGetWebhook', `query RestGetWebhook($id: ID!) { webhook(id: $id) { ${ENDPOINT_FIELDS} } }`);

export const LIST_WEBHOOKS = op(
  'query',
  'RestListWebhooks',
  `query RestListWebhooks($offset: Int!, $size: Int!) { webhooks(offset: $offset, size: $size) { total content { ${ENDPOINT_FIELDS} } } }`,
);

export const CREATE_WEBHOOK = op(
  'mutation',
  'RestCreateWebhook',
  `mutation RestCreateWebhook($input: WebhookInput!, $idempotencyKey: String) { createWebhook(input: $input, idempotencyKey: $idempotencyKey) { id secret consistencyToken ${USER_ERROR_FIELDS} } }`,
);

export const UPDATE_WEBHOOK = op(
  'mutation',
  'RestUpdateWebhook',
  `mutation RestUpdateWebhook($id: ID!, $input: WebhookInput!) { updateWebhook(id: $id, input: $input) { id consistencyToken ${USER_ERROR_FIELDS} } }`,
);

export const DELETE_WEBHOOK = op(
  'mutation',
  'RestDeleteWebhook',
  `mutation RestDeleteWebhook($id: ID!) { deleteWebhook(id: $id) { id consistencyToken ${USER_ERROR_FIELDS} } }`,
);

export const ROTATE_WEBHOOK_SECRET = op(
  'mutation',
  'RestRotateWebhookSecret',
  `mutation RestRotateWebhookSecret($id: ID!) { rotateWebhookSecret(id: $id) { id secret consistencyToken ${USER_ERROR_FIELDS} } }`,
);

export const LIST_WEBHOOK_DELIVERIES = op(
  'query',
  'RestListWebhookDeliveries',
  `query RestListWebhookDeliveries($id: ID!, $offset: Int!, $size: Int!) { webhookDeliveries(webhookId: $id, offset: $offset, size: $size) { total content { id eventId eventType state attempts lastStatus lastAttemptAt nextAttemptAt createdAt } } }`,
);

export const REPLAY_WEBHOOK_DELIVERY = op(
  'mutation',
  'RestReplayWebhookDelivery',
  `mutation RestReplayWebhookDelivery($id: ID!, $deliveryId: ID!) { replayWebhookDelivery(webhookId: $id, deliveryId: $deliveryId) }`,
);

export const REPLAY_WEBHOOK_DELIVERIES = op(
  'mutation',
  'RestReplayWebhookDeliveries',
  `mutation RestReplayWebhookDeliveries($id: ID!, $from: DateTimeISO!, $to: DateTimeISO!) { replayWebhookDeliveries(webhookId: $id, from: $from, to: $to) }`,
);

export interface GqlWebhook {
  id: string;
  url: string;
  events: string[];
  description: string | null;
  enabled: boolean;
  disabledReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface GqlDelivery {
  id: string;
  eventId: string;
  eventType: string;
  state: 'PENDING' | 'SUCCEEDED' | 'FAILED';
  attempts: number;
  lastStatus: number | null;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
}
