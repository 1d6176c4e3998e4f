import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TOPUP_AGGREGATE } from '@crm/event-bus/contracts/billing';
import { requestTopup, type RequestTopup } from './request-topup';
import { recordCharge, type ChargeOutcome } from './record-charge';
import { completeTopup } from './complete-topup';
import { evolveTopup, type TopupChange, type TopupState } from './topup';
import { at, cardMethod, CONTACT, deciderSpecification, validateAs } from './billing-test-kit';

const M = '00000000-0000-4000-8000-0000000000a1';
const W = '00000000-0000-4000-8000-0000000000f1';
const TX = '00000000-0000-4000-8000-0000000000e1';
const spec = <C>(decide: (s: TopupState | null, c: C) => TopupChange[]) =>
  deciderSpecification<TopupState, TopupChange, C>({ decide, evolve: evolveTopup, at, validate: validateAs(TOPUP_AGGREGATE) });
const request = (extra: Partial<RequestTopup> = {}): RequestTopup => ({
  contactId: CONTACT,
  walletId: W,
  method: cardMethod(M),
  paymentMethodId: M,
  amount: '25.5',
  currency: 'EUR',
  notes: null,
  gateway: 'TEST',
  ...extra,
});
const requested: TopupChange = {
  type: 'topup.requested',
  data: { contactId: CONTACT, walletId: W, paymentMethodId: M, gateway: 'TEST', amount: '25.50', currency: 'EUR', notes: null },
};

describe('requestTopup', () => {
  const { given } = spec(requestTopup);
  it('opens a top-up with the amount exact to the currency’s minor unit', () => {
    given().when(request()).then([requested]);
    given()
      .when(request({ amount: '1000', currency: 'JPY' }))
      .then([{ ...requested, data: { ...requested.data, amount: '1000', currency: 'JPY' } } as TopupChange]);
  });
  it('refuses amounts that are not positive or too precise, and a method the contact does not hold', () => {
    given()
      .when(request({ amount: '0' }))
      .thenFails({ field: 'amount', reason: 'INVALID_AMOUNT' });
    given()
      .when(request({ amount: '1.005' }))
      .thenFails({ field: 'amount', reason: 'INVALID_AMOUNT' });
    given()
      .when(request({ amount: '1.5', currency: 'JPY' }))
      .thenFails({ field: 'amount', reason: 'INVALID_AMOUNT' });
    given()
      .when(request({ method: null }))
      .thenFails({ code: 'NOT_FOUND', reason: 'PAYMENT_METHOD_NOT_FOUND' });
    given()
      .when(request({ method: { ...cardMethod(M), gatewayTokens: [] } }))
      .thenFails({ field: 'payment_method.id', reason: 'PAYMENT_METHOD_NOT_USABLE' });
  });
});

describe('recordCharge', () => {
  const { given } = spec<ChargeOutcome>(recordCharge);
  it('records a successful charge once; the same answer again changes nothing', () => {
    given(requested)
      .when({ kind: 'succeeded', chargeId: 'ch_1' })
      .then([{ type: 'topup.charged', data: { chargeId: 'ch_1' } }]);
    given(requested, { type: 'topup.charged', data: { chargeId: 'ch_1' } })
      .when({ kind: 'succeeded', chargeId: 'ch_1' })
      .then([]);
  });
  it('records a decline with the gateway’s reason; a different answer after one is a conflict', () => {
    given(requested)
      .when({ kind: 'declined', code: 'card_declined', reason: 'Your card was declined.' })
      .then([{ type: 'topup.declined', data: { code: 'card_declined', reason: 'Your card was declined.' } }]);
    given(requested, { type: 'topup.charged', data: { chargeId: 'ch_1' } })
      .when({ kind: 'succeeded', chargeId: 'ch_2' })
      .thenFails({ code: 'CONFLICT', reason: 'TOPUP_STATE' });
  });
});

describe('completeTopup', () => {
  const { given } = spec<string>(completeTopup);
  it('a charged top-up is completed once by its ledger transaction', () => {
    const s = given(requested, { type: 'topup.charged', data: { chargeId: 'ch_1' } })
      .when(TX)
      .then([{ type: 'topup.completed', data: { ledgerTransactionId: TX } }]);
    assert.equal(s.status, 'COMPLETED');
    given(requested, { type: 'topup.charged', data: { chargeId: 'ch_1' } }, { type: 'topup.completed', data: { ledgerTransactionId: TX } })
      .when(TX)
      .then([]);
  });
  it('a declined or uncharged top-up is never credited', () => {
    given(requested).when(TX).thenFails({ code: 'CONFLICT', reason: 'TOPUP_STATE' });
    given(requested, { type: 'topup.declined', data: { code: 'card_declined', reason: 'x' } })
      .when(TX)
      .thenFails({ code: 'CONFLICT', reason: 'TOPUP_STATE' });
  });
});
