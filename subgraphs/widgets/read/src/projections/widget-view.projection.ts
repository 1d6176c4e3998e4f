import type { WidgetEvent } from '@crm/event-bus/contracts/widgets';

/** The read model of one widget. */
export interface WidgetView {
  id: string;
  version: number;
  name: string;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Folds one event into the view (pure). The projector engine hands events in aggregate-version
 * order and skips redeliveries; this function only knows how each event changes the view.
 */
export function projectWidget(
  _view: WidgetView | null,
  event: Pick<WidgetEvent, 'type' | 'data' | 'aggregateId' | 'aggregateVersion' | 'occurredAt'>,
): WidgetView {
  const at = new Date(event.occurredAt);
  switch (event.type) {
    case 'widget.created':
      return { id: event.aggregateId, version: event.aggregateVersion, name: event.data.name, createdAt: at, updatedAt: at };
  }
}
