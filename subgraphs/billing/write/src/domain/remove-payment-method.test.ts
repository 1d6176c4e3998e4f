import { describe, it } from 'node:test';
import { removePaymentMethod, type RemovePaymentMethod } from './remove-payment-method';
import { added, CONTACT, paymentMethodsSpec } from './billing-test-kit';

const A = '00000000-0000-4000-8000-0000000000a1';
const B = '00000000-0000-4000-8000-0000000000b2';
const C = '00000000-0000-4000-8000-0000000000c3';
const { given } = paymentMethodsSpec<RemovePaymentMethod>(removePaymentMethod);

describe('removePaymentMethod', () => {
  it('removing the primary makes the oldest remaining method primary', () => {
    const state = given(added(A, true), added(B, false), added(C, false))
      .when({ contactId: CONTACT, paymentMethodId: A })
      .then([
        { type: 'payment_method.removed', data: { contactId: CONTACT, paymentMethodId: A } },
        { type: 'payment_method.primary_set', data: { contactId: CONTACT, paymentMethodId: B } },
      ]);
    if (state.primaryId !== B || state.methods.length !== 2) throw new Error(`unexpected state ${JSON.stringify(state)}`);
  });

  it('removing another method keeps the primary; the last one leaves none', () => {
    given(added(A, true), added(B, false))
      .when({ contactId: CONTACT, paymentMethodId: B })
      .then([{ type: 'payment_method.removed', data: { contactId: CONTACT, paymentMethodId: B } }]);
    given(added(A, true))
      .when({ contactId: CONTACT, paymentMethodId: A })
      .then([{ type: 'payment_method.removed', data: { contactId: CONTACT, paymentMethodId: A } }]);
  });

  it('an unknown method is not found', () => {
    given(added(A, true)).when({ contactId: CONTACT, paymentMethodId: B }).thenFails({ code: 'NOT_FOUND', reason: 'PAYMENT_METHOD_NOT_FOUND' });
  });
});
