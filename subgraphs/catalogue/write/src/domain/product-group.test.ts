import { describe, it } from 'node:test';
import type { GroupDetails } from '@crm/event-bus/contracts/catalogue';
import { createProductGroup, type CreateProductGroup } from './create-product-group';
import { updateProductGroup, type UpdateProductGroup } from './update-product-group';
import { deleteProductGroup, type DeleteProductGroup } from './delete-product-group';
import { BRAND_ID, CATEGORY_ID, groupSpec, refs } from './test-kit';

const details = (extra: Partial<GroupDetails> = {}): GroupDetails => ({
  name: 'Drinks',
  description: null,
  code: null,
  parentId: null,
  classification: null,
  composition: null,
  ...extra,
});
const create = groupSpec<CreateProductGroup>(createProductGroup).given;
const update = groupSpec<UpdateProductGroup>(updateProductGroup).given;
const remove = groupSpec<DeleteProductGroup>(deleteProductGroup).given;
const createdCategory = { type: 'product_group.created' as const, data: { kind: 'CATEGORY' as const, ...details() } };

describe('product groups (types, brands, families, categories)', () => {
  it('creates a category under a parent category, and a type with its classification', () => {
    create()
      .when({ kind: 'CATEGORY', details: details({ name: ' Hot ', parentId: CATEGORY_ID }), references: refs })
      .then([{ type: 'product_group.created', data: { kind: 'CATEGORY', ...details({ name: 'Hot', parentId: CATEGORY_ID }) } }]);
    create()
      .when({ kind: 'TYPE', details: details({ classification: 'TERMED_SERVICE', composition: 'FLAT' }), references: refs })
      .then([{ type: 'product_group.created', data: { kind: 'TYPE', ...details({ classification: 'TERMED_SERVICE', composition: 'FLAT' }) } }]);
  });

  it('refuses an empty name, a parent that is not a category, a parent on a brand, a classification on a category', () => {
    create()
      .when({ kind: 'BRAND', details: details({ name: ' ' }), references: refs })
      .thenFails({ field: 'name', reason: 'REQUIRED' });
    create()
      .when({ kind: 'CATEGORY', details: details({ parentId: BRAND_ID }), references: refs })
      .thenFails({ field: 'parent_id', reason: 'UNKNOWN_REFERENCE' });
    create()
      .when({ kind: 'BRAND', details: details({ parentId: CATEGORY_ID }), references: refs })
      .thenFails({ field: 'parent_id' });
    create()
      .when({ kind: 'CATEGORY', details: details({ classification: 'TERMED_SERVICE' }), references: refs })
      .thenFails({ field: 'classification' });
  });

  it('updates only what changes; a group of another kind or deleted is not found', () => {
    update(createdCategory)
      .when({ kind: 'CATEGORY', patch: { name: 'Drinks', description: 'Cold and hot' }, references: refs })
      .then([{ type: 'product_group.updated', data: { description: 'Cold and hot' } }]);
    update(createdCategory)
      .when({ kind: 'BRAND', patch: { name: 'x' }, references: refs })
      .thenFails({ code: 'NOT_FOUND', reason: 'PRODUCT_GROUP_NOT_FOUND' });
    update(createdCategory, { type: 'product_group.deleted', data: {} })
      .when({ kind: 'CATEGORY', patch: { name: 'x' }, references: refs })
      .thenFails({ code: 'NOT_FOUND' });
  });

  it('deletes once', () => {
    remove(createdCategory)
      .when({ kind: 'CATEGORY' })
      .then([{ type: 'product_group.deleted', data: {} }]);
    remove(createdCategory, { type: 'product_group.deleted', data: {} }).when({ kind: 'CATEGORY' }).thenFails({ code: 'NOT_FOUND' });
  });
});
