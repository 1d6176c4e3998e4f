import type { OrderStateName } from '@crm/event-bus/contracts/orders';

/** A stage of an order queue and the state it maps to (NOTES §4.8). */
export interface QueueStage {
  id: string;
  name: string;
  state: OrderStateName;
}

/**
 * The default order queue every tenant has (CRM.COM creates one at business sign-up): one stage
 * per state. Ids are fixed so every tenant's default queue and stages have the same ids.
 */
export const DEFAULT_QUEUE = {
  id: '0e7d5a4c-0000-4000-8000-0000000000a0',
  name: 'Orders',
  stages: [
    { id: '0e7d5a4c-0000-4000-8000-0000000000a1', name: 'New', state: 'NEW' },
    { id: '0e7d5a4c-0000-4000-8000-0000000000a2', name: 'In progress', state: 'IN_PROGRESS' },
    { id: '0e7d5a4c-0000-4000-8000-0000000000a3', name: 'On hold', state: 'ON_HOLD' },
    { id: '0e7d5a4c-0000-4000-8000-0000000000a4', name: 'Completed', state: 'COMPLETED' },
    { id: '0e7d5a4c-0000-4000-8000-0000000000a5', name: 'Cancelled', state: 'CANCELLED' },
  ] satisfies QueueStage[],
} as const;

/** The queue's stage for a state. */
export function stageFor(state: OrderStateName): { id: string; name: string } {
  const s = DEFAULT_QUEUE.stages.find((x) => x.state === state)!;
  return { id: s.id, name: s.name };
}
