import { AppError } from '@crm/platform/errors';
import type { OrderCatalogueDetails } from '@crm/event-bus/contracts/catalogue';
import type { OrderCatalogueChange, OrderCatalogueState } from '@crm/catalogue-model';
import { checkOrderCatalogue } from './order-catalogue-rules';
import type { References } from './references';

export interface UpdateOrderCatalogue {
  patch: Partial<OrderCatalogueDetails>;
  references: References;
}

/** Changes an order catalogue (pure): the merged result must be valid; only real changes are in the event. */
export function updateOrderCatalogue(state: OrderCatalogueState | null, cmd: UpdateOrderCatalogue): OrderCatalogueChange[] {
  if (!state) throw AppError.notFound('order catalogue', '');
  const current: OrderCatalogueDetails = {
    name: state.name,
    description: state.description,
    supplyMethods: state.supplyMethods,
    productIds: state.productIds,
    categoryIds: state.categoryIds,
    timeAvailability: state.timeAvailability,
  };
  const defined = Object.fromEntries(Object.entries(cmd.patch).filter(([, v]) => v !== undefined));
  const next = checkOrderCatalogue({ ...current, ...defined }, cmd.references, {
    products: cmd.patch.productIds !== undefined,
    categories: cmd.patch.categoryIds !== undefined,
  });
  const changed = Object.fromEntries(
    Object.entries(next).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(current[k as keyof OrderCatalogueDetails])),
  ) as Partial<OrderCatalogueDetails>;
  return Object.keys(changed).length === 0 ? [] : [{ type: 'order_catalogue.updated', data: changed }];
}
