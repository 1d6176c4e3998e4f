import { AppError } from '@crm/platform/errors';
import type { OrderCatalogueDetails } from '@crm/event-bus/contracts/catalogue';
import { timeSlotsProblem } from '@crm/catalogue-model';
import { requireDistinct, requireGroup, requireProduct, type References } from './references';

/**
 * Checks an order catalogue's details (create, and the merged state of an update; pure). The
 * products and categories are checked against `refs` when `given` says the command names them
 * (an update that leaves them alone keeps them as they were, as products keep deleted groups).
 */
export function checkOrderCatalogue(
  d: OrderCatalogueDetails,
  refs: References,
  given: { products: boolean; categories: boolean } = { products: true, categories: true },
): OrderCatalogueDetails {
  const name = d.name.trim();
  if (name.length === 0) throw AppError.validation('name', 'must not be empty', 'REQUIRED');
  if (d.productIds.length > 0 && d.categoryIds.length > 0)
    throw AppError.validation('categories', 'a catalogue lists either products or categories, not both', 'INVALID_VALUE');
  if (d.productIds.length === 0 && d.categoryIds.length === 0) throw AppError.validation('products', 'list products or categories', 'REQUIRED');
  requireDistinct('supply_methods', d.supplyMethods);
  requireDistinct('products', d.productIds);
  requireDistinct('categories', d.categoryIds);
  if (given.products) d.productIds.forEach((id, i) => requireProduct(refs, `products.${i}`, id));
  if (given.categories) d.categoryIds.forEach((id, i) => requireGroup(refs, `categories.${i}`, 'CATEGORY', id));
  const slots = timeSlotsProblem(d.timeAvailability);
  if (slots) throw AppError.validation('time_availability', slots, 'INVALID_VALUE');
  return { ...d, name, description: d.description?.trim() || null };
}
