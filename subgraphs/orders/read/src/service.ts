import { Projector } from '@crm/event-bus/kit';
import { projectorGroupOf, readSideRebuild, startReadSide, type ReadSide, type ReadSideDefinition, type ServiceDeps } from '@crm/event-bus/service';
import { ORDERS_TOPIC } from '@crm/event-bus/contracts/orders';
import { OrderQueries } from './graphql/order-queries.resolver';
import { databaseConfig } from './persistence/database';
import { orderViewsReadModel } from './persistence/order-views';
import { buildOrdersReadSchema, SUBGRAPH_NAME } from './schema';
import type { OrdersReadConfig } from './env';

export const PROJECTOR_GROUP = projectorGroupOf(SUBGRAPH_NAME);

/** The orders read side: `order_views` projected from the orders topic (nothing cached). */
export const ordersReadSide: ReadSideDefinition<Projector> = {
  name: SUBGRAPH_NAME,
  database: databaseConfig,
  topics: [ORDERS_TOPIC],
  projector: (dataSource, _cache, logger) => new Projector(dataSource, [orderViewsReadModel], logger),
};

export type OrdersReadService = ReadSide<Projector>;

/** Starts the orders read subgraph and/or its projector, per PROCESS_ROLE. */
export function startOrdersRead(config: OrdersReadConfig, deps: ServiceDeps): Promise<OrdersReadService> {
  return startReadSide(ordersReadSide, config, deps, ({ dataSource, projector, freshness }) =>
    buildOrdersReadSchema(new OrderQueries(dataSource, projector, config.CONSISTENCY_WAIT_MS), freshness),
  );
}

/** Rebuilds `orders_read` from the orders topic into a shadow schema and swaps it in (`npm run rebuild -- orders-read`). */
export const rebuildOrdersRead = readSideRebuild(ordersReadSide);
