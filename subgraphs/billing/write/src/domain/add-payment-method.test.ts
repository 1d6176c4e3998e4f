import { describe, it } from 'node:test';
import { addPaymentMethod, type AddPaymentMethod } from './add-payment-method';
import { added, at, cardMethod, CONTACT, paymentMethodsSpec } from './billing-test-kit';
import type { PaymentMethodsChange } from './payment-method';

const A = '00000000-0000-4000-8000-0000000000a1';
const B = '00000000-0000-4000-8000-0000000000b2';
const { given } = paymentMethodsSpec<AddPaymentMethod>((s, c) => addPaymentMethod(s, c, at));

describe('addPaymentMethod', () => {
  it('the first method becomes primary whatever is asked', () => {
    given()
      .when({ contactId: CONTACT, method: cardMethod(A), primary: false })
      .then([added(A, true)]);
  });

  it('a later one is primary only when asked', () => {
    given(added(A, true))
      .when({ contactId: CONTACT, method: cardMethod(B), primary: false })
      .then([added(B, false)]);
    given(added(A, true))
      .when({ contactId: CONTACT, method: cardMethod(B), primary: true })
      .then([added(B, true)]);
  });

  it('the same method id again (a retried request) adds nothing', () => {
    given(added(A, true))
      .when({ contactId: CONTACT, method: cardMethod(A), primary: false })
      .then([]);
  });

  it('refuses a card number in any free text or token, naming the field', () => {
    given()
      .when({ contactId: CONTACT, method: cardMethod(A, 'tok_visa', { name: 'my 4242 4242 4242 4242' }), primary: false })
      .thenFails({ code: 'VALIDATION', field: 'name', reason: 'CARD_NUMBER_REFUSED' });
    given()
      .when({ contactId: CONTACT, method: cardMethod(A, '5555555555554444'), primary: false })
      .thenFails({ code: 'VALIDATION', field: 'card.gateway_token.0.token', reason: 'CARD_NUMBER_REFUSED' });
    // digits that are not a card number (fail Luhn) are fine
    given()
      .when({ contactId: CONTACT, method: cardMethod(A, 'tok_1234567890123'), primary: false })
      .then([{ ...added(A, true), data: { ...added(A, true).data, method: cardMethod(A, 'tok_1234567890123') } } as PaymentMethodsChange]);
  });

  it('refuses an expired card and a card without a token', () => {
    const expired = cardMethod(A);
    expired.card = { ...expired.card!, expirationYear: 2026, expirationMonth: 4 };
    given().when({ contactId: CONTACT, method: expired, primary: false }).thenFails({ field: 'card.expiration_year', reason: 'CARD_EXPIRED' });
    given()
      .when({ contactId: CONTACT, method: { ...cardMethod(A), gatewayTokens: [] }, primary: false })
      .thenFails({ field: 'card.gateway_token', reason: 'REQUIRED' });
  });
});
