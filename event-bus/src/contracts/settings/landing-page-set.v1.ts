import { defineEvent, type EventOf } from '../define-event';
import { landingPageDefinition } from './landing-page-shapes';
import { LANDING_PAGE_AGGREGATE, SETTINGS_TOPIC } from './topics';

export const LandingPageSetV1 = defineEvent({
  type: 'landing_page.set',
  schemaVersion: 1,
  aggregateType: LANDING_PAGE_AGGREGATE,
  topic: SETTINGS_TOPIC,
  description: 'A landing page was created or replaced (texts, colours, form fields, state); the event carries the whole of it.',
  data: landingPageDefinition,
});
export type LandingPageSetV1 = EventOf<typeof LandingPageSetV1>;
