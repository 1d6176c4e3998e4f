import { registry } from '@crm/event-bus';
import { startWriteSide, type ServiceDeps, type WriteSide } from '@crm/event-bus/service';
import { ORDERS_TOPIC } from '@crm/event-bus/contracts/orders';
import { OrderCommands } from './application/order-commands';
import { databaseConfig } from './persistence/database';
import { buildOrdersWriteSchema, SUBGRAPH_NAME } from './schema';
import type { OrdersWriteConfig } from './env';

export interface OrdersWriteService extends WriteSide {
  commands: OrderCommands;
}

/** Starts the orders write subgraph and its outbox relay on the given bus. */
export function startOrdersWrite(config: OrdersWriteConfig, deps: ServiceDeps): Promise<OrdersWriteService> {
  return startWriteSide({ name: SUBGRAPH_NAME, database: databaseConfig, topics: [ORDERS_TOPIC], config, deps }, async ({ dataSource, relay }) => {
    const commands = new OrderCommands(dataSource, registry, () => relay.kick());
    return { schema: await buildOrdersWriteSchema(commands), app: { commands } };
  });
}
