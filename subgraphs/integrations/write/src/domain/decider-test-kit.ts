import { registry } from '@crm/event-bus/contracts';
import { WEBHOOK_AGGREGATE } from '@crm/event-bus/contracts/integrations';
import { deciderSpecification } from '@crm/platform/testing';
import { evolve, type WebhookChange, type WebhookState } from './webhook';

/** What the webhook endpoint decider tests share: the time, an id, settings and the given/when/then kit validating every event against its contract. */
export const at = new Date('2024-05-01T10:00:00.000Z');
export const ID = '00000000-0000-4000-8000-000000000999';

/** Validates a decider's change as the event it becomes, against its contract (every aggregate of the domain). */
export const validatorFor = (aggregateType: string, aggregateId: string) => (change: { type: string; data: unknown }, version: number) =>
  registry.validate({
    id: '00000000-0000-4000-8000-000000000900',
    type: change.type,
    schemaVersion: 1,
    tenantId: 't1',
    aggregateType,
    aggregateId,
    aggregateVersion: version,
    occurredAt: at.toISOString(),
    correlationId: 'corr-1',
    causationId: null,
    actor: { kind: 'user', id: 'u1' },
    data: change.data,
  });

const validate = validatorFor(WEBHOOK_AGGREGATE, ID);

export const spec = <C>(decide: (s: WebhookState | null, c: C) => WebhookChange[]) =>
  deciderSpecification<WebhookState, WebhookChange, C>({ decide, evolve, at, validate });

export const settings = { url: 'https://hooks.example.com/crm', events: ['contact.created'], description: null, enabled: true };
export const secret = { sealed: 'sealed-1', expiresAt: null };
export const created: WebhookChange = { type: 'webhook_endpoint.created', data: settings, stored: { secret } };
