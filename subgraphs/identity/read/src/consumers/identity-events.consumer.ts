import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { Projector, statementReadModel, type StatementProjection } from '@crm/event-bus/kit';
import { AGGREGATES } from '@crm/event-bus/contracts/identity';
import { IDENTITY_PROJECTIONS } from '../projections/identity-view.projection';

export { appliedSignal, type ProjectorStats } from '@crm/event-bus/kit';

const IDENTITY_AGGREGATES: ReadonlySet<string> = new Set(Object.values(AGGREGATES));

/**
 * The identity read models (users, roles, teams, API keys, organisations, applications, sign-in
 * providers), one projection file each, as one statement read model of the projector engine:
 * versions per aggregate in `applied_versions` (every identity aggregate type feeds one table,
 * the tenant feeds two), a redelivery changes nothing, and events no read model models only
 * advance the version.
 */
export const identityReadModel = statementReadModel({
  name: 'identity_views',
  accepts: (e) => IDENTITY_AGGREGATES.has(e.aggregateType),
  projections: IDENTITY_PROJECTIONS as unknown as StatementProjection[],
});

/** The identity projector: the projector engine over the identity read models. */
export class IdentityProjector extends Projector {
  constructor(dataSource: DataSource, logger: Logger) {
    super(dataSource, [identityReadModel], logger);
  }
}
