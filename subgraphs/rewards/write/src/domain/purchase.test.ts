import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PURCHASE_AGGREGATE } from '@crm/event-bus/contracts/rewards';
import { deciderSpecification } from '@crm/platform/testing';
import { evolvePurchase, pendingSteps, type PurchaseChange, type PurchaseState } from './purchase';
import { awardKey, postPurchase, spendKey, type PostPurchase } from './post-purchase';
import { completeStep, type CompleteStep } from './complete-step';
import { cancelPurchase } from './cancel-purchase';
import { returnPurchase } from './return-purchase';
import { validateChange } from '../testing/fixtures';

const at = new Date('2026-01-07T12:00:00.000Z');
const P = 'p-1';
const spec = <C>(decide: (s: PurchaseState | null, c: C) => PurchaseChange[]) =>
  // the command handler gives the state its aggregate id; so does this evolve
  deciderSpecification<PurchaseState, PurchaseChange, C>({
    decide,
    evolve: (s, e, m) => ({ ...evolvePurchase(s, e, m), id: P }),
    at,
    validate: validateChange(PURCHASE_AGGREGATE, at),
  });

const post = (over: Partial<PostPurchase> = {}): PostPurchase => ({
  purchaseId: P,
  referenceNumber: 'P0000001',
  contactId: 'c-1',
  organisationId: null,
  currency: 'EUR',
  amounts: { total: '100.00', net: '100.00', tax: null, discount: null },
  classification: 'coffee',
  products: [],
  spend: { requested: '5.00', spent: '5.00', transactionId: 'tx-spend' },
  engine: {
    evaluations: [],
    resolutions: [],
    awards: [
      { offerId: 'o1', schemeId: 's1', amount: 1000n, currency: 'EUR', expiresAt: new Date('2026-02-06T12:00:00.000Z'), commercePoolId: null },
      { offerId: 'o2', schemeId: 's1', amount: 333n, currency: 'EUR', expiresAt: null, commercePoolId: 'pool' },
    ],
  },
  purchasedAt: at,
  ...over,
});
const posted = postPurchase(null, post())[0]!;
const done = (key: string, transactionId = `tx-${key}`): PurchaseChange => ({
  type: 'purchase.step_completed',
  data: { key, outcome: 'POSTED', transactionId },
});

describe('postPurchase', () => {
  const { given } = spec(postPurchase);
  it('posts the purchase with one AWARD step per award, keyed by purchase and offer', () => {
    const events = given().when(post()).events();
    assert.equal(events.length, 1);
    const data = (events[0] as Extract<PurchaseChange, { type: 'purchase.posted' }>).data;
    assert.deepEqual(
      data.steps.map((s) => [s.key, s.kind, s.amount, s.expiresAt, s.commercePoolId]),
      [
        [awardKey(P, 'o1'), 'AWARD', '10.00', '2026-02-06T12:00:00.000Z', null],
        [awardKey(P, 'o2'), 'AWARD', '3.33', null, 'pool'],
      ],
    );
    assert.equal(data.spend?.transactionId, 'tx-spend');
  });
  it('is posted once: a replay changes nothing', () => {
    given(posted).when(post()).then([]);
  });
});

describe('completeStep', () => {
  const { given } = spec((s, c: CompleteStep) => completeStep(s, c));
  it('records each step once; the purchase is no longer pending when all are done', () => {
    const first = given(posted)
      .when({ key: awardKey(P, 'o1'), outcome: 'POSTED', transactionId: 'tx-1' })
      .then([done(awardKey(P, 'o1'), 'tx-1')]);
    assert.equal(pendingSteps(first).length, 1);
    given(posted, done(awardKey(P, 'o1')))
      .when({ key: awardKey(P, 'o1'), outcome: 'POSTED', transactionId: 'other' })
      .then([]);
    const all = given(posted, done(awardKey(P, 'o1')))
      .when({ key: awardKey(P, 'o2'), outcome: 'POSTED', transactionId: 'tx-2' })
      .then([done(awardKey(P, 'o2'), 'tx-2')]);
    assert.equal(pendingSteps(all).length, 0);
  });
  it('refuses an unknown step and a posted step without its transaction', () => {
    given(posted).when({ key: 'nope', outcome: 'POSTED', transactionId: 'x' }).thenFails({ field: 'key' });
    given(posted)
      .when({ key: awardKey(P, 'o1'), outcome: 'POSTED', transactionId: null })
      .thenFails({ field: 'transactionId' });
  });
});

describe('cancelPurchase', () => {
  const { given } = spec((s: PurchaseState | null) => cancelPurchase(s));
  it('reverses every award and the spend, once', () => {
    const state = given(posted)
      .when(undefined)
      .then([
        {
          type: 'purchase.cancelled',
          data: {
            steps: [
              {
                key: `purchase:${P}:cancel:o1`,
                kind: 'REVERSE',
                offerId: 'o1',
                amount: '10.00',
                currency: 'EUR',
                commercePoolId: null,
                expiresAt: null,
                reverses: awardKey(P, 'o1'),
              },
              {
                key: `purchase:${P}:cancel:o2`,
                kind: 'REVERSE',
                offerId: 'o2',
                amount: '3.33',
                currency: 'EUR',
                commercePoolId: 'pool',
                expiresAt: null,
                reverses: awardKey(P, 'o2'),
              },
              {
                key: `purchase:${P}:cancel:spend`,
                kind: 'REVERSE',
                offerId: null,
                amount: '5.00',
                currency: 'EUR',
                commercePoolId: null,
                expiresAt: null,
                reverses: spendKey(P),
              },
            ],
          },
        },
      ]);
    assert.equal(state.state, 'CANCELLED');
    given(posted, { type: 'purchase.cancelled', data: { steps: [] } })
      .when(undefined)
      .then([]);
  });
  it('refuses a purchase with returns', () => {
    given(posted, { type: 'purchase.returned', data: { number: 1, net: '10.00', steps: [] } })
      .when(undefined)
      .thenFails({ reason: 'PURCHASE_CANCELLED' });
  });
});

describe('returnPurchase', () => {
  const { given } = spec(returnPurchase);
  it('claws back each award in proportion; several returns add up to the whole award exactly', () => {
    const first = given(posted).when({ net: '33.33' }).events()[0] as Extract<PurchaseChange, { type: 'purchase.returned' }>;
    assert.deepEqual(
      first.data.steps.map((s) => [s.key, s.amount]),
      [
        [`purchase:${P}:return:1:o1`, '3.33'],
        [`purchase:${P}:return:1:o2`, '1.10'],
      ],
    );
    const r1: PurchaseChange = first;
    const second = given(posted, r1).when({ net: '66.67' }).events()[0] as Extract<PurchaseChange, { type: 'purchase.returned' }>;
    assert.equal(second.data.number, 2);
    assert.deepEqual(
      second.data.steps.map((s) => s.amount),
      ['6.67', '2.23'],
    );
  });
  it('refuses more than is left, a zero amount, and a cancelled purchase', () => {
    given(posted).when({ net: '100.01' }).thenFails({ reason: 'RETURN_EXCEEDS_PURCHASE', field: 'transaction_amounts.net' });
    given(posted).when({ net: '0' }).thenFails({ field: 'transaction_amounts.net' });
    given(posted, { type: 'purchase.cancelled', data: { steps: [] } })
      .when({ net: '1' })
      .thenFails({ reason: 'PURCHASE_CANCELLED' });
  });
});
