import { projectorGroupOf, readSideRebuild, startReadSide, type ReadSide, type ReadSideDefinition, type ServiceDeps } from '@crm/event-bus/service';
import { CONTACTS_TOPIC } from '@crm/event-bus/contracts/contacts';
import { ContactsProjector } from './consumers/contacts-events.consumer';
import { databaseConfig } from './persistence/database';
import { ContactQueries } from './queries/contact-queries';
import { CommunityQueries } from './communities/queries';
import { buildContactsReadSchema, SUBGRAPH_NAME } from './schema';
import type { ContactsReadConfig } from './env';

export const PROJECTOR_GROUP = projectorGroupOf(SUBGRAPH_NAME);

/** The contacts read side: `contact_views` projected from the contacts topic, cached in Redis. */
export const contactsReadSide: ReadSideDefinition<ContactsProjector> = {
  name: SUBGRAPH_NAME,
  database: databaseConfig,
  topics: [CONTACTS_TOPIC],
  projector: (dataSource, cache, logger, cacheTtlSeconds) => new ContactsProjector(dataSource, cache, cacheTtlSeconds, logger),
};

export type ContactsReadService = ReadSide<ContactsProjector>;

/** Starts the contacts read subgraph and/or its projector, per PROCESS_ROLE. */
export function startContactsRead(config: ContactsReadConfig, deps: ServiceDeps): Promise<ContactsReadService> {
  return startReadSide(contactsReadSide, config, deps, ({ dataSource, cache, projector, freshness }) =>
    buildContactsReadSchema(
      new ContactQueries(dataSource, cache, config.CACHE_TTL_SECONDS, projector, config.CONSISTENCY_WAIT_MS),
      freshness,
      new CommunityQueries(dataSource, projector, config.CONSISTENCY_WAIT_MS),
    ),
  );
}

/** Rebuilds `contacts_read` from the contacts topic into a shadow schema and swaps it in (`npm run rebuild -- contacts-read`). */
export const rebuildContactsRead = readSideRebuild(contactsReadSide);
