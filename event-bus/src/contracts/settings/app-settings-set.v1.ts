import { defineEvent, type EventOf } from '../define-event';
import { appSettingsDefinition } from './app-settings-shapes';
import { APP_SETTINGS_AGGREGATE, SETTINGS_TOPIC } from './topics';

export const AppSettingsSetV1 = defineEvent({
  type: 'app_settings.set',
  schemaVersion: 1,
  aggregateType: APP_SETTINGS_AGGREGATE,
  topic: SETTINGS_TOPIC,
  description:
    "A self-service application's public configuration was created or replaced (authentication options, appearance, integrations, embedded links); the event carries the whole of it.",
  data: appSettingsDefinition,
});
export type AppSettingsSetV1 = EventOf<typeof AppSettingsSetV1>;
