import { AppError } from '@crm/platform/errors';
import { findMethod, type PaymentMethodsChange, type PaymentMethodsState } from './payment-method';

export interface RemovePaymentMethod {
  contactId: string;
  paymentMethodId: string;
}

/** Removes a payment method (pure); when it was the primary one, the oldest remaining method becomes primary. */
export function removePaymentMethod(state: PaymentMethodsState | null, cmd: RemovePaymentMethod): PaymentMethodsChange[] {
  const current = findMethod(state, cmd.paymentMethodId);
  if (!current) throw AppError.notFound('payment method', cmd.paymentMethodId);
  const changes: PaymentMethodsChange[] = [{ type: 'payment_method.removed', data: { contactId: cmd.contactId, paymentMethodId: current.id } }];
  const next = state!.methods.find((m) => m.id !== current.id);
  if (state!.primaryId === current.id && next)
    changes.push({ type: 'payment_method.primary_set', data: { contactId: cmd.contactId, paymentMethodId: next.id } });
  return changes;
}
