import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../testing/test-platform';
import { asContact, customer, fund, orderCatalogue, pocket } from '../rest/domains/orders/testing';

const SS = '/self-service/v2';
const BO = '/backoffice/v2';

/**
 * The orders domain's isolation matrix: tenant A's estimates and orders aimed at by tenant B (its
 * owner and its secret key), by another contact of tenant A, by users without the permission,
 * and bodies that try to set what the server decides. Nothing leaks (404 / empty) and nothing
 * changes: every orders row and every ledger reservation of tenant A stays as it was.
 */
describe('orders isolation (cross-tenant, cross-contact, roles, mass assignment)', () => {
  let p: TestPlatform;
  let victim: { id: string; walletId: string; accountId: string };
  let intruder: { id: string };
  let estimateId: string;
  let orderId: string;
  let tenantB: Record<string, string>;
  let tenantBKey: Record<string, string>;

  type Db = { dataSource: { query(sql: string, params: unknown[]): Promise<unknown> } };
  const db = (name: string) => (p.services.get(name) as unknown as Db).dataSource;

  /** Every orders row and ledger reservation of tenant A (versions and states), to prove nothing changed. */
  async function snapshotA(): Promise<string> {
    const orders = await db('orders-write').query(
      `SELECT 'estimate' AS t, id::text, version FROM order_estimates WHERE tenant_id = $1
       UNION ALL SELECT 'order', id::text, version FROM orders WHERE tenant_id = $1 ORDER BY 1, 2`,
      [p.tenant],
    );
    const ledger = await db('ledger-write').query(
      `SELECT id::text, state FROM ledger_reservations WHERE tenant_id = $1 UNION ALL SELECT id::text, balance::text FROM ledger_accounts WHERE tenant_id = $1 ORDER BY 1`,
      [p.tenant],
    );
    return JSON.stringify({ orders, ledger });
  }

  /** An estimate on the victim's account (wallet funds asked for), by someone else. */
  const estimateOnVictimsAccount = (who: Record<string, string>) =>
    p.http(
      'POST',
      `${SS}/estimates/orders`,
      {
        account_id: victim.accountId,
        supply_method: 'PICK_UP',
        delivery_method: 'PICKUP_POINT',
        payment_method_type: 'CRM_WALLET',
        use_wallet_funds: true,
        items: [{ id: orderId, quantity: 1 }],
      },
      who,
    );

  before(async () => {
    p = await startTestPlatform('orders-isolation');
    const shop = await orderCatalogue(p, 'ISO');
    victim = await customer(p, 'Victim');
    intruder = await customer(p, 'Intruder');
    await fund(p, victim.walletId, '20.00');
    await pocket(p, victim.id, (x) => x.available === 20);
    const estimate = (body: Record<string, unknown> = {}) =>
      p.http(
        'POST',
        `${SS}/estimates/orders`,
        {
          account_id: victim.accountId,
          supply_method: 'PICK_UP',
          delivery_method: 'PICKUP_POINT',
          payment_method_type: 'CRM_WALLET',
          use_wallet_funds: true,
          items: [{ id: shop.good, quantity: 2 }],
          ...body,
        },
        asContact(victim.id),
      );
    const e1 = await estimate();
    assert.equal(e1.status, 200, e1.text);
    const placed = await p.http('POST', `${SS}/orders`, { estimation_id: e1.body.id, payments: [] }, asContact(victim.id));
    assert.equal(placed.status, 201, placed.text);
    orderId = placed.body.id;
    const e2 = await estimate();
    assert.equal(e2.status, 200, e2.text);
    estimateId = e2.body.id;
    tenantB = { 'x-dev-tenant': `${p.tenant}-b`, 'x-dev-principal': 'user' };
    tenantBKey = { 'x-dev-tenant': `${p.tenant}-b`, 'x-dev-principal': 'service:orders.read,orders.write,ledger.read,ledger.write' };
    // the victim's order is readable by its own contact before the attacks start
    const mine = await p.http('GET', `${SS}/orders/${orderId}`, undefined, asContact(victim.id));
    assert.equal(mine.status, 200, mine.text);
  });
  after(async () => {
    await p?.stop();
  });

  it('tenant B (user or service) neither sees nor changes tenant A’s orders, estimates, accounts', async () => {
    const before = await snapshotA();
    for (const who of [tenantB, tenantBKey]) {
      for (const [method, path] of [
        ['GET', `${BO}/orders/${orderId}`],
        ['GET', `${SS}/orders/${orderId}`],
      ] as const) {
        const r = await p.http(method, path, undefined, who);
        assert.equal(r.status, 404, `${method} ${path}: ${r.text}`);
      }
      const list = await p.http('GET', `${BO}/orders?contact_id=${victim.id}&include_total=true`, undefined, who);
      assert.equal(list.status, 200, list.text);
      assert.equal(list.body.paging.total, 0);
      const act = await p.http('PUT', `${BO}/orders/${orderId}/actions`, { action: 'CANCEL' }, who);
      assert.equal(act.status, 404, act.text);
      const place = await p.http('POST', `${SS}/orders`, { estimation_id: estimateId, payments: [] }, who);
      assert.equal(place.status, 404, place.text);
      const est = await estimateOnVictimsAccount(who);
      assert.equal(est.status, 404, est.text);
    }
    assert.equal(await snapshotA(), before);
  });

  it('another contact of tenant A neither sees nor changes the victim’s orders, estimate or wallet', async () => {
    const before = await snapshotA();
    const me = asContact(intruder.id);
    const read = await p.http('GET', `${SS}/orders/${orderId}`, undefined, me);
    assert.equal(read.status, 404, read.text);
    const list = await p.http('GET', `${SS}/contacts/${victim.id}/orders`, undefined, me);
    assert.equal(list.status, 404, list.text);
    const cancel = await p.http('PUT', `${SS}/orders/${orderId}/actions`, { action: 'CANCEL' }, me);
    assert.equal(cancel.status, 404, cancel.text);
    const favorite = await p.http('PUT', `${SS}/orders/${orderId}/actions`, { action: 'MARK_FAVORITE' }, me);
    assert.equal(favorite.status, 404, favorite.text);
    const place = await p.http('POST', `${SS}/orders`, { estimation_id: estimateId, payments: [] }, me);
    assert.equal(place.status, 404, place.text);
    const est = await estimateOnVictimsAccount(me);
    assert.equal(est.status, 404, est.text);
    const bo = await p.http('GET', `${BO}/orders`, undefined, me);
    assert.equal(bo.status, 200, bo.text);
    assert.deepEqual(bo.body.content, [], 'a contact lists no one’s orders but its own through the Back-Office route');
    assert.equal(await snapshotA(), before);
  });

  it('users need the permission: orders.read reads but cannot act; without it, 403', async () => {
    const before = await snapshotA();
    const reader = { 'x-dev-principal': 'user:orders.read' };
    assert.equal((await p.http('GET', `${BO}/orders/${orderId}`, undefined, reader)).status, 200);
    const act = await p.http('PUT', `${BO}/orders/${orderId}/actions`, { action: 'COMPLETE' }, reader);
    assert.equal(act.status, 403, act.text);
    const none = { 'x-dev-principal': 'user:contacts.read' };
    assert.equal((await p.http('GET', `${BO}/orders`, undefined, none)).status, 403);
    assert.equal((await p.http('GET', `${BO}/orders/${orderId}`, undefined, none)).status, 403);
    const place = await p.http('POST', `${SS}/orders`, { estimation_id: estimateId, payments: [] }, none);
    assert.equal(place.status, 403, place.text);
    // a contact may not move its own order along the queue
    const own = await p.http('PUT', `${SS}/orders/${orderId}/actions`, { action: 'COMPLETE' }, asContact(victim.id));
    assert.equal(own.status, 403, own.text);
    assert.equal(await snapshotA(), before);
  });

  it('bodies cannot set what the server decides (state, number, contact, prices, totals): 400, nothing written', async () => {
    const before = await snapshotA();
    const me = asContact(victim.id);
    const base = { account_id: victim.accountId, supply_method: 'PICK_UP', delivery_method: 'PICKUP_POINT', payment_method_type: 'CASH' };
    for (const [body, field] of [
      [{ ...base, items: [{ id: orderId, quantity: 1, price: 0.01 }] }, 'items.0'],
      [{ ...base, contact_id: intruder.id, items: [{ id: orderId, quantity: 1 }] }, ''],
      [{ ...base, total_price: 0, items: [{ id: orderId, quantity: 1 }] }, ''],
    ] as const) {
      const r = await p.http('POST', `${SS}/estimates/orders`, body, me);
      assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.text}`);
      if (field) assert.equal(String(r.body.field ?? '').startsWith(field), true, r.text);
    }
    for (const extra of [{ state: 'COMPLETED' }, { number: 'O999999' }, { contact_id: intruder.id }, { wallet_funds: 100 }]) {
      const r = await p.http('POST', `${SS}/orders`, { estimation_id: estimateId, payments: [], ...extra }, me);
      assert.equal(r.status, 400, `${JSON.stringify(extra)}: ${r.text}`);
    }
    const state = await p.http('PUT', `${SS}/orders/${orderId}/actions`, { action: 'CANCEL', state: 'COMPLETED' }, me);
    assert.equal(state.status, 400, state.text);
    assert.equal(await snapshotA(), before);
  });
});
