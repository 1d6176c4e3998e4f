import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../../../testing/test-platform';
import { loadSelfServiceResponseValidator } from '../../kit/openapi-validator';
import { asContact, customer, eventually, fund, orderCatalogue, pocket } from './testing';

const SS = '/self-service/v2';
const BO = '/backoffice/v2';

/**
 * Orders end to end over REST (flow 8): catalogue → order estimate with wallet funds (reserved in
 * the ledger) → order (captured once) → state and actions → cancel (refunded). Self-Service
 * answers validate against the contract.
 */
describe('orders end to end (flow 8: an order paid with wallet funds)', () => {
  let p: TestPlatform;
  let shop: { good: string; price: string; disabled: string };
  const validate = loadSelfServiceResponseValidator();
  const ok = (r: { status: number; text: string; body: unknown }, method: string, template: string, status: number) => {
    assert.equal(r.status, status, `${method} ${template}: ${r.text}`);
    assert.deepEqual(validate(method, template, r.status, r.text === '' ? undefined : r.body), [], `${method} ${template} → ${r.text}`);
    return r.body as any;
  };
  const estimate = (c: { id: string; accountId: string }, items: unknown[], extra: Record<string, unknown> = {}) =>
    p.http(
      'POST',
      `${SS}/estimates/orders`,
      {
        account_id: c.accountId,
        supply_method: 'PICK_UP',
        delivery_method: 'PICKUP_POINT',
        payment_method_type: 'CRM_WALLET',
        use_wallet_funds: true,
        items,
        ...extra,
      },
      asContact(c.id),
    );

  before(async () => {
    p = await startTestPlatform('orders-e2e');
    shop = await orderCatalogue(p, 'FLOW8');
  });
  after(async () => {
    await p?.stop();
  });

  it('estimate with wallet funds → order → the wallet is debited once; GET, list and cancel (refund) answer the contract', async () => {
    const c = await customer(p, 'Orderer');
    await fund(p, c.walletId, '6.00');
    await pocket(p, c.id, (x) => x.available === 6);

    // 1. estimate: 4 × 2.50 priced, the disabled product left out, 6.00 of the wallet reserved
    const items = [
      { id: shop.good, quantity: 4, price_terms_id: shop.price },
      { id: shop.disabled, quantity: 1 },
    ];
    const e = ok(await estimate(c, items), 'POST', '/self-service/v2/estimates/orders', 200);
    assert.equal(e.order_estimate.total_price, 10);
    assert.equal(e.order_estimate.currency_code, 'EUR');
    assert.deepEqual(
      e.order_estimate.items.map((i: any) => [i.product.id, i.quantity, i.unit_price, i.total_price]),
      [[shop.good, 4, 2.5, 10]],
    );
    assert.deepEqual(e.invalid_products, [
      { unavailability_reason: 'AVAILABILITY', product: { id: shop.disabled, name: 'Retired', sku: 'FLOW8-OFF' } },
    ]);
    assert.equal(e.invoice_estimate.wallet_funds_amount, 6);
    assert.equal(e.invoice_estimate.amount_to_collect, 4);
    await pocket(p, c.id, (x) => x.blocked === 6 && x.available === 0);

    // 2. the order: the reservation is captured (once), the rest is paid in cash
    const body = { estimation_id: e.id, payments: [{ payment_method_type: 'CASH', amount: 4 }] };
    const placed = ok(await p.http('POST', `${SS}/orders`, body, asContact(c.id)), 'POST', '/self-service/v2/orders', 201);
    assert.match(placed.number, /^O\d{6}$/);
    const again = await p.http('POST', `${SS}/orders`, body, asContact(c.id));
    assert.equal(again.status, 409, again.text);
    await pocket(p, c.id, (x) => x.balance === 0 && x.blocked === 0);

    // 3. the contact reads it (NEW) and lists it
    const order = ok(await p.http('GET', `${SS}/orders/${placed.id}`, undefined, asContact(c.id)), 'GET', '/self-service/v2/orders/{id}', 200);
    assert.equal(order.state, 'NEW');
    assert.equal(order.number, placed.number);
    assert.equal(order.total, 10);
    assert.equal(order.wallet_funds, 6);
    assert.equal(order.amount_to_collect, 4);
    assert.equal(order.items[0].product.id, shop.good);
    const list = ok(
      await p.http('GET', `${SS}/contacts/${c.id}/orders?include_total=true`, undefined, asContact(c.id)),
      'GET',
      '/self-service/v2/contacts/{id}/orders',
      200,
    );
    assert.equal(list.paging.total, 1);
    assert.equal(list.content[0].id, placed.id);
    assert.equal(list.content[0].items[0].life_cycle_state, 'PENDING_DELIVERY');

    // 4. a contact cannot progress it; it cancels it with a reason: CANCELLED, the wallet funds come back
    const progress = await p.http('PUT', `${SS}/orders/${placed.id}/actions`, { action: 'START_PROGRESS' }, asContact(c.id));
    assert.equal(progress.status, 403, progress.text);
    const reason = '00000000-0000-4000-8000-00000000c0de';
    ok(
      await p.http('PUT', `${SS}/orders/${placed.id}/actions`, { action: 'CANCEL', cancellation_reason_id: reason }, asContact(c.id)),
      'PUT',
      '/self-service/v2/orders/{id}/actions',
      200,
    );
    const cancelled = ok(await p.http('GET', `${SS}/orders/${placed.id}`, undefined, asContact(c.id)), 'GET', '/self-service/v2/orders/{id}', 200);
    assert.equal(cancelled.state, 'CANCELLED');
    assert.deepEqual(cancelled.cancellation_reason, { id: reason });
    assert.equal(typeof cancelled.key_dates.cancelled_on, 'number');
    await pocket(p, c.id, (x) => x.balance === 6 && x.available === 6);
    const twice = await p.http('PUT', `${SS}/orders/${placed.id}/actions`, { action: 'CANCEL' }, asContact(c.id));
    assert.equal(twice.status, 409, twice.text);
    await pocket(p, c.id, (x) => x.balance === 6);
  });

  it('concurrent orders against one wallet never spend reserved funds twice', async () => {
    const c = await customer(p, 'Racer');
    await fund(p, c.walletId, '50.00');
    await pocket(p, c.id, (x) => x.available === 50);
    // two estimates of 30.00: the first holds 30, the second only what is left (20)
    const a = ok(await estimate(c, [{ id: shop.good, quantity: 12 }]), 'POST', '/self-service/v2/estimates/orders', 200);
    const b = ok(await estimate(c, [{ id: shop.good, quantity: 12 }]), 'POST', '/self-service/v2/estimates/orders', 200);
    assert.equal(a.invoice_estimate.wallet_funds_amount, 30);
    assert.equal(b.invoice_estimate.wallet_funds_amount, 20);
    assert.equal(b.invoice_estimate.amount_to_collect, 10);
    const third = ok(await estimate(c, [{ id: shop.good, quantity: 1 }]), 'POST', '/self-service/v2/estimates/orders', 200);
    assert.equal(third.invoice_estimate.wallet_funds_amount, 0, 'nothing left to reserve');
    // each estimate ordered three times at once: one order per estimate, each reservation captured once
    const place = (id: string) => p.http('POST', `${SS}/orders`, { estimation_id: id, payments: [] }, asContact(c.id));
    const results = await Promise.all([a.id, b.id, a.id, b.id, a.id, b.id].map(place));
    const created = results.filter((r) => r.status === 201);
    assert.equal(created.length, 2, results.map((r) => `${r.status} ${r.text}`).join('\n'));
    for (const r of results.filter((x) => x.status !== 201)) assert.equal(r.status, 409, r.text);
    const numbers = created.map((r) => (r.body as { number: string }).number);
    assert.equal(new Set(numbers).size, 2);
    const wallet = await pocket(p, c.id, (x) => x.blocked === 0 && x.balance === 0);
    assert.deepEqual(wallet, { balance: 0, blocked: 0, available: 0 });
    const all = await eventually('both orders listed', async () => {
      const r = await p.http('GET', `${BO}/orders?contact_id=${c.id}&include_total=true`);
      return (r.body as { paging: { total: number } }).paging?.total === 2 ? (r.body as any) : null;
    });
    assert.deepEqual(all.content.map((o: any) => o.wallet_funds).sort(), [20, 30]);
  });

  it('refuses bad input naming the field, an unknown product, another contact’s account and estimate; nothing is reserved', async () => {
    const c = await customer(p, 'Careful');
    const other = await customer(p, 'Stranger');
    await fund(p, c.walletId, '5.00');
    await pocket(p, c.id, (x) => x.available === 5);
    const cases: [Record<string, unknown>, unknown[], string][] = [
      [{ supply_method: 'TELEPORT' }, [{ id: shop.good, quantity: 1 }], 'supply_method'],
      [{}, [{ id: shop.good, quantity: 0 }], 'items.0.quantity'],
      [{}, [{ id: '00000000-0000-4000-8000-000000000404', quantity: 1 }], 'items.0.id'],
      [{}, [{ id: shop.good, quantity: 1, price_terms_id: '00000000-0000-4000-8000-000000000405' }], 'items.0.price_terms_id'],
      [{ wallet_funds_amount: 1.001 }, [{ id: shop.good, quantity: 1 }], 'wallet_funds_amount'],
      [{ supply_method: 'DELIVERY', delivery_method: 'COURIER_SERVICE' }, [{ id: shop.good, quantity: 1 }], 'address_id'],
      [{}, [], 'items'],
    ];
    for (const [extra, items, field] of cases) {
      const r = await estimate(c, items, extra);
      assert.equal(r.status, 400, `${JSON.stringify(extra)} ${JSON.stringify(items)}: ${r.text}`);
      assert.equal(r.body.field, field, r.text);
    }
    const foreign = await estimate({ id: c.id, accountId: other.accountId }, [{ id: shop.good, quantity: 1 }]);
    assert.equal(foreign.status, 404, foreign.text);
    await pocket(p, c.id, (x) => x.blocked === 0 && x.available === 5);
    // another contact's estimate is not found; a malformed payment names its field
    const mine = ok(await estimate(c, [{ id: shop.good, quantity: 1 }]), 'POST', '/self-service/v2/estimates/orders', 200);
    const stolen = await p.http('POST', `${SS}/orders`, { estimation_id: mine.id, payments: [] }, asContact(other.id));
    assert.equal(stolen.status, 404, stolen.text);
    const overpaid = await p.http(
      'POST',
      `${SS}/orders`,
      { estimation_id: mine.id, payments: [{ payment_method_type: 'CASH', amount: 1 }] },
      asContact(c.id),
    );
    assert.equal(overpaid.status, 400, overpaid.text);
    assert.equal(overpaid.body.field, 'payments', overpaid.text);
    const missing = await p.http('POST', `${SS}/orders`, { payments: [] }, asContact(c.id));
    assert.equal(missing.status, 400, missing.text);
    assert.equal(missing.body.field, 'estimation_id');
  });

  it('an order with a termed service opens the contact’s subscription (subscriptions follow order.placed)', async () => {
    const c = await customer(p, 'Subscriber');
    const made = async (path: string, body: unknown) => {
      const r = await p.http('POST', `${BO}${path}`, body);
      assert.equal(r.status, 201, r.text);
      return (r.body as { id: string }).id;
    };
    const plan = await made('/products', { sku: 'PLAN-O', name: 'Streaming plan', classification: 'TERMED_SERVICE' });
    const terms = await made(`/products/${plan}/prices`, {
      price: '9.99',
      currency_code: 'EUR',
      price_terms: { billing_period: { duration: 1, uot: 'MONTH' }, billing_model: 'PRE_BILL' },
    });
    await made('/order_catalogues', { name: 'Plans', supply_methods: ['DIRECT_SALE'], products: [plan] });
    // the order catalogue reaches the orders' price view a moment after it is created
    const e = await eventually('the plan in the price view', async () => {
      const r = await p.http(
        'POST',
        `${SS}/estimates/orders`,
        {
          account_id: c.accountId,
          supply_method: 'DIRECT_SALE',
          delivery_method: 'DIRECT_DELIVERY',
          payment_method_type: 'CARD',
          items: [{ id: plan, quantity: 1, price_terms_id: terms }],
        },
        asContact(c.id),
      );
      const body = ok(r, 'POST', '/self-service/v2/estimates/orders', 200);
      return body.order_estimate.items.length === 1 ? body : null;
    });
    assert.equal(e.order_estimate.total_price, 9.99);
    const placed = await p.http(
      'POST',
      `${SS}/orders`,
      { estimation_id: e.id, payments: [{ payment_method_type: 'CARD', amount: 9.99 }] },
      asContact(c.id),
    );
    assert.equal(placed.status, 201, placed.text);
    const subscription = await eventually('the subscription', async () => {
      const r = await p.http('GET', `${SS}/contacts/${c.id}/subscriptions`, undefined, asContact(c.id));
      return r.status === 200 && (r.body as { content: unknown[] }).content.length > 0 ? (r.body as { content: any[] }).content : null;
    });
    assert.equal(subscription.length, 1);
    assert.equal(subscription[0].state, 'ACTIVE');
    const services = await p.http('GET', `${SS}/contacts/${c.id}/services`, undefined, asContact(c.id));
    assert.equal(services.status, 200, services.text);
    assert.deepEqual(
      (services.body as { content: { product: { id: string }; state: string }[] }).content.map((x) => [x.product.id, x.state]),
      [[plan, 'EFFECTIVE']],
    );
  });

  it('back office: lists and reads orders with queue and stage, moves one along the queue; a refused transition is a 409', async () => {
    const c = await customer(p, 'Queued');
    const other = await customer(p, 'Bystander');
    const e = ok(await estimate(c, [{ id: shop.good, quantity: 2 }], { use_wallet_funds: false }), 'POST', '/self-service/v2/estimates/orders', 200);
    assert.equal(e.invoice_estimate.wallet_funds_amount, 0);
    const placed = ok(
      await p.http('POST', `${SS}/orders`, { estimation_id: e.id, payments: [{ payment_method_type: 'CARD', amount: 5 }] }, asContact(c.id)),
      'POST',
      '/self-service/v2/orders',
      201,
    );
    const act = (action: string) => p.http('PUT', `${BO}/orders/${placed.id}/actions`, { action });
    assert.equal((await act('START_PROGRESS')).status, 200);
    assert.equal((await act('HOLD')).status, 200);
    assert.equal((await act('COMPLETE')).status, 409);
    assert.equal((await act('RESUME')).status, 200);
    assert.equal((await act('COMPLETE')).status, 200);
    const done = await p.http('GET', `${BO}/orders/${placed.id}`);
    assert.equal(done.status, 200, done.text);
    assert.equal(done.body.state, 'COMPLETED');
    assert.deepEqual(done.body.stage.name, 'Completed');
    assert.equal(done.body.contact.id, c.id);
    assert.deepEqual(done.body.payments, [{ payment_method_type: 'CARD', amount: 5 }]);
    assert.equal(typeof done.body.key_dates.started_on, 'number');
    assert.equal(typeof done.body.key_dates.completed_on, 'number');
    const list = await p.http('GET', `${BO}/orders?state=COMPLETED&contact_id=${c.id}`);
    assert.equal(list.status, 200, list.text);
    assert.equal(list.body.content[0].items[0].life_cycle_state, 'DELIVERED');
    const bad = await p.http('GET', `${BO}/orders?state=LOST`);
    assert.equal(bad.status, 400, bad.text);
    assert.equal(bad.body.field, 'state');
    const none = await p.http('GET', `${BO}/orders/00000000-0000-4000-8000-000000000000`);
    assert.equal(none.status, 404, none.text);
    const fulfil = ok(
      await p.http('POST', `${SS}/estimates/order_fulfillment`, { supply_method: 'PICK_UP' }, asContact(c.id)),
      'POST',
      '/self-service/v2/estimates/order_fulfillment',
      200,
    );
    assert.deepEqual(fulfil, { fulfilled_by: [] });
    const someoneElse = await p.http(
      'POST',
      `${SS}/estimates/order_fulfillment`,
      { supply_method: 'PICK_UP', contact_id: c.id },
      asContact(other.id),
    );
    assert.equal(someoneElse.status, 404, someoneElse.text);
  });
});
