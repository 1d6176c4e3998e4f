import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createEstimate, type CreateEstimate } from './create-estimate';
import { ACCOUNT, at, CONTACT, estimateCreated, estimateSpec, priced, RESERVATION, WALLET } from './test-kit';
const cmd = (over: Partial<CreateEstimate> = {}): CreateEstimate => ({
  contactId: CONTACT,
  accountId: ACCOUNT,
  supplyMethod: 'PICK_UP',
  deliveryMethod: null,
  paymentMethodType: 'CRM_WALLET',
  fulfilledBy: null,
  addressId: null,
  notes: null,
  priced,
  wallet: { walletId: WALLET, reservationId: RESERVATION, amount: '6.00' },
  ttlMs: 15 * 60_000,
  ...over,
});
const { given } = estimateSpec((state, c: CreateEstimate) => createEstimate(state, c, at));

describe('createEstimate', () => {
  it('records the priced order and the wallet funds reserved for it, expiring after the TTL', () => {
    const state = given()
      .when(cmd())
      .then([estimateCreated('6.00')]);
    assert.equal(state.expiresAt.toISOString(), '2026-05-01T10:15:00.000Z');
    assert.equal(state.totals.total, '10.00');
    assert.equal(state.orderId, null);
  });

  it('refuses a DELIVERY without an address, wallet funds over the total, and a second create', () => {
    given()
      .when(cmd({ supplyMethod: 'DELIVERY' }))
      .thenFails({ code: 'VALIDATION', field: 'addressId', reason: 'REQUIRED' });
    given()
      .when(cmd({ wallet: { walletId: WALLET, reservationId: RESERVATION, amount: '10.01' } }))
      .thenFails({ code: 'VALIDATION', field: 'walletFundsAmount' });
    given(estimateCreated()).when(cmd()).thenFails({ code: 'CONFLICT', reason: 'ORDER_ESTIMATE_EXISTS' });
  });
});
