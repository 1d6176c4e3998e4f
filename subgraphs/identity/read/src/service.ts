import { ReadConsistency } from '@crm/platform/graphql';
import { projectorGroupOf, readSideRebuild, startReadSide, type ReadSide, type ReadSideDefinition, type ServiceDeps } from '@crm/event-bus/service';
import { IDENTITY_TOPIC } from '@crm/event-bus/contracts/identity';
import { IdentityProjector } from './consumers/identity-events.consumer';
import { databaseConfig } from './persistence/database';
import { IdentityViews } from './persistence/identity-views';
import { identityTokenWaiter } from './queries/await-identity-tokens';
import { buildIdentityReadSchema, SUBGRAPH_NAME } from './schema';
import type { IdentityReadConfig } from './env';

export const PROJECTOR_GROUP = projectorGroupOf(SUBGRAPH_NAME);

/** The identity read side: the identity read models projected from the identity topic, hot reads cached. */
export const identityReadSide: ReadSideDefinition<IdentityProjector> = {
  name: SUBGRAPH_NAME,
  database: databaseConfig,
  topics: [IDENTITY_TOPIC],
  projector: (dataSource, cache, logger) => new IdentityProjector(dataSource, logger, cache),
};

export type IdentityReadService = ReadSide<IdentityProjector>;

/** Starts the identity read subgraph and/or its projector, per PROCESS_ROLE. */
export function startIdentityRead(config: IdentityReadConfig, deps: ServiceDeps): Promise<IdentityReadService> {
  return startReadSide(identityReadSide, config, deps, ({ dataSource, cache, projector, freshness }) => {
    const views = new IdentityViews(dataSource, cache, config.CACHE_TTL_SECONDS);
    return buildIdentityReadSchema(views, new ReadConsistency(freshness, identityTokenWaiter(views, projector, config.CONSISTENCY_WAIT_MS)));
  });
}

/** Rebuilds `identity_read` from the identity topic into a shadow schema and swaps it in (`npm run rebuild -- identity-read`). */
export const rebuildIdentityRead = readSideRebuild(identityReadSide);
