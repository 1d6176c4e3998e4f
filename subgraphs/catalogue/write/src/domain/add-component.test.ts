import { describe, it } from 'node:test';
import type { Component } from '@crm/event-bus/contracts/catalogue';
import { addComponent, type AddComponent } from './add-component';
import { BUNDLE_ID, CATEGORY_ID, created, FLAT_PRODUCT_ID, productSpec, refs, uuid } from './test-kit';

const { given } = productSpec<AddComponent>(addComponent);
const component = (extra: Partial<Component> = {}): Component => ({
  id: uuid(60),
  itemType: 'PRODUCT',
  itemId: FLAT_PRODUCT_ID,
  mandatory: true,
  minimumQuantity: 1,
  maximumQuantity: 2,
  priceInclusive: true,
  ...extra,
});
const bundle = created({ composition: 'FLEXIBLE_BUNDLE' });

describe('addComponent', () => {
  it('adds a product or a category to a bundle', () => {
    given(bundle)
      .when({ component: component(), references: refs })
      .then([{ type: 'product.component_added', data: { component: component() } }]);
    const cat = component({ itemType: 'CATEGORY', itemId: CATEGORY_ID, mandatory: false, minimumQuantity: 0 });
    given(bundle)
      .when({ component: cat, references: refs })
      .then([{ type: 'product.component_added', data: { component: cat } }]);
  });

  it('refuses components on a product that is not a bundle', () => {
    given(created()).when({ component: component(), references: refs }).thenFails({ field: 'composition', reason: 'NOT_ALLOWED_FOR_PRODUCT' });
  });

  it('refuses unknown items, bundles inside bundles, wrong kinds, bad quantities and duplicates', () => {
    given(bundle)
      .when({ component: component({ itemId: uuid(404) }), references: refs })
      .thenFails({ field: 'item_id', reason: 'UNKNOWN_REFERENCE' });
    given(bundle)
      .when({ component: component({ itemId: BUNDLE_ID }), references: refs })
      .thenFails({ field: 'item_id', reason: 'NOT_ALLOWED_FOR_PRODUCT' });
    given(bundle)
      .when({ component: component({ itemType: 'FAMILY', itemId: CATEGORY_ID }), references: refs })
      .thenFails({ field: 'item_id', reason: 'UNKNOWN_REFERENCE' });
    given(bundle)
      .when({ component: component({ minimumQuantity: 3 }), references: refs })
      .thenFails({ field: 'maximum_quantity' });
    given(bundle)
      .when({ component: component({ minimumQuantity: 0 }), references: refs })
      .thenFails({ field: 'minimum_quantity' });
    given(bundle, { type: 'product.component_added', data: { component: component() } })
      .when({ component: component({ id: uuid(61) }), references: refs })
      .thenFails({ field: 'item_id', reason: 'DUPLICATE' });
  });
});
