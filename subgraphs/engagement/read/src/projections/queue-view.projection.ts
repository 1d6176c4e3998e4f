import type { Level, QueueCategory, QueueEvent, QueueStage } from '@crm/event-bus/contracts/engagement';

/** The read model of one queue. */
export interface QueueView {
  id: string;
  version: number;
  name: string;
  stages: QueueStage[];
  categories: QueueCategory[];
  defaultUrgency: Level;
  defaultImpact: Level;
  createdAt: string;
  updatedAt: string;
}

/** Folds one queue event into the view (pure). */
export function projectQueue(
  _view: QueueView | null,
  event: Pick<QueueEvent, 'type' | 'data' | 'aggregateId' | 'aggregateVersion' | 'occurredAt'>,
): QueueView {
  switch (event.type) {
    case 'queue.created': {
      const stages = [...event.data.stages].sort((a, b) => a.order - b.order);
      return {
        id: event.aggregateId,
        version: event.aggregateVersion,
        ...event.data,
        stages,
        createdAt: event.occurredAt,
        updatedAt: event.occurredAt,
      };
    }
    default:
      throw new Error(`unknown queue event ${(event as { type: string }).type}`);
  }
}
