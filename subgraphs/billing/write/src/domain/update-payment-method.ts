import { AppError } from '@crm/platform/errors';
import { findMethod, type PaymentMethodsChange, type PaymentMethodsState } from './payment-method';
import { validateMethod } from './add-payment-method';

export interface UpdatePaymentMethod {
  contactId: string;
  paymentMethodId: string;
  name?: string | null | undefined;
  notes?: string | null | undefined;
  /** true: becomes the primary one (false is ignored: a contact with methods always has a primary). */
  primary?: boolean | null | undefined;
  expirationMonth?: number | null | undefined;
  expirationYear?: number | null | undefined;
}

/** Changes a payment method's name, notes, card expiry, or makes it primary (pure). */
export function updatePaymentMethod(state: PaymentMethodsState | null, cmd: UpdatePaymentMethod, now: Date): PaymentMethodsChange[] {
  const current = findMethod(state, cmd.paymentMethodId);
  if (!current) throw AppError.notFound('payment method', cmd.paymentMethodId);
  let next = { ...current };
  if (cmd.name !== undefined) next.name = cmd.name;
  if (cmd.notes !== undefined) next.notes = cmd.notes;
  if (cmd.expirationMonth != null || cmd.expirationYear != null) {
    if (!next.card) throw AppError.validation('card', 'only a CARD has an expiry', 'INVALID_VALUE');
    next = {
      ...next,
      card: {
        ...next.card,
        expirationMonth: cmd.expirationMonth ?? next.card.expirationMonth,
        expirationYear: cmd.expirationYear ?? next.card.expirationYear,
      },
    };
  }
  validateMethod(next, now);
  const changes: PaymentMethodsChange[] = [];
  if (JSON.stringify(next) !== JSON.stringify(current))
    changes.push({ type: 'payment_method.updated', data: { contactId: cmd.contactId, method: next } });
  if (cmd.primary === true && state!.primaryId !== current.id)
    changes.push({ type: 'payment_method.primary_set', data: { contactId: cmd.contactId, paymentMethodId: current.id } });
  return changes;
}
