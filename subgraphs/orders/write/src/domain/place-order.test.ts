import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evolveEstimate } from './estimate';
import { checkOrderable, markEstimateOrdered, orderNumber, placeOrder, walletFundsToCapture, type PlaceOrder } from './place-order';
import { DEFAULT_QUEUE } from './queue';
import { at, CAPTURE_TX, CONTACT, estimateCreated, estimateSpec, orderSpec, OTHER_CONTACT, uuid } from './test-kit';

const ORDER = uuid(800);
const estimate = (wallet: string | null = '6.00') => ({ ...evolveEstimate(null, estimateCreated(wallet), { version: 1, at }), id: uuid(600) });
const minutes = (n: number) => new Date(at.getTime() + n * 60_000);

describe('ordering an estimate', () => {
  const mark = estimateSpec((state, c: { owner: string | null; now: Date }) => markEstimateOrdered(state, ORDER, c.owner, c.now));

  it('marks an unexpired estimate ordered, once', () => {
    const state = mark
      .given(estimateCreated())
      .when({ owner: CONTACT, now: minutes(14) })
      .then([{ type: 'order_estimate.ordered', data: { orderId: ORDER } }]);
    assert.equal(state.orderId, ORDER);
    mark
      .given(estimateCreated(), { type: 'order_estimate.ordered', data: { orderId: ORDER } })
      .when({ owner: null, now: minutes(1) })
      .thenFails({ code: 'CONFLICT', reason: 'ORDER_ESTIMATE_ALREADY_ORDERED' });
  });

  it('refuses an expired estimate, another contact’s (as not found) and a missing one', () => {
    mark
      .given(estimateCreated())
      .when({ owner: CONTACT, now: minutes(15) })
      .thenFails({ code: 'CONFLICT', reason: 'ORDER_ESTIMATE_EXPIRED' });
    mark
      .given(estimateCreated())
      .when({ owner: OTHER_CONTACT, now: minutes(1) })
      .thenFails({ code: 'NOT_FOUND', reason: 'ORDER_ESTIMATE_NOT_FOUND' });
    mark
      .given()
      .when({ owner: null, now: minutes(1) })
      .thenFails({ code: 'NOT_FOUND', reason: 'ORDER_ESTIMATE_NOT_FOUND' });
    const empty = { ...estimate(), lines: [] };
    assert.throws(() => checkOrderable(empty, null, minutes(1)), { code: 'CONFLICT', reason: 'ORDER_ESTIMATE_EMPTY' });
  });

  it('takes all the reserved wallet funds by default, less when asked, none when told not to; never more than reserved', () => {
    const e = estimate('6.00');
    assert.equal(walletFundsToCapture(e, { useWalletFunds: null, walletFundsAmount: null }), 6_000_000n);
    assert.equal(walletFundsToCapture(e, { useWalletFunds: true, walletFundsAmount: '2.5' }), 2_500_000n);
    assert.equal(walletFundsToCapture(e, { useWalletFunds: false, walletFundsAmount: null }), 0n);
    assert.throws(() => walletFundsToCapture(e, { useWalletFunds: true, walletFundsAmount: '6.01' }), {
      code: 'VALIDATION',
      field: 'walletFundsAmount',
    });
    assert.equal(walletFundsToCapture(estimate(null), { useWalletFunds: true, walletFundsAmount: null }), 0n);
  });
});

describe('placeOrder', () => {
  const place = orderSpec((state, c: PlaceOrder) => placeOrder(state, c));
  const cmd = (over: Partial<PlaceOrder> = {}): PlaceOrder => ({
    estimate: estimate(),
    number: orderNumber(1),
    walletFunds: { amount: '6.00', transactionId: CAPTURE_TX },
    payments: [{ paymentMethodType: 'CASH', amount: '4.00', paymentMethodId: null }],
    notes: null,
    ...over,
  });

  it('places a NEW order at the first stage of the default queue; what is left to collect is the total less the wallet funds', () => {
    const [placed] = place.given().when(cmd()).events();
    assert.equal(placed!.type, 'order.placed');
    const d = placed!.data as { number: string; amountToCollect: string; stage: { name: string }; queueId: string; lines: unknown[] };
    assert.equal(d.number, 'O000001');
    assert.equal(d.amountToCollect, '4.00');
    assert.equal(d.stage.name, 'New');
    assert.equal(d.queueId, DEFAULT_QUEUE.id);
    assert.equal(d.lines.length, 1);
    const state = place.given().when(cmd()).then([placed!]);
    assert.equal(state.state, 'NEW');
  });

  it('refuses payments over what is left to collect, and a second placement', () => {
    place
      .given()
      .when(cmd({ payments: [{ paymentMethodType: 'CASH', amount: '4.01', paymentMethodId: null }] }))
      .thenFails({ code: 'VALIDATION', field: 'payments' });
    const [placed] = place.given().when(cmd()).events();
    place.given(placed!).when(cmd()).thenFails({ code: 'CONFLICT', reason: 'ORDER_EXISTS' });
  });

  it('numbers orders O000001, O000002, … O1000000', () => {
    assert.deepEqual([orderNumber(1), orderNumber(42), orderNumber(1_000_000)], ['O000001', 'O000042', 'O1000000']);
  });
});

describe('amounts a client sends', () => {
  it('have at most the currency’s decimal places (EUR: 2)', () => {
    const e = estimate('6.00');
    assert.throws(() => walletFundsToCapture(e, { useWalletFunds: true, walletFundsAmount: '1.001' }), {
      code: 'VALIDATION',
      field: 'walletFundsAmount',
    });
    assert.throws(
      () =>
        placeOrder(null, {
          estimate: e,
          number: orderNumber(1),
          walletFunds: null,
          payments: [{ paymentMethodType: 'CASH', amount: '0.005', paymentMethodId: null }],
          notes: null,
        }),
      { code: 'VALIDATION', field: 'payments.0.amount' },
    );
  });
});
