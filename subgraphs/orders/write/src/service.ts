import { registry } from '@crm/event-bus';
import { serviceGateway, startWriteSide, type ServiceDeps, type WriteSide } from '@crm/event-bus/service';
import { ORDERS_TOPIC } from '@crm/event-bus/contracts/orders';
import { Ledger } from './application/ledger';
import { OrderCommands } from './application/order-commands';
import { CatalogueItems, followCatalogue } from './persistence/catalogue-items';
import { databaseConfig } from './persistence/database';
import { buildOrdersWriteSchema, SUBGRAPH_NAME } from './schema';
import type { OrdersWriteConfig } from './env';

export interface OrdersWriteService extends WriteSide {
  commands: OrderCommands;
}

/**
 * Starts the orders write subgraph, its outbox relay and its follower of the catalogue topic (the
 * price view). The ledger is called through the gateway (`deps.gateway`, or one for GATEWAY_URL).
 */
export function startOrdersWrite(config: OrdersWriteConfig, deps: ServiceDeps): Promise<OrdersWriteService> {
  return startWriteSide({ name: SUBGRAPH_NAME, database: databaseConfig, topics: [ORDERS_TOPIC], config, deps }, async ({ dataSource, relay }) => {
    const ledger = new Ledger(serviceGateway(SUBGRAPH_NAME, config, deps));
    const commands = new OrderCommands(dataSource, registry, () => relay.kick(), new CatalogueItems(dataSource), ledger, {
      estimateTtlMs: config.ORDER_ESTIMATE_TTL_SECONDS * 1000,
      catalogueWaitMs: 3000,
    });
    const catalogue = await followCatalogue(dataSource, deps.bus);
    return { schema: await buildOrdersWriteSchema(commands), app: { commands }, running: [catalogue] };
  });
}
