import type { OrderCatalogueDetails } from '@crm/event-bus/contracts/catalogue';
import type { OrderCatalogueChange, OrderCatalogueState } from '@crm/catalogue-model';
import { checkOrderCatalogue } from './order-catalogue-rules';
import type { References } from './references';

export interface CreateOrderCatalogue {
  details: OrderCatalogueDetails;
  references: References;
}

/** Creates an order catalogue (pure): a name, supply methods, products or categories (not both), valid time slots. */
export function createOrderCatalogue(state: OrderCatalogueState | null, cmd: CreateOrderCatalogue): OrderCatalogueChange[] {
  if (state) throw new Error('createOrderCatalogue on an existing catalogue');
  return [{ type: 'order_catalogue.created', data: checkOrderCatalogue(cmd.details, cmd.references) }];
}
