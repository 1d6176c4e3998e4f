import { registry } from '@crm/event-bus/contracts';
import { deciderSpecification } from '@crm/platform/testing';
import type { QueueState } from './queue';
import type { ServiceRequestChange, ServiceRequestState } from './service-request';
import { evolve } from './service-request';

export const at = new Date('2024-05-01T10:00:00.000Z');

/** Validates an emitted change against its event contract, as the command handler's envelope would carry it. */
export const validateAgainstContract = (aggregateType: string) => (change: { type: string; data: unknown }, version: number) =>
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

/** given/when/then over the service request aggregate for one command's decider. */
export const serviceRequestSpec = <C>(decide: (state: ServiceRequestState | null, cmd: C) => ServiceRequestChange[]) =>
  deciderSpecification<ServiceRequestState, ServiceRequestChange, C>({ decide, evolve, at, validate: validateAgainstContract('service_request') });

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const QUEUE_ID = uuid(100);
export const STAGE = { open: uuid(101), working: uuid(102), resolved: uuid(103), rejected: uuid(104) };
export const CATEGORY = { billing: uuid(201), network: uuid(202) };
export const CONTACT_ID = uuid(301);

/** A queue of four stages: Open → Working → Resolved (closing) → Rejected (closing). */
export const queue: QueueState = {
  id: QUEUE_ID,
  version: 1,
  name: 'Support',
  stages: [
    { id: STAGE.working, name: 'Working', order: 2, isClosing: false },
    { id: STAGE.open, name: 'Open', order: 1, isClosing: false },
    { id: STAGE.resolved, name: 'Resolved', order: 3, isClosing: true },
    { id: STAGE.rejected, name: 'Rejected', order: 4, isClosing: true },
  ],
  categories: [
    { id: CATEGORY.billing, name: 'Billing', description: null },
    { id: CATEGORY.network, name: 'Network', description: 'Connectivity' },
  ],
  defaultUrgency: 'MEDIUM',
  defaultImpact: 'LOW',
  createdAt: at,
  updatedAt: at,
};

/** The raised event of a request in `queue`, at its first open stage. */
export const raised: Extract<ServiceRequestChange, { type: 'service_request.raised' }> = {
  type: 'service_request.raised',
  data: {
    number: '1',
    contactId: CONTACT_ID,
    queueId: QUEUE_ID,
    stageId: STAGE.open,
    description: 'No signal',
    urgency: 'MEDIUM',
    impact: 'LOW',
    priority: 'LOW',
    categoryIds: [],
    addressId: null,
  },
};

export const started: ServiceRequestChange = {
  type: 'service_request.progressed',
  data: { action: 'START_PROGRESS', state: 'IN_PROGRESS', stageId: STAGE.open, comment: null, closingComment: null, isResolved: null },
};
