import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../testing/test-platform';
import { asContact, customer, eventually, orderCatalogue } from '../rest/domains/orders/testing';

const SS = '/self-service/v2';
const BO = '/backoffice/v2';

/**
 * Isolation of the recommendation rules (catalogue), the recommendations read from them and the
 * WiFi authorisation (subscriptions): tenant B (user or service) aims at tenant A's rules,
 * estimates and contacts; another contact of tenant A at the victim's estimate, services and
 * WiFi; users without the permission; bodies that try to set what the server decides. Nothing
 * leaks (404 / empty) and nothing changes in tenant A.
 */
describe('recommendation rules and WiFi isolation (cross-tenant, cross-contact, roles, mass assignment)', () => {
  let p: TestPlatform;
  let shop: { good: string; price: string; disabled: string };
  let victim: { id: string; accountId: string };
  let intruder: { id: string };
  let ruleId: string;
  let estimateId: string;
  let serviceId: string;
  let tenantB: Record<string, string>;
  let tenantBKey: Record<string, string>;
  const wifi = { mac_address: '01-23-45-67-89-AB', estimation_id: 'e-1', site_id: 'site-1' };

  type Db = { dataSource: { query(sql: string, params: unknown[]): Promise<unknown> } };
  const db = (name: string) => (p.services.get(name) as unknown as Db).dataSource;

  /** Tenant A's rules and WiFi authorisations (ids and versions), to prove nothing changed. */
  async function snapshotA(): Promise<string> {
    const rules = await db('catalogue-write').query(
      `SELECT id::text, version FROM catalogue_aggregates WHERE tenant_id = $1 AND aggregate_type = 'recommendation_rule' ORDER BY 1`,
      [p.tenant],
    );
    const wifiRows = await db('subscriptions-write').query(
      `SELECT id::text, version FROM usage_aggregates WHERE tenant_id = $1 AND aggregate_type = 'wifi_authorization' ORDER BY 1`,
      [p.tenant],
    );
    return JSON.stringify({ rules, wifiRows });
  }

  before(async () => {
    p = await startTestPlatform('catalogue2-isolation');
    shop = await orderCatalogue(p, 'REC-ISO');
    const extra = await p.http('POST', `${BO}/products`, { sku: 'REC-ISO-2', name: 'Extra', classification: 'NON_TRACEABLE_PHYSICAL_GOOD' });
    assert.equal(extra.status, 201, extra.text);
    const rule = await p.http('POST', `${BO}/recommendation_rules`, {
      kind: 'CROSS_SELL',
      name: 'A only',
      source_products: [shop.good],
      products: [extra.body.id],
    });
    assert.equal(rule.status, 201, rule.text);
    ruleId = rule.body.id;
    const best = await p.http('POST', `${BO}/recommendation_rules`, {
      kind: 'PRODUCTS',
      name: 'A best',
      category_type: 'BEST_SELLING',
      products: [shop.good],
    });
    assert.equal(best.status, 201, best.text);
    victim = await customer(p, 'Victim');
    intruder = await customer(p, 'Intruder');
    const e = await p.http(
      'POST',
      `${SS}/estimates/orders`,
      {
        account_id: victim.accountId,
        supply_method: 'PICK_UP',
        delivery_method: 'PICKUP_POINT',
        payment_method_type: 'CASH',
        items: [{ id: shop.good, quantity: 1 }],
      },
      asContact(victim.id),
    );
    assert.equal(e.status, 200, e.text);
    estimateId = e.body.id;
    const added = await p.http('POST', `${SS}/contacts/${victim.id}/services`, { services: [{ product_id: shop.good }] }, asContact(victim.id));
    assert.equal(added.status, 200, added.text);
    serviceId = added.body[0].id;
    tenantB = { 'x-dev-tenant': `${p.tenant}-b`, 'x-dev-principal': 'user' };
    tenantBKey = {
      'x-dev-tenant': `${p.tenant}-b`,
      'x-dev-principal': 'service:catalogue.read,catalogue.write,orders.read,subscriptions.read,subscriptions.write,contacts.read',
    };
    // tenant A reads its own rule and recommendations before the attacks start
    await eventually('the rule is readable in tenant A', async () => {
      const r = await p.http('GET', `${BO}/recommendation_rules/${ruleId}`);
      return r.status === 200 ? true : null;
    });
    const own = await p.http('GET', `${SS}/orders/recommendation?estimation_id=${estimateId}`, undefined, asContact(victim.id));
    assert.equal(own.status, 200, own.text);
    assert.equal(own.body.cross_sells.length, 1, own.text);
  });
  after(async () => {
    await p?.stop();
  });

  it('tenant B (user or service) neither sees nor changes tenant A’s rules, recommendations, estimates or contacts', async () => {
    const before = await snapshotA();
    for (const who of [tenantB, tenantBKey]) {
      assert.equal((await p.http('GET', `${BO}/recommendation_rules/${ruleId}`, undefined, who)).status, 404);
      assert.equal((await p.http('PUT', `${BO}/recommendation_rules/${ruleId}`, { name: 'mine' }, who)).status, 404);
      assert.equal((await p.http('DELETE', `${BO}/recommendation_rules/${ruleId}`, undefined, who)).status, 404);
      const list = await p.http('GET', `${BO}/recommendation_rules?include_total=true`, undefined, who);
      assert.equal(list.status, 200, list.text);
      assert.equal(list.body.paging.total, 0, list.text);
      // A's products cannot be named in B's rules
      const steal = await p.http('POST', `${BO}/recommendation_rules`, { kind: 'SERVICES', name: 'x', products: [shop.good] }, who);
      assert.equal(steal.status, 400, steal.text);
      assert.equal(steal.body.field, 'products.0');
      const products = await p.http('GET', `${SS}/products/recommendation`, undefined, who);
      assert.equal(products.status, 200, products.text);
      assert.deepEqual(products.body, []);
      assert.equal((await p.http('GET', `${SS}/orders/recommendation?estimation_id=${estimateId}`, undefined, who)).status, 404);
      assert.equal((await p.http('GET', `${SS}/services/recommendation?service_id=${serviceId}`, undefined, who)).status, 404);
      assert.equal((await p.http('GET', `${SS}/services/recommendation?contact_id=${victim.id}`, undefined, who)).status, 404);
      assert.equal((await p.http('POST', `${SS}/contacts/${victim.id}/wifi/authorize`, wifi, who)).status, 404);
    }
    assert.equal(await snapshotA(), before);
  });

  it('another contact of tenant A neither reads the victim’s estimate or services nor authorises it on WiFi', async () => {
    const before = await snapshotA();
    const me = asContact(intruder.id);
    assert.equal((await p.http('GET', `${SS}/orders/recommendation?estimation_id=${estimateId}`, undefined, me)).status, 404);
    assert.equal((await p.http('GET', `${SS}/services/recommendation?service_id=${serviceId}`, undefined, me)).status, 404);
    assert.equal((await p.http('GET', `${SS}/services/recommendation?contact_id=${victim.id}`, undefined, me)).status, 404);
    assert.equal((await p.http('GET', `${SS}/products/recommendation?contact_id=${victim.id}`, undefined, me)).status, 404);
    assert.equal((await p.http('POST', `${SS}/contacts/${victim.id}/wifi/authorize`, wifi, me)).status, 403);
    assert.equal((await p.http('POST', `${BO}/recommendation_rules`, { kind: 'SERVICES', name: 'x', products: [shop.good] }, me)).status, 403);
    assert.equal((await p.http('DELETE', `${BO}/recommendation_rules/${ruleId}`, undefined, me)).status, 403);
    assert.equal(await snapshotA(), before);
  });

  it('users need the permission: catalogue.read reads rules but cannot write them; WiFi needs subscriptions.write', async () => {
    const before = await snapshotA();
    const reader = { 'x-dev-principal': 'user:catalogue.read' };
    assert.equal((await p.http('GET', `${BO}/recommendation_rules/${ruleId}`, undefined, reader)).status, 200);
    assert.equal((await p.http('PUT', `${BO}/recommendation_rules/${ruleId}`, { name: 'x' }, reader)).status, 403);
    assert.equal((await p.http('DELETE', `${BO}/recommendation_rules/${ruleId}`, undefined, reader)).status, 403);
    const none = { 'x-dev-principal': 'user:contacts.read' };
    assert.equal((await p.http('GET', `${BO}/recommendation_rules`, undefined, none)).status, 403);
    assert.equal(
      (await p.http('POST', `${SS}/contacts/${victim.id}/wifi/authorize`, wifi, { 'x-dev-principal': 'service:subscriptions.read' })).status,
      403,
    );
    assert.equal(await snapshotA(), before);
  });

  it('bodies cannot set what the server decides (id, tenant, deleted, kind on update): 400, nothing written', async () => {
    const before = await snapshotA();
    const base = { kind: 'SERVICES', name: 'x', products: [shop.good] };
    for (const [method, path, body, field] of [
      ['POST', `${BO}/recommendation_rules`, { ...base, id: ruleId }, 'id'],
      ['POST', `${BO}/recommendation_rules`, { ...base, tenant_id: `${p.tenant}-b` }, 'tenant_id'],
      ['POST', `${BO}/recommendation_rules`, { ...base, deleted: false }, 'deleted'],
      ['PUT', `${BO}/recommendation_rules/${ruleId}`, { kind: 'PRODUCTS' }, 'kind'],
      ['POST', `${SS}/contacts/${victim.id}/wifi/authorize`, { ...wifi, contact_id: intruder.id }, 'contact_id'],
      ['POST', `${SS}/contacts/${victim.id}/wifi/authorize`, { ...wifi, service_ids: [serviceId] }, 'service_ids'],
    ] as const) {
      const r = await p.http(method, path, body, {});
      assert.equal(r.status, 400, `${method} ${path} ${JSON.stringify(body)}: ${r.text}`);
      assert.equal(r.body.field, field, r.text);
    }
    assert.equal(await snapshotA(), before);
  });
});
