import { EventRegistry } from './define-event';
import { CONTACT_EVENTS } from './contacts';
import { IDENTITY_EVENTS } from './identity';

export * from './define-event';

/** Every event contract the platform knows, across domains. */
export const registry = new EventRegistry([...CONTACT_EVENTS, ...IDENTITY_EVENTS]);
