import { Projector, statementReadModel, type StatementProjection } from '@crm/event-bus/kit';
import { projectorGroupOf, readSideRebuild, startReadSide, type ReadSide, type ReadSideDefinition, type ServiceDeps } from '@crm/event-bus/service';
import {
  COMMERCE_POOL_AGGREGATE,
  LEDGER_ACCOUNT_AGGREGATE,
  LEDGER_LIMITS_AGGREGATE,
  LEDGER_TOPIC,
  WALLET_AGGREGATE,
} from '@crm/event-bus/contracts/ledger';
import { LedgerQueries } from './graphql/ledger-queries.resolver';
import { databaseConfig } from './persistence/database';
import { LEDGER_PROJECTIONS } from './projections/ledger-view.projection';
import { buildLedgerReadSchema, SUBGRAPH_NAME } from './schema';
import type { LedgerReadConfig } from './env';

const LEDGER_AGGREGATES = [WALLET_AGGREGATE, LEDGER_ACCOUNT_AGGREGATE, COMMERCE_POOL_AGGREGATE, LEDGER_LIMITS_AGGREGATE];

export const PROJECTOR_GROUP = projectorGroupOf(SUBGRAPH_NAME);

/** The ledger read models (wallets, accounts, journal entries, lots, commerce pools, default limits): one statement read model, versions per aggregate in `applied_versions`. */
export const ledgerReadModel = () =>
  statementReadModel({
    name: 'ledger_views',
    accepts: (e) => LEDGER_AGGREGATES.includes(e.aggregateType),
    projections: LEDGER_PROJECTIONS as unknown as StatementProjection[],
    contiguous: true,
  });

/** The ledger read side, projected from the ledger topic. */
export const ledgerReadSide: ReadSideDefinition<Projector> = {
  name: SUBGRAPH_NAME,
  database: databaseConfig,
  topics: [LEDGER_TOPIC],
  projector: (dataSource, _cache, logger) => new Projector(dataSource, [ledgerReadModel()], logger),
};

export type LedgerReadService = ReadSide<Projector>;

/** Starts the ledger read subgraph and/or its projector, per PROCESS_ROLE. */
export function startLedgerRead(config: LedgerReadConfig, deps: ServiceDeps): Promise<LedgerReadService> {
  return startReadSide(ledgerReadSide, config, deps, ({ dataSource, projector, freshness }) =>
    buildLedgerReadSchema(new LedgerQueries(dataSource, projector, config.CONSISTENCY_WAIT_MS), freshness),
  );
}

/** Rebuilds `ledger_read` from the ledger topic into a shadow schema and swaps it in (`npm run rebuild -- ledger-read`). */
export const rebuildLedgerRead = readSideRebuild(ledgerReadSide);
