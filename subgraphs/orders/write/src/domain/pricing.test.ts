import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { OrderCatalogueView } from './catalogue-view';
import { amountOf, priceOrder, type OrderedItem } from './pricing';
import { formatMoney } from './money';
import { product, uuid } from './test-kit';

const tiers = [
  { lower: 1, upper: 9, price: '2.50' },
  { lower: 10, upper: null, price: '2.10' },
];
const eur = (micro: bigint | null) => (micro === null ? null : formatMoney(micro, 'EUR'));
const item = (n: number, quantity = 1, priceTermsId: string | null = null): OrderedItem => ({
  productId: uuid(n),
  quantity,
  priceTermsId,
  notes: null,
});

describe('order pricing', () => {
  it('prices a quantity under each price model, exactly', () => {
    assert.equal(eur(amountOf({ price: '0.10', priceModel: 'FLAT', tiers: [] }, 3)), '0.30');
    assert.equal(eur(amountOf({ price: '2.50', priceModel: 'VOLUME', tiers }, 12)), '25.20');
    assert.equal(eur(amountOf({ price: '2.50', priceModel: 'VOLUME', tiers }, 9)), '22.50');
    assert.equal(eur(amountOf({ price: '2.50', priceModel: 'TIERED', tiers }, 12)), '28.80'); // 9 × 2.50 + 3 × 2.10
    assert.equal(eur(amountOf({ price: '0', priceModel: 'STAIRSTEP', tiers: [{ lower: 1, upper: 5, price: '10' }] }, 4)), '10.00');
    assert.equal(amountOf({ price: '0', priceModel: 'STAIRSTEP', tiers: [{ lower: 1, upper: 5, price: '10' }] }, 6), null);
  });

  it('prices lines and totals, leaves out disabled products (AVAILABILITY) and those no order catalogue offers (ORDER_CATALOGUE)', () => {
    const products = new Map([
      [uuid(10), product(10)],
      [uuid(11), product(11, { availability: 'DISABLED' })],
      [uuid(12), product(12, { categoryIds: [uuid(80)] }, { price: '1.005' })],
      [uuid(13), product(13)],
    ]);
    const catalogues: OrderCatalogueView[] = [
      { kind: 'ORDER_CATALOGUE', id: uuid(90), version: 1, supplyMethods: ['PICK_UP'], productIds: [uuid(10)], categoryIds: [uuid(80)] },
      { kind: 'ORDER_CATALOGUE', id: uuid(91), version: 1, supplyMethods: ['DELIVERY'], productIds: [uuid(13)], categoryIds: [] },
    ];
    const priced = priceOrder({
      items: [item(10, 4), item(11), item(12, 2), item(13)],
      supplyMethod: 'PICK_UP',
      products,
      catalogues,
      lineIds: [uuid(700), uuid(701), uuid(702), uuid(703)],
    });
    assert.deepEqual(
      priced.lines.map((l) => [l.productId, l.quantity, l.unitPrice, l.total]),
      [
        [uuid(10), 4, '2.50', '10.00'],
        [uuid(12), 2, '1.005', '2.01'],
      ],
    );
    assert.deepEqual(
      priced.invalidProducts.map((p) => [p.productId, p.reason]),
      [
        [uuid(11), 'AVAILABILITY'],
        [uuid(13), 'ORDER_CATALOGUE'],
      ],
    );
    assert.deepEqual(priced.totals, { net: '12.01', tax: '0.00', discount: '0.00', total: '12.01' });
    assert.equal(priced.currency, 'EUR');
  });

  it('refuses what the catalogue cannot price, naming the field', () => {
    const termed = product(20, { classification: 'TERMED_SERVICE' });
    const dollars = product(21, {}, { currencyCode: 'USD' });
    const products = new Map([
      [uuid(10), product(10)],
      [uuid(20), termed],
      [uuid(21), dollars],
    ]);
    const run = (items: OrderedItem[]) => () =>
      priceOrder({ items, supplyMethod: 'PICK_UP', products, catalogues: [], lineIds: items.map((_, i) => uuid(700 + i)) });
    assert.throws(run([item(99)]), { code: 'VALIDATION', field: 'items.0.id' });
    assert.throws(run([item(10, 0)]), { code: 'VALIDATION', field: 'items.0.quantity' });
    assert.throws(run([item(10, 1.5)]), { code: 'VALIDATION', field: 'items.0.quantity' });
    assert.throws(run([item(10), item(20)]), { code: 'VALIDATION', field: 'items.1.priceTermsId', reason: 'REQUIRED' });
    assert.throws(run([item(10, 1, uuid(520))]), { code: 'VALIDATION', field: 'items.0.priceTermsId' });
    assert.throws(run([item(10), item(21)]), { code: 'VALIDATION', field: 'items.1.priceTermsId' });
    assert.equal(run([item(20, 1, uuid(520))])().lines[0]!.priceTermsId, uuid(520));
  });
});
