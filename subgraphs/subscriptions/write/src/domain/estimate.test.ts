import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ServiceSnapshot } from '@crm/event-bus/contracts/subscriptions';
import { estimate } from './estimate';
import { evolve, type SubscriptionChange, type SubscriptionState } from './subscription';

const at = new Date('2026-05-10T10:00:00.000Z');
const S1 = '00000000-0000-4000-8000-00000000a001';
const service = (state: ServiceSnapshot['state']): ServiceSnapshot => ({
  id: S1,
  productId: 'prod-1',
  priceTermsId: null,
  quantity: 1,
  state,
  trialEndsAt: null,
  contractEndsAt: null,
  autoRenewal: 'OPT_IN',
  firstEffectiveAt: at.toISOString(),
});
const withService = (state: ServiceSnapshot['state']): SubscriptionState =>
  (
    [
      {
        type: 'subscription.created',
        data: { contactId: '00000000-0000-4000-8000-00000000c001', accountId: null, paymentMethodType: null, billingDay: 20 },
      },
      {
        type: 'subscription.service_added',
        data: { service: service(state), actionId: '00000000-0000-4000-8000-00000000b000', subscriptionState: 'ACTIVE' },
      },
    ] as SubscriptionChange[]
  ).reduce<SubscriptionState | null>((s, e, i) => evolve(s, e, { version: i + 1, at }), null)!;

describe('service delivery estimate (a dry run of the same deciders)', () => {
  const base = { serviceIds: [S1], changeTo: null, scheduledDate: null, now: at };

  it('allows what the action allows, with the state it leads to and the next billing date', () => {
    const e = estimate(withService('EFFECTIVE'), { ...base, action: 'PAUSE' });
    assert.deepEqual([e.allowed, e.services[0]!.state, e.nextBillingAt?.toISOString()], [true, 'PAUSED', '2026-05-20T00:00:00.000Z']);
    assert.equal(
      estimate(withService('EFFECTIVE'), { ...base, action: 'DOWNGRADE', changeTo: { productId: 'p2', priceTermsId: null, quantity: 1 } })
        .services[0]!.state,
      'SWAPPED',
    );
    assert.equal(estimate(withService('PAUSED'), { ...base, action: 'RESUME' }).services[0]!.state, 'EFFECTIVE');
  });

  it('refuses what the action refuses, naming the reason, without throwing', () => {
    const e = estimate(withService('EFFECTIVE'), { ...base, action: 'RESUME' });
    assert.deepEqual([e.allowed, e.refusal, e.services[0]!.state], [false, 'SERVICE_NOT_PAUSED', 'EFFECTIVE']);
    assert.equal(estimate(withService('CANCELLED'), { ...base, action: 'CANCEL' }).refusal, 'SERVICE_TERMINATED');
  });

  it('NEW needs no subscription; a past scheduled date and a CHANGE without its target are 400s', () => {
    const e = estimate(null, { ...base, serviceIds: [], action: 'NEW', scheduledDate: new Date('2026-06-01T00:00:00Z') });
    assert.deepEqual([e.allowed, e.executionOn.toISOString()], [true, '2026-06-01T00:00:00.000Z']);
    assert.throws(() => estimate(null, { ...base, action: 'NEW', scheduledDate: at }), { code: 'VALIDATION', field: 'scheduled_date' });
    assert.throws(() => estimate(withService('EFFECTIVE'), { ...base, action: 'UPGRADE' }), { code: 'VALIDATION' });
  });
});
