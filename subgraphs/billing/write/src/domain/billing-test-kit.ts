import { registry } from '@crm/event-bus/contracts';
import { deciderSpecification } from '@crm/platform/testing';
import type { PaymentMethod } from './payment-method';

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
