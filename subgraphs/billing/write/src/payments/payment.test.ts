import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PAYMENT_AGGREGATE, PAYOUT_AGGREGATE } from '@crm/event-bus/contracts/billing';
import { validateAs } from '../domain/billing-test-kit';
import {
  evolvePayment,
  planRefund,
  postPayment,
  recordPaymentCharge,
  recordRefund,
  requestPayment,
  type PaymentChange,
  type PaymentState,
} from './payment';
import { evolvePayout, failPayout, recordPayoutDebit, recordPayoutPaid, requestPayout, type PayoutChange, type PayoutState } from './payout';

const at = new Date('2026-05-01T10:00:00.000Z');
const CONTACT = '00000000-0000-4000-8000-00000000c001';
const ACCOUNT = '00000000-0000-4000-8000-00000000a001';
const METHOD = '00000000-0000-4000-8000-00000000b001';
const TX = '00000000-0000-4000-8000-00000000d001';
const TX2 = '00000000-0000-4000-8000-00000000d002';
const R1 = '00000000-0000-4000-8000-00000000e001';
const R2 = '00000000-0000-4000-8000-00000000e002';

/** Given events, when a decision, then events (each valid against its contract) and the state they fold into. */
function foldPayment(changes: PaymentChange[], from: PaymentState | null = null): PaymentState {
  let s = from;
  for (const c of changes) {
    const version = (s?.version ?? 0) + 1;
    validateAs(PAYMENT_AGGREGATE)(c, version);
    s = evolvePayment(s ? s : ({ id: 'p1' } as PaymentState), c, { version, at });
  }
  return s!;
}
function foldPayout(changes: PayoutChange[], from: PayoutState | null = null): PayoutState {
  let s = from;
  for (const c of changes) {
    const version = (s?.version ?? 0) + 1;
    validateAs(PAYOUT_AGGREGATE)(c, version);
    s = evolvePayout(s ? s : ({ id: 'po1' } as PayoutState), c, { version, at });
  }
  return s!;
}

const request = (amount = '25.50', extra: Partial<Parameters<typeof requestPayment>[1]> = {}) =>
  requestPayment(null, {
    contactId: CONTACT,
    accountId: ACCOUNT,
    paymentMethodId: METHOD,
    token: 'tok_visa',
    gateway: 'TEST',
    amount,
    currency: 'EUR',
    code: '0000000000000001',
    notes: null,
    intentId: null,
    ...extra,
  });

const posted = (amount = '30') => {
  let s = foldPayment(request(amount));
  s = foldPayment(recordPaymentCharge(s, { kind: 'succeeded', chargeId: 'ch_1' }), s);
  return foldPayment(postPayment(s, TX), s);
};

