import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { projectPaymentMethods, type PaymentMethodData } from './payment-method-view.projection';

const contact = '00000000-0000-4000-8000-00000000c001';
const A = '00000000-0000-4000-8000-0000000000a1';
const B = '00000000-0000-4000-8000-0000000000b2';
const occurredAt = '2026-05-01T10:00:00.000Z';
const method = (id: string): PaymentMethodData => ({
  id,
  type: 'CARD',
  name: null,
  notes: null,
  card: {
    name: null,
    first6: '424242',
    last4: '4242',
    brand: 'VISA',
    fundingType: null,
    expirationMonth: 12,
    expirationYear: 2030,
    holderName: null,
  },
  accountDebit: null,
  wallet: null,
  gatewayTokens: [{ gateway: 'TEST', token: 'tok_visa' }],
});

describe('payment methods view projection', () => {
  it('folds added, primary set, updated and removed into the contact’s list with its primary', () => {
    const at = (v: number) => ({ aggregateId: contact, aggregateVersion: v, occurredAt });
    let view = projectPaymentMethods(null, {
      type: 'payment_method.added',
      data: { contactId: contact, method: method(A), primary: true },
      ...at(1),
    });
    view = projectPaymentMethods(view, { type: 'payment_method.added', data: { contactId: contact, method: method(B), primary: false }, ...at(2) });
    assert.deepEqual([view.methods.map((m) => m.id), view.primaryId, view.version], [[A, B], A, 2]);
    view = projectPaymentMethods(view, { type: 'payment_method.primary_set', data: { contactId: contact, paymentMethodId: B }, ...at(3) });
    view = projectPaymentMethods(view, {
      type: 'payment_method.updated',
      data: { contactId: contact, method: { ...method(A), name: 'Old card' } },
      ...at(4),
    });
    assert.equal(view.primaryId, B);
    assert.equal(view.methods[0]!.name, 'Old card');
    view = projectPaymentMethods(view, { type: 'payment_method.removed', data: { contactId: contact, paymentMethodId: B }, ...at(5) });
    view = projectPaymentMethods(view, { type: 'payment_method.primary_set', data: { contactId: contact, paymentMethodId: A }, ...at(6) });
    assert.deepEqual([view.contactId, view.methods.map((m) => m.id), view.primaryId, view.version], [contact, [A], A, 6]);
  });
});
