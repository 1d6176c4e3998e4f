import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { LANDING_PAGE_AGGREGATE, SETTINGS_TOPIC } from './topics';

export const LandingPageRemovedV1 = defineEvent({
  type: 'landing_page.removed',
  schemaVersion: 1,
  aggregateType: LANDING_PAGE_AGGREGATE,
  topic: SETTINGS_TOPIC,
  description: 'A landing page was removed.',
  data: z.object({}),
});
export type LandingPageRemovedV1 = EventOf<typeof LandingPageRemovedV1>;
