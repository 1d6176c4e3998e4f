import { AppError } from '@crm/platform/errors';
import type { Component } from '@crm/event-bus/contracts/catalogue';
import type { ProductChange, ProductState } from '@crm/catalogue-model';
import { notAllowed, requireGroup, requireProduct, type References } from './references';

export interface AddComponent {
  component: Component;
  references: References;
}

const BUNDLES = new Set(['FLEXIBLE_BUNDLE', 'FIXED_BUNDLE']);

/**
 * Adds a component to a bundle (pure): an existing product (not the bundle itself, not another
 * bundle) or a live family / type / category; minimum ≤ maximum; a mandatory component at least 1.
 */
export function addComponent(state: ProductState | null, cmd: AddComponent): ProductChange[] {
  if (!state) throw AppError.notFound('product', '');
  if (!BUNDLES.has(state.composition)) throw notAllowed('composition', `a ${state.composition} product has no components`);
  const c = cmd.component;
  if (c.itemType === 'PRODUCT') {
    if (c.itemId === state.id) throw notAllowed('item_id', 'a bundle is not a component of itself');
    const item = requireProduct(cmd.references, 'item_id', c.itemId);
    if (item.composition && BUNDLES.has(item.composition)) throw notAllowed('item_id', 'a bundle is not a component of another bundle');
  } else {
    requireGroup(cmd.references, 'item_id', c.itemType, c.itemId);
  }
  if (c.maximumQuantity !== null && c.maximumQuantity < c.minimumQuantity)
    throw AppError.validation('maximum_quantity', 'must be at least minimum_quantity', 'INVALID_VALUE');
  if (c.mandatory && c.minimumQuantity < 1)
    throw AppError.validation('minimum_quantity', 'a mandatory component has a minimum of at least 1', 'INVALID_VALUE');
  if (state.components.some((x) => x.itemType === c.itemType && x.itemId === c.itemId))
    throw AppError.validation('item_id', 'the bundle has this component already', 'DUPLICATE');
  return [{ type: 'product.component_added', data: { component: c } }];
}
