import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ORDER_ACTIONS, ORDER_STATES, type OrderAction, type OrderStateName } from '@crm/event-bus/contracts/orders';
import { actOnOrder, TRANSITIONS, type ActOnOrder } from './act-on-order';
import { evolveEstimate } from './estimate';
import type { OrderChange } from './order';
import { orderNumber, placeOrder } from './place-order';
import { stageFor } from './queue';
import { at, CAPTURE_TX, CONTACT, estimateCreated, orderSpec, OTHER_CONTACT, uuid } from './test-kit';

type Cmd = ActOnOrder & { refund: { amount: string; transactionId: string } | null };
const spec = orderSpec((state, c: Cmd) => actOnOrder(state, c));
const estimate = { ...evolveEstimate(null, estimateCreated('6.00'), { version: 1, at }), id: uuid(600) };
const [placed] = placeOrder(null, {
  estimate,
  number: orderNumber(7),
  walletFunds: { amount: '6.00', transactionId: CAPTURE_TX },
  payments: [],
  notes: null,
});
const REFUND = { amount: '6.00', transactionId: uuid(901) };

/** The events that bring a placed order to `state`. */
function historyTo(state: OrderStateName): OrderChange[] {
  const progressed = (action: OrderAction, to: OrderStateName): OrderChange => ({
    type: 'order.progressed',
    data: { action, state: to, stage: stageFor(to) },
  });
  switch (state) {
    case 'NEW':
      return [placed!];
    case 'IN_PROGRESS':
      return [placed!, progressed('START_PROGRESS', 'IN_PROGRESS')];
    case 'ON_HOLD':
      return [placed!, progressed('HOLD', 'ON_HOLD')];
    case 'COMPLETED':
      return [placed!, progressed('COMPLETE', 'COMPLETED')];
    case 'CANCELLED':
      return [placed!, { type: 'order.cancelled', data: { cancellationReasonId: null, stage: stageFor('CANCELLED'), refund: REFUND } }];
  }
}

const asUser = (action: OrderAction, over: Partial<Cmd> = {}): Cmd => ({ action, cancellationReasonId: null, contact: null, refund: null, ...over });

describe('order actions: every (state, action) pair', () => {
  for (const from of ORDER_STATES) {
    for (const action of ORDER_ACTIONS) {
      if (action === 'MARK_FAVORITE') continue;
      const to = TRANSITIONS[from][action];
      it(`${from} + ${action} → ${to ?? 'refused (ORDER_TRANSITION_NOT_ALLOWED)'}`, () => {
        const when = spec.given(...historyTo(from)).when(asUser(action, action === 'CANCEL' ? { refund: REFUND } : {}));
        if (!to) return when.thenFails({ code: 'CONFLICT', reason: 'ORDER_TRANSITION_NOT_ALLOWED', field: 'action' });
        const state = when.then([
          to === 'CANCELLED'
            ? { type: 'order.cancelled', data: { cancellationReasonId: null, stage: stageFor('CANCELLED'), refund: REFUND } }
            : { type: 'order.progressed', data: { action, state: to, stage: stageFor(to) } },
        ]);
        assert.equal(state.state, to);
        assert.equal(state.stage.id, stageFor(to).id);
      });
    }
  }

  it('every state reaches COMPLETED or CANCELLED only through the table; terminal states allow nothing', () => {
    assert.deepEqual(TRANSITIONS.COMPLETED, {});
    assert.deepEqual(TRANSITIONS.CANCELLED, {});
  });
});

describe('order actions: who may act', () => {
  it('a contact cancels its own NEW order with a reason; not once it is in progress; not another contact’s (not found)', () => {
    const reason = uuid(555);
    const state = spec
      .given(placed!)
      .when(asUser('CANCEL', { contact: CONTACT, cancellationReasonId: reason, refund: REFUND }))
      .then([{ type: 'order.cancelled', data: { cancellationReasonId: reason, stage: stageFor('CANCELLED'), refund: REFUND } }]);
    assert.equal(state.cancellationReasonId, reason);
    assert.deepEqual(state.refund, REFUND);
    spec
      .given(...historyTo('IN_PROGRESS'))
      .when(asUser('CANCEL', { contact: CONTACT }))
      .thenFails({ code: 'CONFLICT', reason: 'ORDER_TRANSITION_NOT_ALLOWED' });
    spec
      .given(placed!)
      .when(asUser('CANCEL', { contact: OTHER_CONTACT }))
      .thenFails({ code: 'NOT_FOUND', reason: 'ORDER_NOT_FOUND' });
    spec.given().when(asUser('CANCEL')).thenFails({ code: 'NOT_FOUND', reason: 'ORDER_NOT_FOUND' });
  });

  it('a contact may not progress or complete an order; a reason goes with CANCEL only', () => {
    for (const action of ['START_PROGRESS', 'COMPLETE', 'HOLD', 'RESUME'] as const)
      spec
        .given(placed!)
        .when(asUser(action, { contact: CONTACT }))
        .thenFails({ code: 'FORBIDDEN', reason: 'ORDER_ACTION_NOT_ALLOWED' });
    spec
      .given(placed!)
      .when(asUser('COMPLETE', { cancellationReasonId: uuid(1) }))
      .thenFails({ code: 'VALIDATION', field: 'cancellationReasonId' });
  });

  it('MARK_FAVORITE marks the order once, in any state, by its contact', () => {
    const state = spec
      .given(...historyTo('COMPLETED'))
      .when(asUser('MARK_FAVORITE', { contact: CONTACT }))
      .then([{ type: 'order.marked_favorite', data: {} }]);
    assert.equal(state.isFavorite, true);
    spec.given(placed!, { type: 'order.marked_favorite', data: {} }).when(asUser('MARK_FAVORITE')).then([]);
  });
});
