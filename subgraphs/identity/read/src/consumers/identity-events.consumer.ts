import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { invalidateGenerations, type Cache } from '@crm/platform/cache';
import { Projector, statementReadModel, type StatementProjection } from '@crm/event-bus/kit';
import { AGGREGATES } from '@crm/event-bus/contracts/identity';
import { IDENTITY_PROJECTIONS } from '../projections/identity-view.projection';
import { identityCacheKeys } from '../queries/identity-cache-keys';

export { appliedSignal, type ProjectorStats } from '@crm/event-bus/kit';

const IDENTITY_AGGREGATES: ReadonlySet<string> = new Set(Object.values(AGGREGATES));

/**
 * The identity read models (users, roles, teams, API keys, organisations, applications, sign-in
 * providers), one projection file each, as one statement read model of the projector engine:
 * versions per aggregate in `applied_versions` (every identity aggregate type feeds one table,
 * the tenant feeds two), a redelivery changes nothing, and events no read model models only
 * advance the version. After each commit the cached reads of every tenant it changed are
 * invalidated (the tenant's cache generation is bumped).
 */
export function identityReadModel(cache: Cache | null) {
  return statementReadModel({
    name: 'identity_views',
    accepts: (e) => IDENTITY_AGGREGATES.has(e.aggregateType),
    projections: IDENTITY_PROJECTIONS as unknown as StatementProjection[],
    ...(cache
      ? {
          afterCommit: (changed) =>
            invalidateGenerations(
              cache,
              identityCacheKeys,
              changed.map((c) => c.ref.tenantId),
            ),
        }
      : {}),
  });
}

/** The identity projector: the projector engine over the identity read models (and the cache of their hot reads). */
export class IdentityProjector extends Projector {
  constructor(dataSource: DataSource, logger: Logger, cache: Cache | null = null) {
    super(dataSource, [identityReadModel(cache)], logger);
  }
}
