import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { type ServiceSnapshot } from '@crm/event-bus/contracts/subscriptions';
import { deciderSpecification } from '@crm/platform/testing';
import { addServices, type AddServices } from './add-services';
import { changeService, type ChangeService } from './change-service';
import { changeSubscription, type ChangeSubscription } from './change-subscription';
import { executeAction, type ExecuteAction } from './execute-action';
import { cancelAction, type CancelAction } from './cancel-action';
import { proposedDate } from './proposed-date';
import { evolve, type SubscriptionChange, type SubscriptionState } from './subscription';
import { validateChange } from './validate-change';

const at = new Date('2026-05-10T10:00:00.000Z');
const later = new Date('2026-05-20T00:00:00.000Z');
const CONTACT = '00000000-0000-4000-8000-00000000c001';
const S1 = '00000000-0000-4000-8000-00000000a001';
const S2 = '00000000-0000-4000-8000-00000000a002';
const A1 = '00000000-0000-4000-8000-00000000b001';
const A2 = '00000000-0000-4000-8000-00000000b002';

const validate = (change: SubscriptionChange, version: number) => validateChange(change, version, at);
const spec = <C>(decide: (s: SubscriptionState | null, c: C) => SubscriptionChange[]) =>
  deciderSpecification<SubscriptionState, SubscriptionChange, C>({ decide, evolve, at, validate });

const svc = (id: string, state: ServiceSnapshot['state'], extra: Partial<ServiceSnapshot> = {}): ServiceSnapshot => ({
  id,
  productId: 'prod-1',
  priceTermsId: 'terms-1',
  quantity: 1,
  state,
  trialEndsAt: null,
  contractEndsAt: null,
  autoRenewal: 'OPT_IN',
  firstEffectiveAt: state === 'DRAFT' ? null : at.toISOString(),
  ...extra,
});
const opened: SubscriptionChange = {
  type: 'subscription.created',
  data: { contactId: CONTACT, accountId: null, paymentMethodType: 'CARD', billingDay: 5 },
};
const added = (s: ServiceSnapshot): SubscriptionChange => ({
  type: 'subscription.service_added',
  data: { service: s, actionId: '00000000-0000-4000-8000-00000000b000', subscriptionState: 'ACTIVE' },
});
const pauseLater: SubscriptionChange = {
  type: 'subscription.action_scheduled',
  data: {
    actionId: A1,
    request: { scope: 'SERVICE', serviceId: S1, action: 'PAUSE', changeTo: null },
    scheduledDate: later.toISOString(),
    usedProposedDate: false,
  },
};

describe('addServices', () => {
  const { given } = spec<AddServices>(addServices);
  const one = {
    serviceId: S1,
    actionId: A1,
    activateActionId: A2,
    productId: 'prod-1',
    priceTermsId: 'terms-1',
    quantity: 1,
    trial: null,
    contract: null,
    autoRenewal: 'OPT_IN' as const,
  };

  it('opens the subscription (billing day = day of month) and adds an EFFECTIVE service with its trial and contract ends: ACTIVE', () => {
    const state = given()
      .when({
        contactId: CONTACT,
        accountId: null,
        paymentMethodType: 'CARD',
        services: [{ ...one, trial: { duration: 14, uot: 'DAY' }, contract: { duration: 12, uot: 'MONTH' } }],
        startAt: null,
        now: at,
      })
      .then([
        opened.type === 'subscription.created' ? { ...opened, data: { ...opened.data, billingDay: 10 } } : opened,
        {
          type: 'subscription.service_added',
          data: {
            service: svc(S1, 'EFFECTIVE', { trialEndsAt: '2026-05-24T10:00:00.000Z', contractEndsAt: '2027-05-10T10:00:00.000Z' }),
            actionId: A1,
            subscriptionState: 'ACTIVE',
          },
        },
      ]);
    assert.equal(state.state, 'ACTIVE');
  });

  it('with a later start the service joins as DRAFT (INACTIVE) and an ACTIVATE is scheduled at that date', () => {
    given(opened)
      .when({ contactId: CONTACT, accountId: null, paymentMethodType: null, services: [one], startAt: later, now: at })
      .then([
        { type: 'subscription.service_added', data: { service: svc(S1, 'DRAFT'), actionId: A1, subscriptionState: 'INACTIVE' } },
        {
          type: 'subscription.action_scheduled',
          data: {
            actionId: A2,
            request: { scope: 'SERVICE', serviceId: S1, action: 'ACTIVATE', changeTo: null },
            scheduledDate: later.toISOString(),
            usedProposedDate: false,
          },
        },
      ]);
  });

  it('refuses no services, a bad quantity naming the item, a past start, and a churned subscription', () => {
    const base = { contactId: CONTACT, accountId: null, paymentMethodType: null, startAt: null, now: at };
    given()
      .when({ ...base, services: [] })
      .thenFails({ code: 'VALIDATION', field: 'services' });
    given()
      .when({ ...base, services: [{ ...one, quantity: 0 }] })
      .thenFails({ code: 'VALIDATION', field: 'services[0].quantity' });
    given()
      .when({ ...base, services: [one], startAt: at })
      .thenFails({ code: 'VALIDATION', field: 'scheduled_date' });
    given(opened, added(svc(S1, 'EFFECTIVE')), {
      type: 'subscription.service_state_changed',
      data: {
        serviceId: S1,
        action: 'CANCEL',
        from: 'EFFECTIVE',
        to: 'CANCELLED',
        actionId: A1,
        firstEffectiveAt: null,
        subscriptionState: 'CHURNED',
      },
    })
      .when({ ...base, services: [one] })
      .thenFails({ code: 'CONFLICT', reason: 'SUBSCRIPTION_CHURNED' });
  });
});

