import { AppError } from '@crm/platform/errors';
import type { ProductDetails } from '@crm/event-bus/contracts/catalogue';
import type { ProductChange, ProductState } from '@crm/catalogue-model';
import { checkGroups, productName } from './create-product';
import type { References } from './references';

export interface UpdateProduct {
  /** The fields to change (absent = unchanged). */
  patch: Partial<ProductDetails>;
  references: References;
}

/** Changes a product's details (pure); only the fields that really change are in the event, none → no event. */
export function updateProduct(state: ProductState | null, cmd: UpdateProduct): ProductChange[] {
  if (!state) throw AppError.notFound('product', '');
  const patch: Partial<ProductDetails> = { ...cmd.patch };
  if (patch.name !== undefined) patch.name = productName(patch.name);
  if (patch.description !== undefined) patch.description = patch.description?.trim() || null;
  checkGroups(cmd.references, state.classification, patch);
  const changed = Object.fromEntries(
    Object.entries(patch).filter(([k, v]) => v !== undefined && JSON.stringify(v) !== JSON.stringify(state[k as keyof ProductDetails])),
  ) as Partial<ProductDetails>;
  return Object.keys(changed).length === 0 ? [] : [{ type: 'product.updated', data: changed }];
}
