import type { GroupDetails, GroupKind } from '@crm/event-bus/contracts/catalogue';
import type { ProductGroupChange, ProductGroupState } from '@crm/catalogue-model';
import { checkGroupDetails } from './product-group-rules';
import type { References } from './references';

export interface CreateProductGroup {
  kind: GroupKind;
  details: GroupDetails;
  references: References;
}

/** Creates a product type, brand, family or category (pure): a name; a parent only for categories; a classification only for types. */
export function createProductGroup(state: ProductGroupState | null, cmd: CreateProductGroup): ProductGroupChange[] {
  if (state) throw new Error('createProductGroup on an existing group');
  const details = checkGroupDetails(cmd.kind, null, cmd.details, cmd.references) as GroupDetails;
  return [{ type: 'product_group.created', data: { kind: cmd.kind, ...details } }];
}
