import type { EventBus, EventEnvelope, Subscription } from '@crm/event-bus';
import { ORDERS_TOPIC, type OrderPlacedV1 } from '@crm/event-bus/contracts/orders';
import type { SubscriptionCommands } from '../application/subscription-commands';
import { servicesOfOrder } from './ordered-services';

/**
 * Orders with termed services open (or join) the contact's subscription: on `order.placed`, its
 * TERMED_SERVICE lines are added as services. The idempotency key `order:<id>:subscribe` makes a
 * redelivered event add nothing more.
 */
export async function followOrders(bus: EventBus, commands: SubscriptionCommands): Promise<Subscription> {
  await bus.ensureTopics([ORDERS_TOPIC]);
  return bus.subscribe({
    groupId: 'subscriptions-write.orders',
    topics: [ORDERS_TOPIC],
    handler: async (event: EventEnvelope) => {
      if (event.type !== 'order.placed') return;
      const input = servicesOfOrder(event as OrderPlacedV1);
      if (!input) return;
      const ctx = { tenantId: event.tenantId, correlationId: event.correlationId, actor: { kind: 'service' as const, id: 'orders' } };
      await commands.addServices(ctx, input, `order:${event.aggregateId}:subscribe`);
    },
  });
}
