import type { GroupKind } from '@crm/event-bus/contracts/catalogue';
import type { ProductGroupChange, ProductGroupState } from '@crm/catalogue-model';
import { liveGroup } from './update-product-group';

export interface DeleteProductGroup {
  kind: GroupKind;
}

/** Deletes a group (pure): products keep the reference; lists stop showing it; a second delete is a 404. */
export function deleteProductGroup(state: ProductGroupState | null, cmd: DeleteProductGroup): ProductGroupChange[] {
  liveGroup(state, cmd.kind);
  return [{ type: 'product_group.deleted', data: {} }];
}