describe('scheduled service actions', () => {
  const change = spec<ChangeService>(changeService);
  const base: ChangeService = { actionId: A1, serviceId: S1, action: 'PAUSE', changeTo: null, when: { kind: 'AT', date: later }, now: at };

  it('a dated action is SCHEDULED, checked now, and changes nothing yet', () => {
    const state = change
      .given(opened, added(svc(S1, 'EFFECTIVE')))
      .when(base)
      .then([pauseLater]);
    assert.equal(state.services[0]!.state, 'EFFECTIVE');
    change
      .given(opened, added(svc(S1, 'EFFECTIVE')))
      .when({ ...base, action: 'RESUME' })
      .thenFails({ code: 'CONFLICT', reason: 'SERVICE_NOT_PAUSED' });
  });

  it('use_proposed_date schedules at the next billing date; a past date is refused naming scheduled_date', () => {
    const [event] = change
      .given(opened, added(svc(S1, 'EFFECTIVE')))
      .when({ ...base, when: { kind: 'PROPOSED' } })
      .events();
    assert.equal(event!.type, 'subscription.action_scheduled');
    assert.equal((event!.data as { scheduledDate: string }).scheduledDate, '2026-06-05T00:00:00.000Z');
    assert.equal((event!.data as { usedProposedDate: boolean }).usedProposedDate, true);
    change
      .given(opened, added(svc(S1, 'EFFECTIVE')))
      .when({ ...base, when: { kind: 'AT', date: at } })
      .thenFails({ code: 'VALIDATION', field: 'scheduled_date' });
  });

  it('proposedDate: this month when the billing day is still ahead, else next month', () => {
    assert.equal(proposedDate(15, at).toISOString(), '2026-05-15T00:00:00.000Z');
    assert.equal(proposedDate(10, at).toISOString(), '2026-06-10T00:00:00.000Z');
    assert.equal(proposedDate(5, new Date('2026-12-20T00:00:00Z')).toISOString(), '2027-01-05T00:00:00.000Z');
  });
});

