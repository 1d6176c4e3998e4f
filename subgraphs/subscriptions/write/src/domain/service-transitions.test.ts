import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SERVICE_ACTIONS, SERVICE_STATES, type ServiceSnapshot } from '@crm/event-bus/contracts/subscriptions';
import { deciderSpecification } from '@crm/platform/testing';
import { changeService, type ChangeService } from './change-service';
import { evolve, type SubscriptionChange, type SubscriptionState } from './subscription';
import { SERVICE_TRANSITIONS } from './service-transitions';
import { validateChange } from './validate-change';

const at = new Date('2026-05-10T10:00:00.000Z');
const CONTACT = '00000000-0000-4000-8000-00000000c001';
const SERVICE = '00000000-0000-4000-8000-00000000a001';
const NEW_SERVICE = '00000000-0000-4000-8000-00000000a002';
const ACTION = '00000000-0000-4000-8000-00000000b001';

const { given } = deciderSpecification<SubscriptionState, SubscriptionChange, ChangeService>({
  decide: changeService,
  evolve,
  at,
  validate: (change, version) => validateChange(change, version, at),
});

const service = (state: ServiceSnapshot['state'], extra: Partial<ServiceSnapshot> = {}): ServiceSnapshot => ({
  id: SERVICE,
  productId: 'prod-1',
  priceTermsId: 'terms-1',
  quantity: 1,
  state,
  trialEndsAt: null,
  contractEndsAt: null,
  autoRenewal: 'OPT_IN',
  firstEffectiveAt: state === 'DRAFT' ? null : '2026-05-05T10:00:00.000Z',
  ...extra,
});

/** A subscription with one service in `state`. */
const history = (s: ServiceSnapshot): SubscriptionChange[] => [
  { type: 'subscription.created', data: { contactId: CONTACT, accountId: null, paymentMethodType: 'CARD', billingDay: 5 } },
  { type: 'subscription.service_added', data: { service: s, actionId: '00000000-0000-4000-8000-00000000b000', subscriptionState: 'INACTIVE' } },
];

const changeTo = { serviceId: NEW_SERVICE, productId: 'prod-2', priceTermsId: 'terms-2', quantity: 2 };
const now = (action: ChangeService['action']): ChangeService => ({
  actionId: ACTION,
  serviceId: SERVICE,
  action,
  changeTo: action === 'CHANGE' ? changeTo : null,
  when: { kind: 'NOW' },
  now: at,
});

/**
 * The expected machine, written out independently of the implementation's table:
 * `→STATE` allowed (the state it moves to), otherwise the refusal reason.
 */
const EXPECTED: Record<string, Record<string, string>> = {
  DRAFT: {
    ACTIVATE: '→EFFECTIVE',
    DEACTIVATE: 'SERVICE_NOT_EFFECTIVE',
    PAUSE: 'SERVICE_NOT_EFFECTIVE',
    RESUME: 'SERVICE_NOT_PAUSED',
    CANCEL: 'SERVICE_IS_DRAFT',
    REGRET: 'SERVICE_IS_DRAFT',
    CHANGE: 'SERVICE_NOT_EFFECTIVE',
    REMOVE: '→REMOVED',
  },
  EFFECTIVE: {
    ACTIVATE: 'SERVICE_ALREADY_EFFECTIVE',
    DEACTIVATE: '→NOT_EFFECTIVE',
    PAUSE: '→PAUSED',
    RESUME: 'SERVICE_NOT_PAUSED',
    CANCEL: '→CANCELLED',
    REGRET: '→REGRETTED',
    CHANGE: '→SWAPPED',
    REMOVE: 'SERVICE_NOT_DRAFT',
  },
  PAUSED: {
    ACTIVATE: 'SERVICE_PAUSED',
    DEACTIVATE: '→NOT_EFFECTIVE',
    PAUSE: 'SERVICE_ALREADY_PAUSED',
    RESUME: '→EFFECTIVE',
    CANCEL: '→CANCELLED',
    REGRET: '→REGRETTED',
    CHANGE: 'SERVICE_NOT_EFFECTIVE',
    REMOVE: 'SERVICE_NOT_DRAFT',
  },
  NOT_EFFECTIVE: {
    ACTIVATE: '→EFFECTIVE',
    DEACTIVATE: 'SERVICE_ALREADY_NOT_EFFECTIVE',
    PAUSE: 'SERVICE_NOT_EFFECTIVE',
    RESUME: 'SERVICE_NOT_PAUSED',
    CANCEL: '→CANCELLED',
    REGRET: '→REGRETTED',
    CHANGE: 'SERVICE_NOT_EFFECTIVE',
    REMOVE: 'SERVICE_NOT_DRAFT',
  },
};
for (const terminal of ['CANCELLED', 'REGRETTED', 'SWAPPED', 'REMOVED'])
  EXPECTED[terminal] = Object.fromEntries(SERVICE_ACTIONS.map((a) => [a, 'SERVICE_TERMINATED']));

