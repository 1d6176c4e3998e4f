import type { ChangeOf, Level, QueueCategory, QueueEvent, QueueStage } from '@crm/event-bus/contracts/engagement';

/** Write-side state of one queue: its ordered stages (one or more closing) and categories. */
export interface QueueState {
  id: string;
  version: number;
  name: string;
  stages: QueueStage[];
  categories: QueueCategory[];
  defaultUrgency: Level;
  defaultImpact: Level;
  createdAt: Date;
  updatedAt: Date;
}

export type QueueChange = ChangeOf<QueueEvent>;

/** Applies one event to the state (pure). */
export function evolveQueue(state: QueueState | null, event: QueueChange, meta: { version: number; at: Date }): QueueState {
  switch (event.type) {
    case 'queue.created':
      return { id: state?.id ?? '', version: meta.version, ...event.data, createdAt: meta.at, updatedAt: meta.at };
  }
}

/** The stages in their order. */
export const orderedStages = (queue: Pick<QueueState, 'stages'>): QueueStage[] => [...queue.stages].sort((a, b) => a.order - b.order);
