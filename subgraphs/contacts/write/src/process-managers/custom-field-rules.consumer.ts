import type { DataSource } from 'typeorm';
import type { EventBus, EventEnvelope, Subscription } from '@crm/event-bus';
import { CUSTOM_FIELD_AGGREGATE, SETTINGS_TOPIC, type CustomFieldEvent } from '@crm/event-bus/contracts/settings';
import { saveRule } from '../persistence/custom-field-rules';

export const CUSTOM_FIELD_RULES_GROUP = 'contacts-write.custom-field-rules';

/**
 * Keeps contacts-write's copy of the custom field definitions (`custom_field_rules`) from the
 * settings domain's events, so contact create/update enforce them without calling or importing
 * settings. At-least-once delivery is fine: each rule only moves forward by version. A definition
 * is enforced once this consumer has applied it (normally milliseconds after the settings write).
 */
export class CustomFieldRulesConsumer {
  constructor(private readonly dataSource: DataSource) {}

  async start(bus: EventBus): Promise<Subscription> {
    await bus.ensureTopics([SETTINGS_TOPIC]);
    return bus.subscribe({ groupId: CUSTOM_FIELD_RULES_GROUP, topics: [SETTINGS_TOPIC], handler: this.handle });
  }

  handle = async (envelope: EventEnvelope): Promise<void> => {
    if (envelope.aggregateType !== CUSTOM_FIELD_AGGREGATE) return;
    const event = envelope as CustomFieldEvent;
    const base = { tenantId: event.tenantId, id: event.aggregateId, version: event.aggregateVersion, entity: event.data.entity, key: event.data.key };
    if (event.type === 'custom_field.removed') {
      await saveRule(this.dataSource, { ...base, field: null, options: null, mandatory: null, removed: true });
      return;
    }
    const d = event.data;
    await saveRule(this.dataSource, { ...base, field: d.field, options: d.options, mandatory: d.mandatory, removed: false });
  };
}
