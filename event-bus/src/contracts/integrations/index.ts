import { AdapterConfiguredV1 } from './adapter-configured.v1';
import { AdapterRemovedV1 } from './adapter-removed.v1';
import { AutomationCreatedV1 } from './automation-created.v1';
import { AutomationDeletedV1 } from './automation-deleted.v1';
import { AutomationDisabledV1 } from './automation-disabled.v1';
import { AutomationEnabledV1 } from './automation-enabled.v1';
import { AutomationUpdatedV1 } from './automation-updated.v1';
import { WebhookEndpointCreatedV1 } from './webhook-endpoint-created.v1';
import { WebhookEndpointDeletedV1 } from './webhook-endpoint-deleted.v1';
import { WebhookEndpointDisabledV1 } from './webhook-endpoint-disabled.v1';
import { WebhookEndpointSecretRotatedV1 } from './webhook-endpoint-secret-rotated.v1';
import { WebhookEndpointUpdatedV1 } from './webhook-endpoint-updated.v1';
import type { EventOf } from '../define-event';

export * from './adapter-configured.v1';
export * from './adapter-removed.v1';
export * from './automation-created.v1';
export * from './automation-deleted.v1';
export * from './automation-disabled.v1';
export * from './automation-enabled.v1';
export * from './automation-updated.v1';
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
  AutomationCreatedV1,
  AutomationUpdatedV1,
  AutomationDeletedV1,
  AutomationEnabledV1,
  AutomationDisabledV1,
  AdapterConfiguredV1,
  AdapterRemovedV1,
] as const;

/** Every integrations event, as the union of its contracts' envelopes. */
export type IntegrationsEvent = EventOf<(typeof domainEvents)[number]>;
/** The webhook endpoint events. */
export type WebhookEvent = Extract<IntegrationsEvent, { type: `webhook_endpoint.${string}` }>;
/** The adapter events. */
export type AdapterEvent = Extract<IntegrationsEvent, { type: `integration_adapter.${string}` }>;
/** The automation events. */
export type AutomationEvent = Extract<IntegrationsEvent, { type: `automation.${string}` }>;
