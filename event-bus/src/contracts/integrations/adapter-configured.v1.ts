import { defineEvent, type EventOf } from '../define-event';
import { adapterSettings } from './shapes';
import { ADAPTER_AGGREGATE, INTEGRATIONS_TOPIC } from './topics';

export const AdapterConfiguredV1 = defineEvent({
  type: 'integration_adapter.configured',
  schemaVersion: 1,
  aggregateType: ADAPTER_AGGREGATE,
  topic: INTEGRATIONS_TOPIC,
  description: 'A provider adapter was configured (or reconfigured) for the tenant; the data is its non-secret settings, never its credentials.',
  data: adapterSettings,
});
export type AdapterConfiguredV1 = EventOf<typeof AdapterConfiguredV1>;
