import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { WIDGET_AGGREGATE, WIDGETS_TOPIC } from './topics';

export const WidgetCreatedV1 = defineEvent({
  type: 'widget.created',
  schemaVersion: 1,
  aggregateType: WIDGET_AGGREGATE,
  topic: WIDGETS_TOPIC,
  description: 'A widget was created.',
  data: z.object({ name: z.string().min(1).max(100) }),
});
export type WidgetCreatedV1 = EventOf<typeof WidgetCreatedV1>;
