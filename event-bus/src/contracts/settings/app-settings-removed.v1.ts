import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { APP_SETTINGS_AGGREGATE, SETTINGS_TOPIC } from './topics';

export const AppSettingsRemovedV1 = defineEvent({
  type: 'app_settings.removed',
  schemaVersion: 1,
  aggregateType: APP_SETTINGS_AGGREGATE,
  topic: SETTINGS_TOPIC,
  description: "A self-service application's configuration was removed: its platform_app_id no longer resolves.",
  data: z.object({ platformAppId: z.string().max(100) }),
});
export type AppSettingsRemovedV1 = EventOf<typeof AppSettingsRemovedV1>;
