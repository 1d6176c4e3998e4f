import type { CatalogueEvent, Price } from '@crm/event-bus/contracts/catalogue';

/**
 * What orders need to know of the catalogue, folded from the catalogue domain's events (never its
 * code): the products with their prices, and the order catalogues (which products they offer for
 * which supply methods). One document per catalogue aggregate, moved forward by aggregate version.
 */
export interface ProductView {
  kind: 'PRODUCT';
  id: string;
  version: number;
  sku: string;
  name: string;
  classification: string;
  availability: 'ENABLED' | 'DISABLED';
  categoryIds: string[];
  prices: Price[];
}

export interface OrderCatalogueView {
  kind: 'ORDER_CATALOGUE';
  id: string;
  version: number;
  supplyMethods: string[];
  productIds: string[];
  categoryIds: string[];
}

export type CatalogueView = ProductView | OrderCatalogueView;

/** One event's type, data and aggregate, kept apart per event type (a distributive Pick). */
type Applied = CatalogueEvent extends infer E
  ? E extends CatalogueEvent
    ? Pick<E, 'type' | 'data' | 'aggregateId' | 'aggregateVersion'>
    : never
  : never;

/** Folds one catalogue event into the document of its aggregate (pure); null for events orders ignore. */
export function projectCatalogue(view: CatalogueView | null, event: Applied): CatalogueView | null {
  const version = event.aggregateVersion;
  switch (event.type) {
    case 'product.created':
      return {
        kind: 'PRODUCT',
        id: event.aggregateId,
        version,
        sku: event.data.sku,
        name: event.data.name,
        classification: event.data.classification,
        availability: event.data.availability,
        categoryIds: [...event.data.categoryIds],
        prices: [],
      };
    case 'product.updated': {
      if (view?.kind !== 'PRODUCT') return view;
      const d = event.data;
      return {
        ...view,
        version,
        name: d.name ?? view.name,
        availability: d.availability ?? view.availability,
        categoryIds: d.categoryIds ? [...d.categoryIds] : view.categoryIds,
      };
    }
    case 'product.price_added': {
      if (view?.kind !== 'PRODUCT') return view;
      const added = event.data.price;
      const others = view.prices.filter((p) => p.id !== added.id).map((p) => (added.isDefault ? { ...p, isDefault: false } : p));
      return { ...view, version, prices: [...others, added] };
    }
    case 'order_catalogue.created':
      return {
        kind: 'ORDER_CATALOGUE',
        id: event.aggregateId,
        version,
        supplyMethods: [...event.data.supplyMethods],
        productIds: [...event.data.productIds],
        categoryIds: [...event.data.categoryIds],
      };
    case 'order_catalogue.updated': {
      if (view?.kind !== 'ORDER_CATALOGUE') return view;
      const d = event.data;
      return {
        ...view,
        version,
        supplyMethods: d.supplyMethods ? [...d.supplyMethods] : view.supplyMethods,
        productIds: d.productIds ? [...d.productIds] : view.productIds,
        categoryIds: d.categoryIds ? [...d.categoryIds] : view.categoryIds,
      };
    }
    default:
      // components and product groups change nothing orders price with; the version still moves on
      return view ? { ...view, version } : null;
  }
}
