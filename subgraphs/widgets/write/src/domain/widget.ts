import type { WidgetEvent } from '@crm/event-bus/contracts/widgets';

/** Write-side state of one widget aggregate. */
export interface WidgetState {
  id: string;
  version: number;
  name: string;
  createdAt: Date;
  updatedAt: Date;
}

/** What a decider returns: event types with their data, before the envelope is added. */
export type WidgetChange = Pick<WidgetEvent, 'type' | 'data'>;

/** Applies one event to the state (pure; the read-side projection applies the same rule). */
export function evolve(state: WidgetState | null, event: WidgetChange, meta: { version: number; at: Date }): WidgetState {
  switch (event.type) {
    case 'widget.created':
      return { id: state?.id ?? '', name: event.data.name, version: meta.version, createdAt: meta.at, updatedAt: meta.at };
  }
}
