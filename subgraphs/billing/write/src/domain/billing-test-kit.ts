import { registry } from '@crm/event-bus/contracts';
import { deciderSpecification } from '@crm/platform/testing';
import { PAYMENT_METHODS_AGGREGATE } from '@crm/event-bus/contracts/billing';
import { evolve, type PaymentMethod, type PaymentMethodsChange, type PaymentMethodsState } from './payment-method';

export const at = new Date('2026-05-01T10:00:00.000Z');
export const CONTACT = '00000000-0000-4000-8000-00000000c001';

/** Validates an emitted change against its event contract, as the outbox would carry it. */
export const validateAs =
  (aggregateType: string) =>
  (change: { type: string; data: unknown }, version: number): void => {
    registry.validate({
      id: '00000000-0000-4000-8000-000000000900',
      type: change.type,
      schemaVersion: 1,
      tenantId: 't1',
      aggregateType,
      aggregateId: CONTACT,
      aggregateVersion: version,
      occurredAt: at.toISOString(),
      correlationId: 'corr-1',
      causationId: null,
      actor: { kind: 'user', id: 'u1' },
      data: change.data,
    });
  };

/** A stored card (first6 / last4 / brand / expiry and a token). */
export const cardMethod = (id: string, token = 'tok_visa', extra: Partial<PaymentMethod> = {}): PaymentMethod => ({
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
  gatewayTokens: [{ gateway: 'STRIPE', token }],
  ...extra,
});

export { deciderSpecification };

/** given/when/then over a contact's payment methods, every emitted event validated against its contract. */
export const paymentMethodsSpec = <C>(decide: (state: PaymentMethodsState | null, command: C) => PaymentMethodsChange[]) =>
  deciderSpecification<PaymentMethodsState, PaymentMethodsChange, C>({ decide, evolve, at, validate: validateAs(PAYMENT_METHODS_AGGREGATE) });

/** The event of a card added to the contact. */
export const added = (id: string, primary: boolean): PaymentMethodsChange => ({
  type: 'payment_method.added',
  data: { contactId: CONTACT, method: cardMethod(id), primary },
});
