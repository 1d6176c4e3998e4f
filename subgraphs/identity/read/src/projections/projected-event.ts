import type { IdentityEvent } from '@crm/event-bus/contracts/identity';

/** What an identity projection reads of an event. */
export type ProjectedEvent = Pick<IdentityEvent, 'type' | 'data' | 'tenantId' | 'aggregateId' | 'occurredAt'>;