describe('executeAction (the scheduler) and cancelAction', () => {
  const exec = spec<ExecuteAction>(executeAction);
  const cancel = spec<CancelAction>(cancelAction);

  it('executes a due action once: EXECUTED + the state change; a second run does nothing', () => {
    const state = exec
      .given(opened, added(svc(S1, 'EFFECTIVE')), pauseLater)
      .when({ actionId: A1, now: later })
      .then([
        {
          type: 'subscription.action_executed',
          data: { actionId: A1, request: { scope: 'SERVICE', serviceId: S1, action: 'PAUSE', changeTo: null }, scheduled: true },
        },
        {
          type: 'subscription.service_state_changed',
          data: {
            serviceId: S1,
            action: 'PAUSE',
            from: 'EFFECTIVE',
            to: 'PAUSED',
            actionId: A1,
            firstEffectiveAt: null,
            subscriptionState: 'INACTIVE',
          },
        },
      ]);
    assert.deepEqual(state.scheduled, []);
    assert.deepEqual(exec.from(state).when({ actionId: A1, now: later }).events(), []);
  });

  it('never runs early', () => {
    assert.deepEqual(
      exec
        .given(opened, added(svc(S1, 'EFFECTIVE')), pauseLater)
        .when({ actionId: A1, now: new Date(later.getTime() - 1) })
        .events(),
      [],
    );
  });

  it('rejects a due action no longer allowed, with the refusal as its reason', () => {
    exec
      .given(opened, added(svc(S1, 'EFFECTIVE')), pauseLater, {
        type: 'subscription.service_state_changed',
        data: {
          serviceId: S1,
          action: 'PAUSE',
          from: 'EFFECTIVE',
          to: 'PAUSED',
          actionId: A2,
          firstEffectiveAt: null,
          subscriptionState: 'INACTIVE',
        },
      })
      .when({ actionId: A1, now: later })
      .then([{ type: 'subscription.action_rejected', data: { actionId: A1, reason: 'SERVICE_ALREADY_PAUSED' } }]);
  });

  it('cancels a SCHEDULED action (it will not run); cancelling it again is ACTION_NOT_SCHEDULED', () => {
    const state = cancel
      .given(opened, added(svc(S1, 'EFFECTIVE')), pauseLater)
      .when({ actionId: A1 })
      .then([{ type: 'subscription.action_cancelled', data: { actionId: A1 } }]);
    cancel.from(state).when({ actionId: A1 }).thenFails({ code: 'CONFLICT', reason: 'ACTION_NOT_SCHEDULED' });
    assert.deepEqual(exec.from(state).when({ actionId: A1, now: later }).events(), []);
  });
});

describe('changeSubscription', () => {
  const { given } = spec<ChangeSubscription>(changeSubscription);
  const base: ChangeSubscription = {
    actionId: A1,
    subscriptionId: '00000000-0000-4000-8000-000000000999',
    action: 'CANCEL',
    billingDay: null,
    paymentMethodType: null,
    paymentMethodId: null,
    when: { kind: 'NOW' },
    now: at,
  };

  it('CANCEL cancels every live service and removes drafts: the subscription churns', () => {
    const events = given(opened, added(svc(S1, 'EFFECTIVE')), added(svc(S2, 'DRAFT')))
      .when(base)
      .events();
    assert.deepEqual(
      events.map((e) => (e.type === 'subscription.service_state_changed' ? `${e.data.serviceId}:${e.data.to}:${e.data.subscriptionState}` : e.type)),
      ['subscription.action_executed', `${S1}:CANCELLED:INACTIVE`, `${S2}:REMOVED:CHURNED`],
    );
    given(opened, added(svc(S1, 'EFFECTIVE', { contractEndsAt: '2027-01-01T00:00:00.000Z' })))
      .when(base)
      .thenFails({ code: 'CONFLICT', reason: 'SERVICE_IN_CONTRACT' });
  });

  it('CHANGE_BILLING_DAY needs the day; CHANGE_PAYMENT_METHOD keeps the billing day', () => {
    given(opened, added(svc(S1, 'EFFECTIVE')))
      .when({ ...base, action: 'CHANGE_BILLING_DAY' })
      .thenFails({ code: 'VALIDATION', field: 'billing_day.day_of_month' });
    const state = given(opened, added(svc(S1, 'EFFECTIVE')))
      .when({ ...base, action: 'CHANGE_PAYMENT_METHOD', paymentMethodType: 'WALLET' })
      .then([
        {
          type: 'subscription.action_executed',
          data: {
            actionId: A1,
            request: { scope: 'SUBSCRIPTION', action: 'CHANGE_PAYMENT_METHOD', billingDay: null, paymentMethodType: 'WALLET', paymentMethodId: null },
            scheduled: false,
          },
        },
        { type: 'subscription.terms_changed', data: { billingDay: 5, paymentMethodType: 'WALLET', paymentMethodId: null, actionId: A1 } },
      ]);
    assert.equal(state.paymentMethodType, 'WALLET');
  });
});
