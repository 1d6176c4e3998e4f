import type { GroupDetails, GroupKind, ProductGroupEvent } from '@crm/event-bus/contracts/catalogue';
import { definedOnly, type ChangeOf } from './product';

/** A product type, brand, family or category. */
export interface ProductGroupState extends GroupDetails {
  id: string;
  version: number;
  kind: GroupKind;
  deleted: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type ProductGroupChange = ChangeOf<ProductGroupEvent>;

export function evolveProductGroup(
  state: ProductGroupState | null,
  event: ProductGroupChange,
  meta: { version: number; at: Date },
): ProductGroupState {
  const stamp = { version: meta.version, updatedAt: meta.at };
  switch (event.type) {
    case 'product_group.created':
      return { id: state?.id ?? '', ...event.data, deleted: false, createdAt: meta.at, ...stamp };
  }
  if (!state) throw new Error(`${event.type} before product_group.created`);
  switch (event.type) {
    case 'product_group.updated':
      return { ...state, ...definedOnly(event.data), ...stamp };
    case 'product_group.deleted':
      return { ...state, deleted: true, ...stamp };
  }
}