describe('payments (pure deciders)', () => {
  it('a payment is requested in canonical decimals, charged, then posted once', () => {
    let s = foldPayment(request('25.5'));
    assert.deepEqual([s.status, s.amount], ['REQUESTED', '25.50']);
    s = foldPayment(recordPaymentCharge(s, { kind: 'succeeded', chargeId: 'ch_1' }), s);
    assert.equal(s.status, 'CHARGED');
    assert.deepEqual(recordPaymentCharge(s, { kind: 'succeeded', chargeId: 'ch_1' }), [], 'the same answer again changes nothing');
    s = foldPayment(postPayment(s, TX), s);
    assert.deepEqual([s.status, s.ledgerTransactionId], ['POSTED', TX]);
    assert.deepEqual(postPayment(s, TX), [], 'posted once');
  });

  it('refuses amounts not exact to the minor unit, zero, and a direct charge without a token', () => {
    assert.throws(() => request('1.234'), /decimals/);
    assert.throws(() => request('0'), /greater than zero/);
    assert.throws(() => request('5', { token: null }), /no gateway token/);
    assert.doesNotThrow(() => request('5', { token: null, intentId: 'pi_1' }), 'an intent the gateway settled needs no token');
  });

  it('a declined charge moves nothing and cannot be posted', () => {
    let s = foldPayment(request());
    s = foldPayment(recordPaymentCharge(s, { kind: 'declined', code: 'card_declined', reason: 'Your card was declined.' }), s);
    assert.equal(s.status, 'DECLINED');
    assert.throws(() => postPayment(s, TX), /DECLINED payment cannot be posted/);
    assert.throws(() => planRefund(s, { amount: null, void: false }), /cannot be refunded/);
  });

  it('refunds: part, then what is left; never more than was paid; each refund id once', () => {
    let s = posted('30');
    assert.equal(planRefund(s, { amount: '10', void: false }), '10.00');
    s = foldPayment(
      recordRefund(s, { refundId: R1, gatewayRefundId: 're_1', amount: '10.00', ledgerTransactionId: TX2, void: false, notes: null }),
      s,
    );
    assert.deepEqual(
      recordRefund(s, { refundId: R1, gatewayRefundId: 're_1', amount: '10.00', ledgerTransactionId: TX2, void: false, notes: null }),
      [],
      'the same refund again changes nothing',
    );
    assert.equal(s.status, 'REFUNDED');
    assert.throws(() => planRefund(s, { amount: '20.01', void: false }), /exceeds what is left to refund \(20\.00 EUR\)/);
    assert.throws(() => planRefund(s, { amount: null, void: true }), /partly refunded payment cannot be voided/);
    assert.equal(planRefund(s, { amount: null, void: false }), '20.00');
    s = foldPayment(
      recordRefund(s, { refundId: R2, gatewayRefundId: 're_2', amount: '20.00', ledgerTransactionId: TX2, void: false, notes: null }),
      s,
    );
    assert.throws(() => planRefund(s, { amount: '0.01', void: false }), /refunded in full/);
  });

  it('a void refunds the whole payment once', () => {
    let s = posted('7');
    assert.equal(planRefund(s, { amount: null, void: true }), '7.00');
    s = foldPayment(
      recordRefund(s, { refundId: R1, gatewayRefundId: 're_1', amount: '7.00', ledgerTransactionId: TX2, void: true, notes: 'mistake' }),
      s,
    );
    assert.equal(s.status, 'VOIDED');
    assert.throws(() => planRefund(s, { amount: null, void: true }), /voided already/);
  });
});

describe('payouts (pure deciders)', () => {
  const open = () =>
    foldPayout(
      requestPayout(null, {
        contactId: CONTACT,
        walletId: ACCOUNT,
        paymentMethodId: METHOD,
        token: 'tok_visa',
        gateway: 'TEST',
        amount: '20',
        currency: 'EUR',
        notes: null,
      }),
    );

  it('debited once, then paid once', () => {
    let s = open();
    assert.deepEqual([s.status, s.amount], ['REQUESTED', '20.00']);
    s = foldPayout(recordPayoutDebit(s, TX), s);
    assert.deepEqual(recordPayoutDebit(s, TX), [], 'the same debit again changes nothing');
    s = foldPayout(recordPayoutPaid(s, 'po_1'), s);
    assert.equal(s.status, 'PAID');
    assert.throws(() => failPayout(s, { code: 'x', reason: 'y', reversalTransactionId: TX2 }), /PAID payout cannot fail/);
  });

  it('fails after the debit only with the debit reversed', () => {
    let s = foldPayout(recordPayoutDebit(open(), TX), open());
    assert.throws(() => failPayout(s, { code: 'payout_declined', reason: 'no', reversalTransactionId: null }), /only with its debit reversed/);
    s = foldPayout(failPayout(s, { code: 'payout_declined', reason: 'no', reversalTransactionId: TX2 }), s);
    assert.deepEqual([s.status, s.reversalTransactionId], ['FAILED', TX2]);
    assert.throws(() => recordPayoutPaid(s, 'po_1'), /FAILED payout cannot be paid/);
  });

  it('refuses a method without a token before anything moves', () => {
    assert.throws(
      () =>
        requestPayout(null, {
          contactId: CONTACT,
          walletId: ACCOUNT,
          paymentMethodId: METHOD,
          token: null,
          gateway: 'TEST',
          amount: '20',
          currency: 'EUR',
          notes: null,
        }),
      /no gateway token/,
    );
  });
});
