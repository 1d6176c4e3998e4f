import { AppError } from '@crm/platform/errors';
import { findMethod, type PaymentMethod, type PaymentMethodsChange, type PaymentMethodsState } from './payment-method';
import { refuseCardNumbers } from './card-data';

export interface AddPaymentMethod {
  contactId: string;
  /** Chosen by the caller (derived from an idempotency key, or new). */
  method: PaymentMethod;
  /** Asked to be the primary one; the first method is primary whatever is asked. */
  primary: boolean;
}

/** Refuses what must never be stored or used: card numbers in free text, expired cards, a card or token missing. */
export function validateMethod(m: PaymentMethod, now: Date, prefix = ''): void {
  refuseCardNumbers({
    [`${prefix}name`]: m.name,
    [`${prefix}notes`]: m.notes,
    [`${prefix}card.name`]: m.card?.name,
    [`${prefix}card.card_holder_details.card_holder_name`]: m.card?.holderName,
    ...Object.fromEntries(m.gatewayTokens.map((t, i) => [`${prefix}card.gateway_token.${i}.token`, t.token])),
  });
  if (m.type === 'CARD') {
    if (!m.card) throw AppError.validation(`${prefix}card`, 'is required for a CARD', 'REQUIRED');
    if (m.gatewayTokens.length === 0) throw AppError.validation(`${prefix}card.gateway_token`, 'needs the gateway token of the card', 'REQUIRED');
    const { expirationYear: y, expirationMonth: mo } = m.card;
    const endOfMonth = Date.UTC(y, mo, 1);
    if (endOfMonth <= now.getTime()) throw AppError.validation(`${prefix}card.expiration_year`, 'the card has expired', 'CARD_EXPIRED');
  }
}

/** Adds a payment method to a contact (pure). The first one becomes primary; a primary one replaces the previous primary. */
export function addPaymentMethod(state: PaymentMethodsState | null, cmd: AddPaymentMethod, now: Date): PaymentMethodsChange[] {
  const existing = findMethod(state, cmd.method.id);
  if (existing) return []; // the same request again (its id comes from the idempotency key)
  validateMethod(cmd.method, now);
  if ((state?.methods.length ?? 0) >= 20) throw AppError.validation('payment_method_type', 'a contact keeps at most 20 payment methods', 'TOO_MANY');
  const primary = !state?.primaryId || cmd.primary;
  return [{ type: 'payment_method.added', data: { contactId: cmd.contactId, method: cmd.method, primary } }];
}
