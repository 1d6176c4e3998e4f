import { AppError } from '@crm/platform/errors';
import type { GroupDetails, GroupKind } from '@crm/event-bus/contracts/catalogue';
import type { ProductGroupChange, ProductGroupState } from '@crm/catalogue-model';
import { checkGroupDetails } from './product-group-rules';
import type { References } from './references';

export interface UpdateProductGroup {
  /** The kind the caller addresses (a brand's route does not change a category). */
  kind: GroupKind;
  patch: Partial<GroupDetails>;
  references: References;
}

/** Live group of the kind, or a 404 (a deleted group, or one of another kind, is not there for the caller). */
export function liveGroup(state: ProductGroupState | null, kind: GroupKind): ProductGroupState {
  if (!state || state.kind !== kind || state.deleted) throw AppError.notFound('product group', state?.id ?? '');
  return state;
}

/** Changes a group's details (pure); only real changes are in the event, none → no event. */
export function updateProductGroup(state: ProductGroupState | null, cmd: UpdateProductGroup): ProductGroupChange[] {
  const group = liveGroup(state, cmd.kind);
  const patch = checkGroupDetails(group.kind, group.id, cmd.patch, cmd.references);
  const changed = Object.fromEntries(
    Object.entries(patch).filter(([k, v]) => v !== undefined && v !== group[k as keyof GroupDetails]),
  ) as Partial<GroupDetails>;
  return Object.keys(changed).length === 0 ? [] : [{ type: 'product_group.updated', data: changed }];
}
