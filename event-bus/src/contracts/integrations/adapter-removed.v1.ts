import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { ADAPTER_KINDS } from './shapes';
import { ADAPTER_AGGREGATE, INTEGRATIONS_TOPIC } from './topics';

export const AdapterRemovedV1 = defineEvent({
  type: 'integration_adapter.removed',
  schemaVersion: 1,
  aggregateType: ADAPTER_AGGREGATE,
  topic: INTEGRATIONS_TOPIC,
  description: 'A provider adapter was removed: its credentials are erased and ADAPTER actions naming it fail.',
  data: z.object({ kind: z.enum(ADAPTER_KINDS) }),
});
export type AdapterRemovedV1 = EventOf<typeof AdapterRemovedV1>;
