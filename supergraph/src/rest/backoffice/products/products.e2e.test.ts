import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startTestPlatform, type HttpResult, type TestPlatform } from '../../../testing/test-platform';
import { assertRestAnswer } from '../../../testing/rest-client';
import { loadSelfServiceResponseValidator } from '../../kit/openapi-validator';

const BO = '/backoffice/v2';
const SS = '/self-service/v2';

/**
 * The catalogue end to end: Back-Office writes (REST → gateway → catalogue-write → bus →
 * catalogue-read) and the Self-Service reads a contact makes, every Self-Service answer validated
 * against the contract's response schema.
 */
describe('catalogue end to end (Back-Office products, prices, groups, order catalogues; Self-Service catalogue reads)', () => {
  let p: TestPlatform;
  const validate = loadSelfServiceResponseValidator();
  const contact = { 'x-dev-principal': `contact:${randomUUID()}` };
  const ids: Record<string, string> = {};

  async function bo(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpResult<any>> {
    const r = await p.http(method, `${BO}${path}`, body, headers);
    assertRestAnswer(r, `${method} ${path}`);
    return r;
  }
  async function created(path: string, body: unknown): Promise<string> {
    const r = await bo('POST', path, body);
    assert.equal(r.status, 201, `POST ${path}: ${r.text}`);
    return r.body.id as string;
  }
  /** A Self-Service GET as a contact, its answer validated against the contract. */
  async function ss(path: string, template: string, status = 200): Promise<any> {
    const r = await p.http('GET', `${SS}${path}`, undefined, contact);
    assertRestAnswer(r, `GET ${path}`);
    assert.equal(r.status, status, `GET ${path}: ${r.text}`);
    if (status === 200) assert.deepEqual(validate('GET', `${SS}${template}`, r.status, r.body), [], `GET ${path} → ${r.text}`);
    return r.body;
  }

  before(async () => {
    p = await startTestPlatform('catalogue-e2e');
  });
  after(async () => {
    await p?.stop();
  });

  it('creates types, brands and categories and reads them back', async () => {
    ids.type = await created('/products/types', { name: 'Streaming plans', classification: 'TERMED_SERVICE', composition_method: 'FLAT' });
    ids.brand = await created('/products/brands', { name: 'Acme' });
    ids.drinks = await created('/products/categories', { name: 'Drinks', code: 'DRK' });
    ids.hot = await created('/products/categories', { name: 'Hot drinks', parent_id: ids.drinks });
    const hot = await bo('GET', `/products/categories/${ids.hot}`);
    assert.equal(hot.status, 200, hot.text);
    assert.equal(hot.body.parent_id, ids.drinks);
    const drinks = await bo('GET', `/products/categories/${ids.drinks}`);
    assert.equal(drinks.body.child_nodes, 1, drinks.text);
    // a brand is not a category: the category route does not find it
    assert.equal((await bo('GET', `/products/categories/${ids.brand}`)).status, 404);
    // a parent that is not a category is refused, naming the field
    const bad = await bo('POST', '/products/categories', { name: 'x', parent_id: ids.brand });
    assert.equal(bad.status, 400, bad.text);
    assert.equal(bad.body.field, 'parent_id');
  });

  it('creates products, refuses a taken SKU and unknown groups, and updates one', async () => {
    ids.gold = await created('/products', {
      sku: 'GOLD',
      name: 'Gold plan',
      classification: 'TERMED_SERVICE',
      type_id: ids.type,
      brand_id: ids.brand,
      category_ids: [ids.drinks],
    });
    ids.coffee = await created('/products', {
      sku: 'COFFEE',
      name: 'Coffee',
      classification: 'NON_TRACEABLE_PHYSICAL_GOOD',
      category_ids: [ids.hot],
    });
    const taken = await bo('POST', '/products', { sku: 'gold', name: 'Again', classification: 'TERMED_SERVICE' });
    assert.equal(taken.status, 409, taken.text);
    const unknown = await bo('POST', '/products', { sku: 'X1', name: 'X', classification: 'TERMED_SERVICE', brand_id: randomUUID() });
    assert.equal(unknown.status, 400, unknown.text);
    assert.equal(unknown.body.field, 'brand_id');
    const badEnum = await bo('POST', '/products', { sku: 'X2', name: 'X', classification: 'SOMETHING' });
    assert.equal(badEnum.status, 400, badEnum.text);
    assert.equal(badEnum.body.field, 'classification');

    assert.equal((await bo('PUT', `/products/${ids.gold}`, { description: 'All channels' })).status, 200);
    const gold = await bo('GET', `/products/${ids.gold}`);
    assert.equal(gold.status, 200, gold.text);
    assert.equal(gold.body.description, 'All channels');
    assert.deepEqual(gold.body.brand, { id: ids.brand, name: 'Acme' });
    assert.deepEqual(gold.body.categories, [{ id: ids.drinks, name: 'Drinks' }]);
    assert.equal(gold.body.classification, 'TERMED_SERVICE');
  });

  it('adds prices with exact amounts and terms; the price id is what clients send as price_terms_id', async () => {
    ids.monthly = await created(`/products/${ids.gold}/prices`, {
      price: '9.99',
      currency_code: 'EUR',
      price_terms: {
        billing_period: { duration: 1, uot: 'MONTH' },
        trial_period: { duration: 7, uot: 'DAY' },
        auto_renewed: true,
        billing_model: 'PRE_BILL',
      },
    });
    ids.tiered = await created(`/products/${ids.coffee}/prices`, {
      price: 2.5,
      currency_code: 'EUR',
      price_model: 'VOLUME',
      tiers: [
        { lower_tier: 1, upper_tier: 9, price: 2.5 },
        { lower_tier: 10, price: '2.10' },
      ],
    });
    const prices = await bo('GET', `/products/${ids.gold}/prices`);
    assert.equal(prices.status, 200, prices.text);
    assert.deepEqual(prices.body.content, [
      {
        id: ids.monthly,
        price: 9.99,
        currency_code: 'EUR',
        is_default: true,
        price_model: 'FLAT',
        tax_model: 'TAX_INCLUSIVE',
        tiers: [],
        price_terms: {
          billing_period: { duration: 1, uot: 'MONTH' },
          trial_period: { duration: 7, uot: 'DAY' },
          auto_renewed: true,
          billing_model: 'PRE_BILL',
        },
      },
    ]);
    // a termed service needs terms; gaps in tiers are refused, naming the field
    const noTerms = await bo('POST', `/products/${ids.gold}/prices`, { price: 1, currency_code: 'USD' });
    assert.equal(noTerms.status, 400, noTerms.text);
    assert.equal(noTerms.body.field, 'price_terms');
    const gap = await bo('POST', `/products/${ids.coffee}/prices`, {
      price: 1,
      currency_code: 'USD',
      price_model: 'TIERED',
      tiers: [
        { lower_tier: 1, upper_tier: 5, price: 1 },
        { lower_tier: 7, price: 1 },
      ],
    });
    assert.equal(gap.status, 400, gap.text);
    assert.equal(gap.body.field, 'tiers');
    // the price lookup by price id answers the amount for a quantity, exactly
    const quote = await p.graphql(`query($id: ID!) { productPrice(id: $id, quantity: 12) { amount product { sku } } }`, { id: ids.tiered });
    assert.deepEqual(quote.body.data?.['productPrice'], { amount: '25.20', product: { sku: 'COFFEE' } }, quote.text);
  });

  it('builds a bundle of components and a composite product with variants', async () => {
    ids.bundle = await created('/products', {
      sku: 'BREAKFAST',
      name: 'Breakfast box',
      classification: 'NON_TRACEABLE_PHYSICAL_GOOD',
      composition: 'FIXED_BUNDLE',
    });
    const component = await created(`/products/${ids.bundle}/components`, { item_id: ids.coffee, mandatory: true, maximum_quantity: 2 });
    const onFlat = await bo('POST', `/products/${ids.coffee}/components`, { item_id: ids.gold });
    assert.equal(onFlat.status, 400, onFlat.text);
    const components = await bo('GET', `/products/${ids.bundle}/components`);
    assert.deepEqual(components.body.content, [
      { id: component, item_id: ids.coffee, item_type: 'PRODUCT', mandatory: true, minimum_quantity: 1, maximum_quantity: 2, price_inclusive: false },
    ]);
    ids.tshirt = await created('/products', { sku: 'TSHIRT', name: 'T-shirt', classification: 'TRACEABLE_PHYSICAL_GOOD', composition: 'COMPOSITE' });
    ids.red = await created('/products', {
      sku: 'TSHIRT-RED',
      name: 'T-shirt red',
      classification: 'TRACEABLE_PHYSICAL_GOOD',
      variant_of: ids.tshirt,
      characteristics: [{ key: 'colour', value: 'red' }],
    });
    assert.equal((await bo('GET', `/products/${ids.red}`)).body.variant_of, ids.tshirt);
  });

  it('creates order catalogues of categories and of products, refusing both at once', async () => {
    ids.menu = await created('/order_catalogues', {
      name: 'Breakfast menu',
      supply_methods: ['DELIVERY', 'PICK_UP'],
      categories: [ids.drinks, ids.hot],
      time_availability: [{ day_of_week: 'MONDAY', start_time: '07:00', end_time: '11:00' }],
    });
    ids.shop = await created('/order_catalogues', { name: 'Shop', supply_methods: ['DIRECT_SALE'], products: [ids.tshirt, ids.gold] });
    const both = await bo('POST', '/order_catalogues', { name: 'x', supply_methods: ['DELIVERY'], products: [ids.gold], categories: [ids.drinks] });
    assert.equal(both.status, 400, both.text);
    const menu = await bo('GET', `/order_catalogues/${ids.menu}`);
    assert.equal(menu.status, 200, menu.text);
    assert.deepEqual(menu.body.supply_methods, ['DELIVERY', 'PICK_UP']);
    const described = await bo('PUT', `/order_catalogues/${ids.shop}`, { description: 'Merchandise' });
    assert.equal(described.status, 200, described.text);
    assert.equal((await bo('GET', `/order_catalogues/${ids.shop}`)).body.description, 'Merchandise');
    const mixed = await bo('PUT', `/order_catalogues/${ids.shop}`, { categories: [ids.drinks] });
    assert.equal(mixed.status, 400, mixed.text);
    assert.equal((await bo('PUT', `/order_catalogues/${randomUUID()}`, { name: 'x' })).status, 404);
  });

  it('serves the Self-Service product catalogue in the contract shapes', async () => {
    const list = await ss('/products?size=50&sort=NAME&order=ASC', '/products');
    // variants are listed under their composite product, not among the products
    assert.deepEqual(
      list.content.map((x: { sku: string }) => x.sku),
      ['BREAKFAST', 'COFFEE', 'GOLD', 'TSHIRT'],
    );
    const byBrand = await ss(`/products?brand_id=${ids.brand}&include_characteristics=true`, '/products');
    assert.deepEqual(
      byBrand.content.map((x: { id: string }) => x.id),
      [ids.gold],
    );
    const inMenu = await ss(`/products?order_catalog_id=${ids.menu}&sort=NAME&order=ASC`, '/products');
    assert.deepEqual(
      inMenu.content.map((x: { sku: string }) => x.sku),
      ['COFFEE', 'GOLD'],
    );
    const gold = await ss(`/products/${ids.gold}`, '/products/{id}');
    assert.equal(gold.pricing[0].id, ids.monthly);
    assert.equal(gold.pricing[0].price, 9.99);
    assert.deepEqual(gold.type, { id: ids.type, name: 'Streaming plans' });
    const components = await ss(`/products/${ids.bundle}/components`, '/products/{id}/components');
    assert.equal(components[0].products[0].id, ids.coffee);
    const variants = await ss(`/products/${ids.tshirt}/variants`, '/products/{id}/variants');
    assert.deepEqual(
      variants.map((v: { sku: string }) => v.sku),
      ['TSHIRT-RED'],
    );
    await ss(`/products/${randomUUID()}`, '/products/{id}', 404);
    const bad = await p.http('GET', `${SS}/products?classification=NOPE`, undefined, contact);
    assert.equal(bad.status, 400, bad.text);
  });

  it('serves brands, categories and types, and a disabled product leaves the contact catalogue', async () => {
    const brands = await ss('/products/brands', '/products/brands');
    assert.deepEqual(
      brands.content.map((b: { name: string }) => b.name),
      ['Acme'],
    );
    const children = await ss(`/products/categories?parent_id=${ids.drinks}`, '/products/categories');
    assert.deepEqual(children.content, [
      { id: ids.hot, name: 'Hot drinks', parent: { id: ids.drinks, name: 'Drinks' }, child_nodes: 0, available_in_order_menus: true },
    ]);
    const types = await ss('/products/types?classifications=TERMED_SERVICE', '/products/types');
    assert.equal(types.content[0].composition_method, 'FLAT');

    // the list a contact read before (served from the cache since) changes with the product
    const before = await ss('/products?size=50&sort=NAME&order=ASC', '/products');
    assert.ok(before.content.some((x: { sku: string }) => x.sku === 'COFFEE'));
    assert.equal((await bo('PUT', `/products/${ids.coffee}`, { availability: 'DISABLED' })).status, 200);
    assert.equal((await bo('GET', `/products/${ids.coffee}`)).body.availability, 'DISABLED');
    await ss(`/products/${ids.coffee}`, '/products/{id}', 404);
    const after = await ss('/products?size=50&sort=NAME&order=ASC', '/products');
    assert.deepEqual(
      after.content.map((x: { sku: string }) => x.sku),
      ['BREAKFAST', 'GOLD', 'TSHIRT'],
    );
  });

  it('serves order catalogues with their categories and time availability', async () => {
    const all = await ss('/order_catalogues?sort=NAME&order=ASC', '/order_catalogues');
    assert.deepEqual(
      all.content.map((c: { name: string }) => c.name),
      ['Breakfast menu', 'Shop'],
    );
    // Monday 2026-12-07 08:00 UTC: the menu is open; 12:00 it is not (the shop has no slots: always open)
    const open = await ss(`/order_catalogues?ordering_time=${Date.parse('2026-12-07T08:00:00Z') / 1000}&sort=NAME&order=ASC`, '/order_catalogues');
    assert.deepEqual(
      open.content.map((c: { name: string }) => c.name),
      ['Breakfast menu', 'Shop'],
    );
    const closed = await ss(`/order_catalogues?ordering_time=${Date.parse('2026-12-07T12:00:00Z') / 1000}`, '/order_catalogues');
    assert.deepEqual(
      closed.content.map((c: { name: string }) => c.name),
      ['Shop'],
    );
    const categories = await ss(`/order_catalogues/${ids.menu}/categories`, '/order_catalogues/{id}/categories');
    // coffee was disabled: only the gold plan is left, in Drinks
    assert.deepEqual(
      categories.content.map((c: { name: string; products: { product: { sku: string } }[] }) => [c.name, c.products.map((x) => x.product.sku)]),
      [
        ['Drinks', ['GOLD']],
        ['Hot drinks', []],
      ],
    );
    await ss(`/order_catalogues/${randomUUID()}/categories`, '/order_catalogues/{id}/categories', 404);
  });

  it('keeps tenants apart and needs catalogue.write to write', async () => {
    const other = { 'x-dev-tenant': `${p.tenant}-other` };
    assert.equal((await bo('GET', `/products/${ids.gold}`, undefined, other)).status, 404);
    assert.equal((await bo('GET', `/order_catalogues/${ids.menu}`, undefined, other)).status, 404);
    const otherList = await p.http('GET', `${SS}/products`, undefined, { ...contact, ...other });
    assert.deepEqual(otherList.body.content, [], otherList.text);
    const reader = await bo(
      'POST',
      '/products',
      { sku: 'NOPE', name: 'x', classification: 'TERMED_SERVICE' },
      { 'x-dev-principal': 'user:catalogue.read' },
    );
    assert.equal(reader.status, 403, reader.text);
    const contactWrite = await p.http('POST', `${BO}/products`, { sku: 'NOPE', name: 'x', classification: 'TERMED_SERVICE' }, contact);
    assert.ok(contactWrite.status === 403 || contactWrite.status === 401, contactWrite.text);
  });
});
