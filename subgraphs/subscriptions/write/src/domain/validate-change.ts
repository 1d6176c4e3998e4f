import { registry } from '@crm/event-bus/contracts';
import { SUBSCRIPTION_AGGREGATE } from '@crm/event-bus/contracts/subscriptions';

/** For decider tests: checks one emitted change (of a subscription, or of another aggregate of the domain) against its event contract once it has an envelope. */
export function validateChange(
  change: { type: string; data: unknown },
  version: number,
  at: Date,
  aggregateType: string = SUBSCRIPTION_AGGREGATE,
): void {
  registry.validate({
    id: '00000000-0000-4000-8000-000000000900',
    type: change.type,
    schemaVersion: 1,
    tenantId: 't1',
    aggregateType,
    aggregateId: '00000000-0000-4000-8000-000000000999',
    aggregateVersion: version,
    occurredAt: at.toISOString(),
    correlationId: 'corr-1',
    causationId: null,
    actor: { kind: 'user', id: 'u1' },
    data: change.data,
  });
}
