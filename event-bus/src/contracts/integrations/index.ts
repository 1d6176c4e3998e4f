import { WebhookEndpointCreatedV1 } from './webhook-endpoint-created.v1';
import { WebhookEndpointDeletedV1 } from './webhook-endpoint-deleted.v1';
import { WebhookEndpointDisabledV1 } from './webhook-endpoint-disabled.v1';
import { WebhookEndpointSecretRotatedV1 } from './webhook-endpoint-secret-rotated.v1';
import { WebhookEndpointUpdatedV1 } from './webhook-endpoint-updated.v1';
import type { EventOf } from '../define-event';

export * from './shapes';
export * from './topics';
export * from './webhook-endpoint-created.v1';
export * from './webhook-endpoint-deleted.v1';
export * from './webhook-endpoint-disabled.v1';
export * from './webhook-endpoint-secret-rotated.v1';
export * from './webhook-endpoint-updated.v1';

/** Every integrations event contract (the platform's event registry collects each registered domain's `domainEvents`). */
export const domainEvents = [
  WebhookEndpointCreatedV1,
  WebhookEndpointUpdatedV1,
  WebhookEndpointDeletedV1,
  WebhookEndpointSecretRotatedV1,
  WebhookEndpointDisabledV1,
] as const;

/** Every integrations event, as the union of its contracts' envelopes. */
export type WebhookEvent = EventOf<(typeof domainEvents)[number]>;
