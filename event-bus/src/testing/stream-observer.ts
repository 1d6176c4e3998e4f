import type { HistoryEvent } from '@crm/platform/testing/faults';
import type { EventBus, Subscription } from '../ports';

/** What a consumer group saw, in the order its handler ran (for the history checker). */
export interface StreamObserver {
  observed: HistoryEvent[];
  /** Distinct event ids seen. */
  ids: Set<string>;
  subscription: Subscription;
}

/** Subscribes a consumer group that only records every delivery. */
export async function observeStream(bus: EventBus, groupId: string, topics: string[]): Promise<StreamObserver> {
  const observed: HistoryEvent[] = [];
  const ids = new Set<string>();
  const subscription = await bus.subscribe({
    groupId,
    topics,
    handler: async (e) => {
      observed.push({ aggregateId: e.aggregateId, version: e.aggregateVersion });
      ids.add(e.id);
    },
  });
  return { observed, ids, subscription };
}
