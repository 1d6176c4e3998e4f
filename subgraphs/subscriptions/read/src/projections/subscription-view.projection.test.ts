import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ServiceSnapshot } from '@crm/event-bus/contracts/subscriptions';
import { projectSubscription, type SubscriptionView } from './subscription-view.projection';

const id = '00000000-0000-4000-8000-000000000001';
const contactId = '00000000-0000-4000-8000-00000000c001';
const serviceId = '00000000-0000-4000-8000-00000000a001';
const addId = '00000000-0000-4000-8000-00000000b000';
const actionId = '00000000-0000-4000-8000-00000000b001';
const t0 = '2026-05-01T10:00:00.000Z';
const t1 = '2026-05-02T10:00:00.000Z';
const t2 = '2026-06-01T00:00:00.000Z';

const service: ServiceSnapshot = {
  id: serviceId,
  productId: 'prod-1',
  priceTermsId: null,
  quantity: 1,
  state: 'EFFECTIVE',
  trialEndsAt: null,
  contractEndsAt: null,
  autoRenewal: 'OPT_IN',
  firstEffectiveAt: t0,
};

const apply = (view: SubscriptionView | null, version: number, occurredAt: string, e: { type: string; data: unknown }) =>
  projectSubscription(view, { ...e, aggregateId: id, aggregateVersion: version, occurredAt } as Parameters<typeof projectSubscription>[1]);

describe('subscription view projection', () => {
  it('follows a subscription through add, a scheduled pause (SCHEDULED → EXECUTED) and the state it derives', () => {
    let v = apply(null, 1, t0, { type: 'subscription.created', data: { contactId, accountId: null, paymentMethodType: 'CARD', billingDay: 1 } });
    v = apply(v, 2, t0, { type: 'subscription.service_added', data: { service, actionId: addId, subscriptionState: 'ACTIVE' } });
    assert.equal(v.state, 'ACTIVE');
    assert.deepEqual(
      v.actions.map((a) => [a.id, a.action, a.state]),
      [[addId, 'ADD_SERVICE', 'EXECUTED']],
    );
    const request = { scope: 'SERVICE', serviceId, action: 'PAUSE', changeTo: null };
    v = apply(v, 3, t1, { type: 'subscription.action_scheduled', data: { actionId, request, scheduledDate: t2, usedProposedDate: true } });
    assert.equal(v.actions[1]!.state, 'SCHEDULED');
    assert.equal(v.actions[1]!.scheduledDate, t2);
    v = apply(v, 4, t2, { type: 'subscription.action_executed', data: { actionId, request, scheduled: true } });
    v = apply(v, 5, t2, {
      type: 'subscription.service_state_changed',
      data: { serviceId, action: 'PAUSE', from: 'EFFECTIVE', to: 'PAUSED', actionId, firstEffectiveAt: null, subscriptionState: 'INACTIVE' },
    });
    assert.equal(v.version, 5);
    assert.equal(v.state, 'INACTIVE');
    assert.equal(v.services[0]!.state, 'PAUSED');
    assert.equal(v.services[0]!.firstEffectiveAt, t0);
    assert.deepEqual([v.actions[1]!.state, v.actions[1]!.executedAt], ['EXECUTED', t2]);
    assert.equal(v.actions.length, 2);
  });

  it('records a rejected action with its reason and a cancelled one', () => {
    let v = apply(null, 1, t0, { type: 'subscription.created', data: { contactId, accountId: null, paymentMethodType: null, billingDay: 1 } });
    const request = { scope: 'SUBSCRIPTION', action: 'CANCEL', billingDay: null, paymentMethodType: null, paymentMethodId: null };
    v = apply(v, 2, t0, { type: 'subscription.action_scheduled', data: { actionId, request, scheduledDate: t2, usedProposedDate: false } });
    v = apply(v, 3, t2, { type: 'subscription.action_rejected', data: { actionId, reason: 'SUBSCRIPTION_CHURNED' } });
    assert.deepEqual([v.actions[0]!.state, v.actions[0]!.rejectionReason, v.actions[0]!.serviceId], ['REJECTED', 'SUBSCRIPTION_CHURNED', null]);
    v = apply(v, 4, t2, { type: 'subscription.action_scheduled', data: { actionId: addId, request, scheduledDate: t2, usedProposedDate: false } });
    v = apply(v, 5, t2, { type: 'subscription.action_cancelled', data: { actionId: addId } });
    assert.equal(v.actions[1]!.state, 'CANCELLED');
  });
});
