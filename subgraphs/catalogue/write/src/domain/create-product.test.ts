import { describe, it } from 'node:test';
import { createProduct, type CreateProduct } from './create-product';
import {
  BRAND_ID,
  CATEGORY_ID,
  COMPOSITE_ID,
  created,
  definition,
  DELETED_BRAND_ID,
  FLAT_PRODUCT_ID,
  productSpec,
  refs,
  TYPE_ID,
  uuid,
} from './test-kit';

const { given } = productSpec<CreateProduct>(createProduct);
const when = (extra: Parameters<typeof definition>[0]) => given().when({ definition: definition(extra), references: refs });

describe('createProduct', () => {
  it('creates a product with its trimmed name and SKU, type, brand and categories', () => {
    when({ name: '  Gold plan ', sku: ' GOLD-1 ', typeId: TYPE_ID, brandId: BRAND_ID, categoryIds: [CATEGORY_ID], description: '  ' }).then([
      created({ typeId: TYPE_ID, brandId: BRAND_ID, categoryIds: [CATEGORY_ID] }),
    ]);
  });

  it('refuses an empty name or SKU, and a SKU with spaces, naming the field', () => {
    when({ name: ' ' }).thenFails({ code: 'VALIDATION', field: 'name', reason: 'REQUIRED' });
    when({ sku: '  ' }).thenFails({ code: 'VALIDATION', field: 'sku', reason: 'REQUIRED' });
    when({ sku: 'GOLD 1' }).thenFails({ code: 'VALIDATION', field: 'sku', reason: 'INVALID_CHARACTERS' });
  });

  it('refuses groups that are not there, of the wrong kind, or deleted', () => {
    when({ typeId: uuid(404) }).thenFails({ code: 'VALIDATION', field: 'type_id', reason: 'UNKNOWN_REFERENCE' });
    when({ brandId: TYPE_ID }).thenFails({ code: 'VALIDATION', field: 'brand_id', reason: 'UNKNOWN_REFERENCE' });
    when({ brandId: DELETED_BRAND_ID }).thenFails({ code: 'VALIDATION', field: 'brand_id', reason: 'UNKNOWN_REFERENCE' });
    when({ categoryIds: [CATEGORY_ID, BRAND_ID] }).thenFails({ code: 'VALIDATION', field: 'category_ids.1', reason: 'UNKNOWN_REFERENCE' });
    when({ categoryIds: [CATEGORY_ID, CATEGORY_ID] }).thenFails({ code: 'VALIDATION', field: 'category_ids.1', reason: 'DUPLICATE' });
  });

  it('refuses a type made for another classification', () => {
    when({ typeId: TYPE_ID, classification: 'ONE_TIME_SERVICE' }).thenFails({
      code: 'VALIDATION',
      field: 'type_id',
      reason: 'NOT_ALLOWED_FOR_PRODUCT',
    });
  });

  it('creates a variant of a COMPOSITE product with its characteristics', () => {
    const characteristics = [{ key: 'colour', value: 'red' }];
    when({ variantOf: COMPOSITE_ID, characteristics }).then([created({ variantOf: COMPOSITE_ID, characteristics })]);
  });

  it('refuses variants of non-composite products, composite variants, variants without characteristics, and characteristics elsewhere', () => {
    const characteristics = [{ key: 'colour', value: 'red' }];
    when({ variantOf: FLAT_PRODUCT_ID, characteristics }).thenFails({ field: 'variant_of', reason: 'NOT_ALLOWED_FOR_PRODUCT' });
    when({ variantOf: uuid(404), characteristics }).thenFails({ field: 'variant_of', reason: 'UNKNOWN_REFERENCE' });
    when({ variantOf: COMPOSITE_ID, characteristics, composition: 'COMPOSITE' }).thenFails({ field: 'composition' });
    when({ variantOf: COMPOSITE_ID, characteristics, classification: 'USAGE_SERVICE' }).thenFails({ field: 'classification' });
    when({ variantOf: COMPOSITE_ID }).thenFails({ field: 'characteristics', reason: 'REQUIRED' });
    when({ characteristics }).thenFails({ field: 'characteristics', reason: 'NOT_ALLOWED_FOR_PRODUCT' });
  });
});
