import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type HttpResult, type TestPlatform } from '../../../testing/test-platform';
import { assertRestAnswer, exactCall } from '../../../testing/rest-client';
import { loadSelfServiceResponseValidator } from '../../kit/openapi-validator';
import { eventually } from '../../../testing/eventually';

const SS = '/self-service/v2';
const BO = '/backoffice/v2';
const PASSWORD = 'Correct-Horse-Battery-9';
type Body = Record<string, any>;

/**
 * Recommendations and WiFi end to end: Back-Office recommendation rules (catalogue-write → bus →
 * catalogue-read) drive the Self-Service product, service and order recommendations a contact
 * reads; a server with the secret key authorises a subscriber on a WiFi site. Every Self-Service
 * answer is validated against the contract.
 */
describe('recommendations (rules → products / services / orders) and WiFi authorisation against the contract', () => {
  let p: TestPlatform;
  let t: { publicApiKey: string; secretApiKey: string };
  const validate = loadSelfServiceResponseValidator();
  const ids: Record<string, string> = {};
  let me: { id: string; headers: Record<string, string>; accountId: string };
  let other: { id: string; headers: Record<string, string> };

  async function call(method: string, path: string, body: unknown, headers: Record<string, string>): Promise<HttpResult<any>> {
    const r = await exactCall<any>(p.url, method, path, body, headers);
    assertRestAnswer(r, `${method} ${path}`);
    return r;
  }
  function ok(r: HttpResult<any>, method: string, template: string | null, status: number): any {
    assert.equal(r.status, status, `${method} ${template}: ${r.text}`);
    if (template)
      assert.deepEqual(validate(method, template, r.status, r.text === '' ? undefined : r.body), [], `${method} ${template} → ${r.status} ${r.text}`);
    return r.body;
  }
  const secret = () => ({ api_key: t.secretApiKey });
  async function created(path: string, body: unknown): Promise<string> {
    const r = await call('POST', `${BO}${path}`, body, secret());
    assert.equal(r.status, 201, `POST ${path}: ${r.text}`);
    return r.body.id as string;
  }
  async function register(email: string): Promise<{ id: string; headers: Record<string, string> }> {
    const reg = await call(
      'POST',
      `${SS}/contacts/register`,
      { first_name: 'Rec', last_name: 'O', identification: { provider: 'EMAIL', email, password: PASSWORD } },
      { api_key: t.publicApiKey },
    );
    assert.equal(reg.status, 201, reg.text);
    return { id: reg.body.contact.id as string, headers: { api_key: t.publicApiKey, authorization: `Bearer ${reg.body.access_token}` } };
  }
  const productRec = (query: string, headers = me.headers) => call('GET', `${SS}/products/recommendation${query}`, undefined, headers);
  const serviceRec = (query: string, headers = me.headers) => call('GET', `${SS}/services/recommendation${query}`, undefined, headers);
  const orderRec = (query: string, headers = me.headers) => call('GET', `${SS}/orders/recommendation${query}`, undefined, headers);

  before(async () => {
    p = await startTestPlatform('rest-recommendations');
    t = await p.identityWrite.createTenant({
      name: 'Rec Cafe',
      ownerEmail: 'owner@rec.example',
      ownerPassword: PASSWORD,
      applicationName: 'Rec App',
    });
  });
  after(async () => {
    await p?.stop();
  });

  it('Back-Office rules: created per kind, refused when the kind does not allow them, read, updated, listed and deleted', async () => {
    const good = async (sku: string, name: string, price: string) => {
      const id = await created('/products', { sku, name, classification: 'NON_TRACEABLE_PHYSICAL_GOOD' });
      ids[`${sku}Price`] = await created(`/products/${id}/prices`, { price, currency_code: 'EUR' });
      return id;
    };
    ids.coffee = await good('COFFEE', 'Coffee', '2.50');
    ids.croissant = await good('CROISSANT', 'Croissant', '1.80');
    ids.large = await good('LARGE', 'Large coffee', '3.20');
    ids.retired = await good('RETIRED', 'Retired cake', '1.00');
    assert.equal((await call('PUT', `${BO}/products/${ids.retired}`, { availability: 'DISABLED' }, secret())).status, 200);
    const plan = async (sku: string, name: string, periods: [string, string][]) => {
      const id = await created('/products', { sku, name, classification: 'TERMED_SERVICE' });
      for (const [price, uot] of periods)
        ids[`${sku}${uot}`] = await created(`/products/${id}/prices`, {
          price,
          currency_code: 'EUR',
          price_terms: { billing_period: { duration: 1, uot }, auto_renewed: true, billing_model: 'PRE_BILL' },
        });
      return id;
    };
    ids.basic = await plan('BASIC', 'Basic plan', [['9.99', 'MONTH']]);
    ids.premium = await plan('PREMIUM', 'Premium plan', [
      ['19.99', 'MONTH'],
      ['199.00', 'YEAR'],
    ]);
    await created('/order_catalogues', { name: 'Counter', supply_methods: ['PICK_UP'], products: [ids.coffee, ids.croissant, ids.large] });

    ids.best = await created('/recommendation_rules', {
      kind: 'PRODUCTS',
      name: 'Best sellers',
      category_type: 'BEST_SELLING',
      products: [ids.croissant, ids.retired, ids.coffee],
    });
    ids.expired = await created('/recommendation_rules', {
      kind: 'PRODUCTS',
      name: 'Last summer',
      category_type: 'BEST_SELLING',
      products: [ids.large],
      valid_until: 1,
    });
    ids.cross = await created('/recommendation_rules', {
      kind: 'CROSS_SELL',
      name: 'With coffee',
      source_products: [ids.coffee],
      products: [ids.croissant],
    });
    ids.up = await created('/recommendation_rules', { kind: 'UPSELL', name: 'Go large', source_products: [ids.coffee], products: [ids.large] });
    ids.upgrade = await created('/recommendation_rules', {
      kind: 'SERVICES',
      name: 'Upgrade',
      source_products: [ids.basic],
      products: [ids.premium],
    });
    ids.starter = await created('/recommendation_rules', { kind: 'SERVICES', name: 'Start here', products: [ids.basic] });

    // refused, naming the field, nothing written
    const refusals: [unknown, string][] = [
      [{ kind: 'UPSELL', name: 'x', products: [ids.large] }, 'source_products'],
      [{ kind: 'PRODUCTS', name: 'x', products: [ids.large] }, 'category_type'],
      [{ kind: 'CROSS_SELL', name: 'x', category_type: 'BEST_SELLING', source_products: [ids.coffee], products: [ids.large] }, 'category_type'],
      [{ kind: 'CROSS_SELL', name: 'x', source_products: [ids.coffee], products: ['00000000-0000-4000-8000-000000000404'] }, 'products.0'],
      [{ kind: 'CROSS_SELL', name: 'x', source_products: [ids.coffee], products: [ids.coffee] }, 'products.0'],
      [{ kind: 'SOMETHING', name: 'x', products: [ids.large] }, 'kind'],
      [{ kind: 'SERVICES', name: 'x', products: [ids.large], owner: 'me' }, 'owner'],
    ];
    for (const [body, field] of refusals) {
      const r = await call('POST', `${BO}/recommendation_rules`, body, secret());
      assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.text}`);
      assert.equal(r.body.field, field, r.text);
    }

    const rule = await eventually('the rule is projected', async () => {
      const r = await call('GET', `${BO}/recommendation_rules/${ids.cross}`, undefined, secret());
      return r.status === 200 ? r.body : null;
    });
    assert.deepEqual(
      { kind: rule.kind, name: rule.name, source_products: rule.source_products, products: rule.products },
      { kind: 'CROSS_SELL', name: 'With coffee', source_products: [ids.coffee], products: [ids.croissant] },
    );
    const renamed = await call('PUT', `${BO}/recommendation_rules/${ids.cross}`, { name: 'Goes with coffee' }, secret());
    assert.equal(renamed.status, 200, renamed.text);
    const emptied = await call('PUT', `${BO}/recommendation_rules/${ids.up}`, { source_products: [] }, secret());
    assert.equal(emptied.status, 400, emptied.text);
    assert.equal(emptied.body.field, 'source_products');

    const doomed = await created('/recommendation_rules', { kind: 'SERVICES', name: 'Doomed', products: [ids.premium] });
    assert.equal((await call('DELETE', `${BO}/recommendation_rules/${doomed}`, undefined, secret())).status, 204);
    assert.equal((await call('DELETE', `${BO}/recommendation_rules/${doomed}`, undefined, secret())).status, 404);
    await eventually('the list shows the live rules only', async () => {
      const r = await call('GET', `${BO}/recommendation_rules?kind=SERVICES&include_total=true`, undefined, secret());
      return r.status === 200 && r.body.paging.total === 2 && r.body.content.every((x: Body) => x.id !== doomed) ? true : null;
    });
    const named = await eventually('the rename is projected', async () => {
      const r = await call('GET', `${BO}/recommendation_rules?source_product_id=${ids.coffee}&kind=CROSS_SELL`, undefined, secret());
      return r.body.content?.[0]?.name === 'Goes with coffee' ? r.body.content : null;
    });
    assert.equal(named.length, 1);
    assert.equal((await call('GET', `${BO}/recommendation_rules/${doomed}`, undefined, secret())).status, 404);
  });

  it('GET /products/recommendation: live PRODUCTS rules as categories of enabled products, in order', async () => {
    me = { ...(await register('ada@rec.example')), accountId: '' };
    other = await register('bob@rec.example');
    const cats = ok(await productRec(''), 'GET', '/self-service/v2/products/recommendation', 200);
    // the expired rule is gone; the disabled product is left out
    assert.deepEqual(
      cats.map((c: Body) => [c.category.id, c.category.type, c.category.has_more, c.category.products.map((x: Body) => x.id)]),
      [[ids.best, 'BEST_SELLING', false, [ids.croissant, ids.coffee]]],
    );
    assert.deepEqual(
      cats[0].category.products[0].pricing.map((x: Body) => [x.id, x.price]),
      [[ids.CROISSANTPrice, 1.8]],
    );
    const one = ok(await productRec('?size=1&category_type=BEST_SELLING'), 'GET', '/self-service/v2/products/recommendation', 200);
    assert.equal(one[0].category.has_more, true);
    assert.equal(one[0].category.products.length, 1);
    assert.deepEqual(ok(await productRec('?category_type=COMMERCE_MONEY'), 'GET', '/self-service/v2/products/recommendation', 200), []);
    assert.deepEqual(ok(await productRec(`?category_id=${ids.expired}`), 'GET', '/self-service/v2/products/recommendation', 200), []);
    // bad enum: 400 naming it; another contact's id: 404
    const bad = await productRec('?category_type=CHEAPEST');
    assert.equal(bad.status, 400, bad.text);
    assert.equal(bad.body.field, 'category_type');
    assert.equal((await productRec(`?contact_id=${other.id}`)).status, 404);
    ok(await productRec(`?contact_id=${me.id}`), 'GET', '/self-service/v2/products/recommendation', 200);
  });

  it('GET /orders/recommendation: up-sells and cross-sells of the products of my estimate, not already in it', async () => {
    me.accountId = await eventually('the account', async () => {
      const r = await call('GET', `${SS}/contacts/${me.id}/accounts`, undefined, me.headers);
      return r.status === 200 ? (r.body.content[0]?.id ?? null) : null;
    });
    const estimate = ok(
      await call(
        'POST',
        `${SS}/estimates/orders`,
        {
          account_id: me.accountId,
          supply_method: 'PICK_UP',
          delivery_method: 'PICKUP_POINT',
          payment_method_type: 'CASH',
          items: [{ id: ids.coffee, quantity: 1, price_terms_id: ids.COFFEEPrice }],
        },
        me.headers,
      ),
      'POST',
      '/self-service/v2/estimates/orders',
      200,
    );
    const rec = ok(await orderRec(`?estimation_id=${estimate.id}`), 'GET', '/self-service/v2/orders/recommendation', 200);
    assert.deepEqual(
      rec.cross_sells.map((x: Body) => x.id),
      [ids.croissant],
    );
    assert.deepEqual(
      rec.upsells.map((x: Body) => [x.id, x.pricing.price, x.pricing.currency_code]),
      [[ids.large, 3.2, 'EUR']],
    );
    assert.deepEqual([rec.promotions, rec.reward_offers], [[], []]);
    const noUp = ok(await orderRec(`?estimation_id=${estimate.id}&include_upsells=false`), 'GET', '/self-service/v2/orders/recommendation', 200);
    assert.equal(noUp.upsells, undefined);
    assert.equal(noUp.cross_sells.length, 1);
    // a catalogue that does not offer them leaves them out
    const elsewhere = await created('/order_catalogues', { name: 'Plans', supply_methods: ['DIRECT_SALE'], products: [ids.basic] });
    await eventually('the catalogue filter applies', async () => {
      const r = await orderRec(`?estimation_id=${estimate.id}&order_catalogue_ids=${elsewhere}`);
      return r.status === 200 && r.body.cross_sells.length === 0 && r.body.upsells.length === 0 ? true : null;
    });
    // someone else's estimate is not found; no estimate id is a 400
    assert.equal((await orderRec(`?estimation_id=${estimate.id}`, other.headers)).status, 404);
    const missing = await orderRec('');
    assert.equal(missing.status, 400, missing.text);
    assert.equal(missing.body.field, 'estimation_id');
  });

  it('GET /services/recommendation: services for new subscribers, upgrades of my service, my own services left out', async () => {
    const first = ok(await serviceRec(''), 'GET', '/self-service/v2/services/recommendation', 200);
    assert.deepEqual(
      first.content.map((x: Body) => x.id),
      [ids.basic],
    );
    assert.deepEqual(
      first.content[0].prices.map((x: Body) => [x.id, x.price, x.price_terms.billing_period.uot]),
      [[ids.BASICMONTH, 9.99, 'MONTH']],
    );

    const added = await call(
      'POST',
      `${SS}/contacts/${me.id}/services`,
      { services: [{ product_id: ids.basic, price_terms_id: ids.BASICMONTH }] },
      me.headers,
    );
    assert.equal(added.status, 200, added.text);
    ids.service = added.body[0].id;
    await eventually('the service is projected', async () => {
      const r = await serviceRec(`?service_id=${ids.service}`);
      return r.status === 200 ? true : null;
    });
    const upgrades = ok(await serviceRec(`?service_id=${ids.service}&include_total=true`), 'GET', '/self-service/v2/services/recommendation', 200);
    assert.deepEqual(
      upgrades.content.map((x: Body) => x.id),
      [ids.premium],
    );
    assert.equal(upgrades.paging.total, 1);
    const yearly = ok(await serviceRec(`?product_id=${ids.basic}&billing_period_uot=YEAR`), 'GET', '/self-service/v2/services/recommendation', 200);
    assert.deepEqual(
      yearly.content[0].prices.map((x: Body) => x.id),
      [ids.PREMIUMYEAR],
    );
    // the contact already holds the starter service: nothing new to recommend
    const mine = ok(await serviceRec(`?contact_id=${me.id}`), 'GET', '/self-service/v2/services/recommendation', 200);
    assert.deepEqual(mine.content, []);
    assert.equal((await serviceRec(`?contact_id=${me.id}`, other.headers)).status, 404);
    assert.equal((await serviceRec(`?service_id=${ids.service}`, other.headers)).status, 404);
    const badSize = await serviceRec('?size=1000');
    assert.equal(badSize.status, 400, badSize.text);
  });

  it('POST /contacts/{id}/wifi/authorize: a subscriber with the secret key → 204; bad input 400; no service 409; unknown 404', async () => {
    const path = (id: string) => `${SS}/contacts/${id}/wifi/authorize`;
    const body = { mac_address: '01:23:45:67:89:ab', estimation_id: '0ba7de75-8a68-c19a-3d3a-f4708723a1a4', site_id: 'onwuq8y1' };
    ok(await call('POST', path(me.id), body, secret()), 'POST', '/self-service/v2/contacts/{id}/wifi/authorize', 204);
    const badMac = await call('POST', path(me.id), { ...body, mac_address: 'not-a-mac' }, secret());
    assert.equal(badMac.status, 400, badMac.text);
    assert.equal(badMac.body.field, 'mac_address');
    const noSite = await call('POST', path(me.id), { mac_address: body.mac_address, estimation_id: 'e1' }, secret());
    assert.equal(noSite.status, 400, noSite.text);
    assert.equal(noSite.body.field, 'site_id');
    const idle = await call('POST', path(other.id), body, secret());
    assert.equal(idle.status, 409, idle.text);
    assert.equal((await call('POST', path('00000000-0000-4000-8000-000000000404'), body, secret())).status, 404);
    // a contact cannot authorise itself (the contract takes the secret key only)
    assert.equal((await call('POST', path(me.id), body, me.headers)).status, 403);
  });
});
