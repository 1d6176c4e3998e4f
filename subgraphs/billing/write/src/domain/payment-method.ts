import type { PaymentMethodEvent, paymentMethodSchema } from '@crm/event-bus/contracts/billing';
import type { z } from 'zod';

/** One stored payment method (a card is first6/last4/brand/expiry and the gateway's tokens: never a number). */
export type PaymentMethod = z.infer<typeof paymentMethodSchema>;

/** Write-side state of a contact's payment methods: the aggregate's id is the contact's id. */
export interface PaymentMethodsState {
  id: string;
  version: number;
  /** In the order they were added (the oldest first). */
  methods: PaymentMethod[];
  /** The primary one (used for recurring payments); null when there is none. */
  primaryId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What a decider returns: event types with their data, before the envelope is added. */
export type PaymentMethodsChange = PaymentMethodEvent extends infer E ? (E extends PaymentMethodEvent ? Pick<E, 'type' | 'data'> : never) : never;

/** Applies one event to the state (pure; the read-side projection applies the same rule). */
export function evolve(state: PaymentMethodsState | null, event: PaymentMethodsChange, meta: { version: number; at: Date }): PaymentMethodsState {
  const base: PaymentMethodsState = state ?? { id: '', version: 0, methods: [], primaryId: null, createdAt: meta.at, updatedAt: meta.at };
  const next = { ...base, version: meta.version, updatedAt: meta.at };
  switch (event.type) {
    case 'payment_method.added':
      return { ...next, methods: [...base.methods, event.data.method], primaryId: event.data.primary ? event.data.method.id : base.primaryId };
    case 'payment_method.updated':
      return { ...next, methods: base.methods.map((m) => (m.id === event.data.method.id ? event.data.method : m)) };
    case 'payment_method.primary_set':
      return { ...next, primaryId: event.data.paymentMethodId };
    case 'payment_method.removed': {
      const methods = base.methods.filter((m) => m.id !== event.data.paymentMethodId);
      return { ...next, methods, primaryId: base.primaryId === event.data.paymentMethodId ? null : base.primaryId };
    }
  }
}

export const findMethod = (state: PaymentMethodsState | null, id: string): PaymentMethod | undefined => state?.methods.find((m) => m.id === id);