/** The subscription state one service in `state` makes (NOTES §4.7). */
const SUBSCRIPTION_STATE_OF: Record<string, string> = {
  DRAFT: 'INACTIVE',
  EFFECTIVE: 'ACTIVE',
  PAUSED: 'INACTIVE',
  NOT_EFFECTIVE: 'INACTIVE',
  CANCELLED: 'CHURNED',
  REGRETTED: 'CHURNED',
  REMOVED: 'CHURNED',
};

describe('service state machine: every (state, action) pair', () => {
  it('the implementation table covers exactly the 8 states × 8 actions', () => {
    assert.deepEqual(Object.keys(SERVICE_TRANSITIONS).sort(), [...SERVICE_STATES].sort());
    for (const s of SERVICE_STATES) assert.deepEqual(Object.keys(SERVICE_TRANSITIONS[s]).sort(), [...SERVICE_ACTIONS].sort());
  });

  for (const from of SERVICE_STATES) {
    for (const action of SERVICE_ACTIONS) {
      const expected = EXPECTED[from]![action]!;
      if (expected.startsWith('→')) {
        const to = expected.slice(1) as ServiceSnapshot['state'];
        it(`${from} + ${action} → ${to}`, () => {
          const executed: SubscriptionChange = {
            type: 'subscription.action_executed',
            data: {
              actionId: ACTION,
              request: { scope: 'SERVICE', serviceId: SERVICE, action, changeTo: action === 'CHANGE' ? changeTo : null },
              scheduled: false,
            },
          };
          const firstEffectiveAt = to === 'EFFECTIVE' && from === 'DRAFT' ? at.toISOString() : null;
          if (action === 'CHANGE') {
            const state = given(...history(service(from)))
              .when(now(action))
              .then([
                executed,
                {
                  type: 'subscription.service_added',
                  data: {
                    service: {
                      ...service('EFFECTIVE'),
                      id: NEW_SERVICE,
                      productId: 'prod-2',
                      priceTermsId: 'terms-2',
                      quantity: 2,
                      firstEffectiveAt: at.toISOString(),
                    },
                    actionId: ACTION,
                    subscriptionState: 'ACTIVE',
                  },
                },
                {
                  type: 'subscription.service_state_changed',
                  data: { serviceId: SERVICE, action, from, to, actionId: ACTION, firstEffectiveAt: null, subscriptionState: 'ACTIVE' },
                },
              ]);
            assert.equal(state.state, 'ACTIVE');
            return;
          }
          const state = given(...history(service(from)))
            .when(now(action))
            .then([
              executed,
              {
                type: 'subscription.service_state_changed',
                data: {
                  serviceId: SERVICE,
                  action,
                  from,
                  to,
                  actionId: ACTION,
                  firstEffectiveAt,
                  subscriptionState: SUBSCRIPTION_STATE_OF[to] as never,
                },
              },
            ]);
          assert.equal(state.services[0]!.state, to);
          assert.equal(state.state, SUBSCRIPTION_STATE_OF[to]);
        });
      } else {
        it(`${from} + ${action} is refused: ${expected}`, () => {
          given(...history(service(from)))
            .when(now(action))
            .thenFails({ code: 'CONFLICT', reason: expected });
        });
      }
    }
  }
});

describe('service guards beyond the table', () => {
  it('REGRET inside the 14-day window regrets; after it is refused with REGRET_WINDOW_CLOSED', () => {
    const inside = service('EFFECTIVE', { firstEffectiveAt: new Date(at.getTime() - 13 * 86_400_000).toISOString() });
    assert.equal(
      given(...history(inside))
        .when(now('REGRET'))
        .events().length,
      2,
    );
    const outside = service('EFFECTIVE', { firstEffectiveAt: new Date(at.getTime() - 15 * 86_400_000).toISOString() });
    given(...history(outside))
      .when(now('REGRET'))
      .thenFails({ code: 'CONFLICT', reason: 'REGRET_WINDOW_CLOSED' });
  });

  it('CANCEL in contract is refused with SERVICE_IN_CONTRACT; after the contract end it cancels', () => {
    const inContract = service('EFFECTIVE', { contractEndsAt: '2026-06-01T00:00:00.000Z' });
    given(...history(inContract))
      .when(now('CANCEL'))
      .thenFails({ code: 'CONFLICT', reason: 'SERVICE_IN_CONTRACT' });
    const ended = service('EFFECTIVE', { contractEndsAt: '2026-05-01T00:00:00.000Z' });
    assert.equal(
      given(...history(ended))
        .when(now('CANCEL'))
        .events().length,
      2,
    );
  });

  it('CHANGE without the service to change to names change_to_service; an unknown service is SERVICE_NOT_FOUND', () => {
    given(...history(service('EFFECTIVE')))
      .when({ ...now('CHANGE'), changeTo: null })
      .thenFails({ code: 'VALIDATION', field: 'change_to_service' });
    given(...history(service('EFFECTIVE')))
      .when({ ...now('PAUSE'), serviceId: NEW_SERVICE })
      .thenFails({ code: 'NOT_FOUND', reason: 'SERVICE_NOT_FOUND' });
  });
});
