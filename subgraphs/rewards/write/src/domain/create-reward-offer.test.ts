import { describe, it } from 'node:test';
import { REWARD_OFFER_AGGREGATE } from '@crm/event-bus/contracts/rewards';
import { deciderSpecification } from '@crm/platform/testing';
import { createRewardOffer, setRewardOfferState, type CreateRewardOffer } from './create-reward-offer';
import { evolveRewardOffer, type RewardOfferChange, type RewardOfferState } from './reward-offer';
import type { RewardSchemeState } from './reward-scheme';
import { offer, SCHEME_ID, validateChange } from '../testing/fixtures';

const at = new Date('2026-01-01T10:00:00.000Z');
const spec = <C>(decide: (s: RewardOfferState | null, c: C) => RewardOfferChange[]) =>
  deciderSpecification<RewardOfferState, RewardOfferChange, C>({
    decide,
    evolve: evolveRewardOffer,
    at,
    validate: validateChange(REWARD_OFFER_AGGREGATE, at),
  });

const scheme = { id: SCHEME_ID } as RewardSchemeState;
const definition = (): CreateRewardOffer => {
  const { id: _id, version: _v, state: _s, createdAt: _c, updatedAt: _u, ...d } = offer();
  return d;
};

describe('createRewardOffer', () => {
  const { given } = spec((s, c: CreateRewardOffer) => createRewardOffer(s, scheme, c));
  it('creates the offer (INACTIVE on creation)', () => {
    given()
      .when(definition())
      .then([{ type: 'reward_offer.created', data: definition() }]);
  });
  it('refuses bad definitions, naming the field (table)', () => {
    const bad: [Partial<CreateRewardOffer>, string][] = [
      [{ name: ' ' }, 'name'],
      [{ currency: 'EURO' }, 'currency'],
      [{ type: 'CASHBACK' as never }, 'type'],
      [{ goal: 'FUN' as never }, 'goal'],
      [{ priority: -1 }, 'priority'],
      [{ conditions: { ...definition().conditions, minAmount: '1.234' } }, 'conditions.minAmount'],
      [{ conditions: { ...definition().conditions, daysOfWeek: ['FUNDAY' as never] } }, 'conditions.daysOfWeek.0'],
      [{ conditions: { ...definition().conditions, timeWindows: [{ from: '25:00', to: '01:00' }] } }, 'conditions.timeWindows.0.from'],
      [{ conditions: { ...definition().conditions, timeZone: 'Mars/Base' } }, 'conditions.timeZone'],
      [{ award: { ...definition().award, method: 'PERCENT', percent: null } }, 'award.percent'],
      [{ award: { ...definition().award, method: 'PERCENT', percent: '120' } }, 'award.percent'],
      [{ award: { ...definition().award, amount: null } }, 'award.amount'],
      [{ award: { ...definition().award, amount: '0' } }, 'award.amount'],
      [{ award: { ...definition().award, method: 'PER_PRODUCT' } }, 'award.productSkus'],
      [{ caps: { perPurchase: '0', perContact: null } }, 'caps.perPurchase'],
      [{ validityDays: 0 }, 'validityDays'],
    ];
    for (const [over, field] of bad)
      given()
        .when({ ...definition(), ...over })
        .thenFails({ code: 'VALIDATION', field });
  });
  it('refuses an unknown scheme', () => {
    spec((s, c: CreateRewardOffer) => createRewardOffer(s, null, c))
      .given()
      .when(definition())
      .thenFails({ field: 'schemeId' });
  });
});

describe('setRewardOfferState', () => {
  const { given } = spec(setRewardOfferState);
  const created: RewardOfferChange = { type: 'reward_offer.created', data: definition() };
  it('turns an offer on and off; no event when unchanged', () => {
    given(created)
      .when('ACTIVE')
      .then([{ type: 'reward_offer.state_changed', data: { state: 'ACTIVE' } }]);
    given(created).when('INACTIVE').then([]);
    given(created).when('ON').thenFails({ field: 'state' });
  });
});
