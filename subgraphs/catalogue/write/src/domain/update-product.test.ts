import { describe, it } from 'node:test';
import { updateProduct, type UpdateProduct } from './update-product';
import { BRAND_ID, created, productSpec, refs, uuid } from './test-kit';

const { given } = productSpec<UpdateProduct>(updateProduct);

describe('updateProduct', () => {
  it('emits only the fields that change', () => {
    given(created())
      .when({ patch: { name: ' Gold plan ', availability: 'DISABLED', brandId: BRAND_ID }, references: refs })
      .then([{ type: 'product.updated', data: { availability: 'DISABLED', brandId: BRAND_ID } }]);
  });

  it('emits nothing when nothing changes', () => {
    given(created())
      .when({ patch: { name: 'Gold plan', brandId: null }, references: refs })
      .then([]);
  });

  it('refuses an unknown brand and an unknown product', () => {
    given(created())
      .when({ patch: { brandId: uuid(404) }, references: refs })
      .thenFails({ code: 'VALIDATION', field: 'brand_id', reason: 'UNKNOWN_REFERENCE' });
    given().when({ patch: {}, references: refs }).thenFails({ code: 'NOT_FOUND', reason: 'PRODUCT_NOT_FOUND' });
  });
});
