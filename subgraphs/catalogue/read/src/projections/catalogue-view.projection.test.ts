import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ProductGroupState, ProductState } from '@crm/catalogue-model';
import { projectCatalogue } from './catalogue-view.projection';

const id = '00000000-0000-4000-8000-000000000001';
const at = (n: number) => `2024-05-0${n}T10:00:00.000Z`;
const definition = {
  sku: 'GOLD',
  name: 'Gold',
  classification: 'TERMED_SERVICE' as const,
  composition: 'FLAT' as const,
  description: null,
  typeId: null,
  brandId: null,
  familyId: null,
  categoryIds: [],
  availability: 'ENABLED' as const,
  instanceModel: 'QUANTITY_BASED' as const,
  isStockable: false,
  isProvisionable: false,
  isModifier: false,
  negativeBalanceAllowed: false,
  variantOf: null,
  characteristics: [],
};
const price = (n: number, isDefault: boolean) => ({
  id: `00000000-0000-4000-8000-00000000005${n}`,
  price: '9.99',
  currencyCode: n === 1 ? 'EUR' : 'USD',
  taxModel: 'TAX_INCLUSIVE' as const,
  priceModel: 'FLAT' as const,
  tiers: [],
  priceTerms: null,
  supplyMethod: null,
  isDefault,
});
const ev = (aggregateType: string, type: string, data: unknown, v: number) =>
  ({ aggregateType, type, data, aggregateId: id, aggregateVersion: v, occurredAt: at(v) }) as Parameters<typeof projectCatalogue>[1];

describe('catalogue view projection', () => {
  it('folds a product with an update and prices, a new default price making the others non-default', () => {
    let view = projectCatalogue(null, ev('product', 'product.created', definition, 1));
    view = projectCatalogue(view, ev('product', 'product.updated', { name: 'Gold+', brandId: null }, 2));
    view = projectCatalogue(view, ev('product', 'product.price_added', { price: price(1, true) }, 3));
    view = projectCatalogue(view, ev('product', 'product.price_added', { price: price(2, true) }, 4));
    const p = view as ProductState;
    assert.equal(p.id, id);
    assert.equal(p.name, 'Gold+');
    assert.equal(p.version, 4);
    assert.deepEqual(
      p.prices.map((x) => [x.currencyCode, x.isDefault]),
      [
        ['EUR', false],
        ['USD', true],
      ],
    );
    assert.deepEqual(p.createdAt, new Date(at(1)));
    assert.deepEqual(p.updatedAt, new Date(at(4)));
  });

  it('marks a deleted product group', () => {
    const created = projectCatalogue(
      null,
      ev(
        'product_group',
        'product_group.created',
        { kind: 'BRAND', name: 'Acme', description: null, code: null, parentId: null, classification: null, composition: null },
        1,
      ),
    );
    const deleted = projectCatalogue(created, ev('product_group', 'product_group.deleted', {}, 2)) as ProductGroupState;
    assert.equal(deleted.deleted, true);
    assert.equal(deleted.name, 'Acme');
  });
});
