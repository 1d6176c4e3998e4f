import type { Component, Price, ProductDefinition, ProductEvent } from '@crm/event-bus/contracts/catalogue';

/** One product as both sides hold it: its definition, prices and components. */
export interface ProductState extends ProductDefinition {
  id: string;
  version: number;
  prices: Price[];
  components: Component[];
  createdAt: Date;
  updatedAt: Date;
}

export type ProductChange = ChangeOf<ProductEvent>;

/** A decider's output for one event type: its type and data (distributive, so `type` narrows `data`). */
export type ChangeOf<E> = E extends unknown ? Pick<E, Extract<keyof E, 'type' | 'data'>> : never;

/** Applies one product event (pure; the write side's state and the read side's view share it). */
export function evolveProduct(state: ProductState | null, event: ProductChange, meta: { version: number; at: Date }): ProductState {
  const stamp = { version: meta.version, updatedAt: meta.at };
  switch (event.type) {
    case 'product.created':
      return { id: state?.id ?? '', ...event.data, prices: [], components: [], createdAt: meta.at, ...stamp };
  }
  if (!state) throw new Error(`${event.type} before product.created`);
  switch (event.type) {
    case 'product.updated':
      return { ...state, ...definedOnly(event.data), ...stamp };
    case 'product.price_added': {
      const added = event.data.price;
      const others = added.isDefault ? state.prices.map((p) => ({ ...p, isDefault: false })) : state.prices;
      return { ...state, prices: [...others, added], ...stamp };
    }
    case 'product.component_added':
      return { ...state, components: [...state.components, event.data.component], ...stamp };
  }
}

/** The fields of a partial update that are present (an absent field is unchanged). */
export function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}
