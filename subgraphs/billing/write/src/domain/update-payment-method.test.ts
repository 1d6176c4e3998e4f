import { describe, it } from 'node:test';
import { updatePaymentMethod, type UpdatePaymentMethod } from './update-payment-method';
import { added, at, cardMethod, CONTACT, paymentMethodsSpec } from './billing-test-kit';

const A = '00000000-0000-4000-8000-0000000000a1';
const B = '00000000-0000-4000-8000-0000000000b2';
const { given } = paymentMethodsSpec<UpdatePaymentMethod>((s, c) => updatePaymentMethod(s, c, at));

describe('updatePaymentMethod', () => {
  it('changes the name and a card’s expiry', () => {
    const m = cardMethod(A);
    given(added(A, true))
      .when({ contactId: CONTACT, paymentMethodId: A, name: 'Work card', expirationMonth: 1, expirationYear: 2032 })
      .then([
        {
          type: 'payment_method.updated',
          data: { contactId: CONTACT, method: { ...m, name: 'Work card', card: { ...m.card!, expirationMonth: 1, expirationYear: 2032 } } },
        },
      ]);
  });

  it('makes a method primary once; asking again changes nothing', () => {
    given(added(A, true), added(B, false))
      .when({ contactId: CONTACT, paymentMethodId: B, primary: true })
      .then([{ type: 'payment_method.primary_set', data: { contactId: CONTACT, paymentMethodId: B } }]);
    given(added(A, true)).when({ contactId: CONTACT, paymentMethodId: A, primary: true }).then([]);
  });

  it('refuses an unknown method, a past expiry and a card number in the name', () => {
    given(added(A, true)).when({ contactId: CONTACT, paymentMethodId: B, name: 'x' }).thenFails({ code: 'NOT_FOUND' });
    given(added(A, true)).when({ contactId: CONTACT, paymentMethodId: A, expirationYear: 2025 }).thenFails({ reason: 'CARD_EXPIRED' });
    given(added(A, true))
      .when({ contactId: CONTACT, paymentMethodId: A, name: '4111111111111111' })
      .thenFails({ field: 'name', reason: 'CARD_NUMBER_REFUSED' });
  });
});
