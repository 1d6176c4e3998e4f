import type { DataSource } from 'typeorm';
import { AppError } from '@crm/platform/errors';
import type { EventRegistry } from '@crm/event-bus';
import { type AggregateDefinition, CommandHandler, type CommandResult, type RequestContext } from '@crm/event-bus/kit';
import { ORDER_AGGREGATE } from '@crm/event-bus/contracts/orders';
import { evolve, type OrderChange, type OrderState } from '../domain/order';
import { type CreateOrder, createOrder } from '../domain/create-order';
import { orderStore } from '../persistence/order-store';

/** The order aggregate, as the platform's command handler runs it. */
export const orderAggregate: AggregateDefinition<OrderState, OrderChange> = {
  type: ORDER_AGGREGATE,
  evolve,
  store: orderStore,
  versionConflict: () => new AppError('CONFLICT', 'the order was changed by another request; retry', { reason: 'VERSION_CONFLICT' }),
};

/** Order commands on the kit's command handler (load → decide → save state + outbox in one statement). */
export class OrderCommands {
  private readonly handler: CommandHandler<OrderState, OrderChange>;

  constructor(dataSource: DataSource, registry: EventRegistry, onCommitted: () => void) {
    this.handler = new CommandHandler(dataSource, registry, orderAggregate, onCommitted);
  }

  /** Same idempotency key and request → the first result, no second order. */
  create(ctx: RequestContext, command: CreateOrder, idempotencyKey: string | null): Promise<CommandResult<OrderState>> {
    const idempotency = idempotencyKey ? { scope: 'orders.create', key: idempotencyKey, request: command } : null;
    return this.handler.run(ctx, { create: true, id: null }, (state) => createOrder(state, command), idempotency);
  }
}
