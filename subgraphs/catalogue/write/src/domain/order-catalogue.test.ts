import { describe, it } from 'node:test';
import type { OrderCatalogueDetails } from '@crm/event-bus/contracts/catalogue';
import { createOrderCatalogue, type CreateOrderCatalogue } from './create-order-catalogue';
import { updateOrderCatalogue, type UpdateOrderCatalogue } from './update-order-catalogue';
import { BRAND_ID, CATEGORY_ID, catalogueSpec, FLAT_PRODUCT_ID, refs, uuid } from './test-kit';

const details = (extra: Partial<OrderCatalogueDetails> = {}): OrderCatalogueDetails => ({
  name: 'Breakfast',
  description: null,
  supplyMethods: ['DELIVERY'],
  productIds: [FLAT_PRODUCT_ID],
  categoryIds: [],
  timeAvailability: [{ dayOfWeek: 'MONDAY', startTime: '07:00', endTime: '11:00' }],
  ...extra,
});
const create = catalogueSpec<CreateOrderCatalogue>(createOrderCatalogue).given;
const update = catalogueSpec<UpdateOrderCatalogue>(updateOrderCatalogue).given;

describe('order catalogues', () => {
  it('creates a catalogue of products, or of categories', () => {
    create()
      .when({ details: details({ name: ' Breakfast ' }), references: refs })
      .then([{ type: 'order_catalogue.created', data: details() }]);
    const ofCategories = details({ productIds: [], categoryIds: [CATEGORY_ID] });
    create()
      .when({ details: ofCategories, references: refs })
      .then([{ type: 'order_catalogue.created', data: ofCategories }]);
  });

  it('refuses both or neither of products and categories, unknown ones, repeated supply methods and bad slots', () => {
    create()
      .when({ details: details({ categoryIds: [CATEGORY_ID] }), references: refs })
      .thenFails({ field: 'categories' });
    create()
      .when({ details: details({ productIds: [] }), references: refs })
      .thenFails({ field: 'products', reason: 'REQUIRED' });
    create()
      .when({ details: details({ productIds: [uuid(404)] }), references: refs })
      .thenFails({ field: 'products.0', reason: 'UNKNOWN_REFERENCE' });
    create()
      .when({ details: details({ productIds: [], categoryIds: [BRAND_ID] }), references: refs })
      .thenFails({ field: 'categories.0', reason: 'UNKNOWN_REFERENCE' });
    create()
      .when({ details: details({ supplyMethods: ['DELIVERY', 'DELIVERY'] }), references: refs })
      .thenFails({ field: 'supply_methods.1' });
    create()
      .when({ details: details({ timeAvailability: [{ dayOfWeek: 'MONDAY', startTime: '11:00', endTime: '07:00' }] }), references: refs })
      .thenFails({ field: 'time_availability' });
  });

  it('updates only what changes, checking the merged catalogue', () => {
    const given = update({ type: 'order_catalogue.created', data: details() });
    given
      .when({ patch: { supplyMethods: ['DELIVERY', 'PICK_UP'], name: 'Breakfast' }, references: refs })
      .then([{ type: 'order_catalogue.updated', data: { supplyMethods: ['DELIVERY', 'PICK_UP'] } }]);
    given.when({ patch: { categoryIds: [CATEGORY_ID] }, references: refs }).thenFails({ field: 'categories' });
    // the products it keeps are not checked again (nor looked up: no references given)
    given
      .when({ patch: { description: 'Mornings' }, references: new Map() })
      .then([{ type: 'order_catalogue.updated', data: { description: 'Mornings' } }]);
    given.when({ patch: { productIds: [uuid(404)] }, references: refs }).thenFails({ field: 'products.0', reason: 'UNKNOWN_REFERENCE' });
    update().when({ patch: {}, references: refs }).thenFails({ code: 'NOT_FOUND', reason: 'ORDER_CATALOGUE_NOT_FOUND' });
  });
});
