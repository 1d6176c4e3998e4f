import type { PaymentMethodEvent, paymentMethodSchema } from '@crm/event-bus/contracts/billing';
import type { z } from 'zod';

export type PaymentMethodData = z.infer<typeof paymentMethodSchema>;

/** The read model of a contact's payment methods (oldest first, with the primary one). */
export interface PaymentMethodsView {
  contactId: string;
  version: number;
  methods: PaymentMethodData[];
  primaryId: string | null;
  updatedAt: Date;
}

/**
 * Folds one event into the view (pure). The projector engine hands events in aggregate-version
 * order and skips redeliveries; this function only knows how each event changes the view.
 */
export function projectPaymentMethods(
  view: PaymentMethodsView | null,
  event: Pick<PaymentMethodEvent, 'type' | 'data' | 'aggregateId' | 'aggregateVersion' | 'occurredAt'>,
): PaymentMethodsView {
  const base = view ?? { contactId: event.aggregateId, version: 0, methods: [], primaryId: null, updatedAt: new Date(event.occurredAt) };
  const next = { ...base, version: event.aggregateVersion, updatedAt: new Date(event.occurredAt) };
  switch (event.type) {
    case 'payment_method.added': {
      const d = event.data as Extract<PaymentMethodEvent, { type: 'payment_method.added' }>['data'];
      return { ...next, methods: [...base.methods, d.method], primaryId: d.primary ? d.method.id : base.primaryId };
    }
    case 'payment_method.updated': {
      const d = event.data as Extract<PaymentMethodEvent, { type: 'payment_method.updated' }>['data'];
      return { ...next, methods: base.methods.map((m) => (m.id === d.method.id ? d.method : m)) };
    }
    case 'payment_method.primary_set': {
      const d = event.data as Extract<PaymentMethodEvent, { type: 'payment_method.primary_set' }>['data'];
      return { ...next, primaryId: d.paymentMethodId };
    }
    case 'payment_method.removed': {
      const d = event.data as Extract<PaymentMethodEvent, { type: 'payment_method.removed' }>['data'];
      return {
        ...next,
        methods: base.methods.filter((m) => m.id !== d.paymentMethodId),
        primaryId: base.primaryId === d.paymentMethodId ? null : base.primaryId,
      };
    }
    default:
      return next;
  }
}
