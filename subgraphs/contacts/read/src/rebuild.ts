import type { Logger } from 'pino';
import { MemoryCache } from '@crm/platform/cache';
import { rebuildIntoShadow, type KafkaBus, type ShadowRebuildResult } from '@crm/event-bus';
import { CONTACTS_TOPIC } from '@crm/event-bus/contracts/contacts';
import { ContactsProjector } from './consumers/contacts-events.consumer';
import { databaseConfig } from './persistence/database';

/**
 * Rebuilds `contacts_read` from the contacts topic into a shadow schema and swaps it in while the
 * service keeps answering (`npm run rebuild -- contacts-read`). The shadow projector writes through
 * a throwaway cache: the live cache keeps serving, and holds the same versions the rebuild produces.
 */
export function rebuildContactsRead(deps: { bus: KafkaBus; databaseUrl: string; logger: Logger }): Promise<ShadowRebuildResult> {
  return rebuildIntoShadow({
    bus: deps.bus,
    topics: [CONTACTS_TOPIC],
    database: { ...databaseConfig({ DATABASE_URL: deps.databaseUrl, DATA_DIR: '.data' }, deps.logger), databaseUrl: deps.databaseUrl },
    handlerFor: (shadow) => new ContactsProjector(shadow, new MemoryCache(), 60, deps.logger).handle,
    logger: deps.logger,
  });
}
