import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CatalogueEvent } from '@crm/event-bus/contracts/catalogue';
import { projectCatalogue, type CatalogueView } from './catalogue-view';
import { product, uuid } from './test-kit';

type E = Parameters<typeof projectCatalogue>[1];
const ev = (type: CatalogueEvent['type'], data: unknown, aggregateVersion: number, aggregateId = uuid(10)) =>
  ({ type, data, aggregateId, aggregateVersion }) as E;

describe('the price view of the catalogue (projection)', () => {
  it('folds a product, its updates and its prices (a new default price makes the others non-default)', () => {
    const p = product(10);
    let view: CatalogueView | null = projectCatalogue(
      null,
      ev(
        'product.created',
        {
          sku: 'SKU10',
          name: 'Beans',
          classification: 'NON_TRACEABLE_PHYSICAL_GOOD',
          availability: 'ENABLED',
          categoryIds: [uuid(80)],
          description: null,
          typeId: null,
          brandId: null,
          familyId: null,
          instanceModel: 'QUANTITY_BASED',
          isStockable: false,
          isProvisionable: false,
          isModifier: false,
          negativeBalanceAllowed: false,
          composition: 'FLAT',
          variantOf: null,
          characteristics: [],
        },
        1,
      ),
    );
    view = projectCatalogue(view, ev('product.price_added', { price: p.prices[0] }, 2));
    view = projectCatalogue(view, ev('product.price_added', { price: { ...p.prices[0]!, id: uuid(511), price: '3.00' } }, 3));
    view = projectCatalogue(view, ev('product.updated', { availability: 'DISABLED' }, 4));
    view = projectCatalogue(view, ev('product.component_added', { component: {} }, 5));
    assert.ok(view?.kind === 'PRODUCT');
    assert.equal(view.version, 5);
    assert.equal(view.availability, 'DISABLED');
    assert.equal(view.name, 'Beans');
    assert.deepEqual(
      view.prices.map((x) => [x.id, x.price, x.isDefault]),
      [
        [p.prices[0]!.id, '2.50', false],
        [uuid(511), '3.00', true],
      ],
    );
  });

  it('folds order catalogues; ignores product groups', () => {
    const created = projectCatalogue(
      null,
      ev(
        'order_catalogue.created',
        { name: 'Shop', description: null, supplyMethods: ['PICK_UP'], productIds: [uuid(10)], categoryIds: [], timeAvailability: [] },
        1,
        uuid(90),
      ),
    );
    const updated = projectCatalogue(created, ev('order_catalogue.updated', { supplyMethods: ['PICK_UP', 'DELIVERY'] }, 2, uuid(90)));
    assert.deepEqual(updated, {
      kind: 'ORDER_CATALOGUE',
      id: uuid(90),
      version: 2,
      supplyMethods: ['PICK_UP', 'DELIVERY'],
      productIds: [uuid(10)],
      categoryIds: [],
    });
    assert.equal(projectCatalogue(null, ev('product_group.created', { kind: 'CATEGORY', name: 'x' }, 1, uuid(80))), null);
  });
});
