import { AppError } from '@crm/platform/errors';
import type { PaymentMethod } from './payment-method';
import type { TopupChange, TopupState } from './topup';
import { fromMinor, toMinor } from './money';

export interface RequestTopup {
  contactId: string;
  walletId: string;
  /** The contact's stored method (null when the contact has no such method). */
  method: PaymentMethod | null;
  paymentMethodId: string;
  amount: string;
  currency: string;
  notes: string | null;
  /** The gateway that charges (the tenant's; the built-in TEST one accepts Stripe's test tokens whatever gateway a token names). */
  gateway: 'TEST' | 'STRIPE';
}

/** Opens a top-up (pure): a usable method of the contact with a gateway token, a positive amount exact to the currency's minor unit. */
export function requestTopup(state: TopupState | null, cmd: RequestTopup): TopupChange[] {
  if (state) return [];
  const minor = toMinor(cmd.amount, cmd.currency, 'amount');
  if (!cmd.method) throw AppError.notFound('payment method', cmd.paymentMethodId);
  const token = cmd.method.gatewayTokens[0];
  if (!token) throw AppError.validation('payment_method.id', 'the payment method has no gateway token to charge', 'PAYMENT_METHOD_NOT_USABLE');
  return [
    {
      type: 'topup.requested',
      data: {
        contactId: cmd.contactId,
        walletId: cmd.walletId,
        paymentMethodId: cmd.method.id,
        gateway: cmd.gateway,
        amount: fromMinor(minor, cmd.currency),
        currency: cmd.currency,
        notes: cmd.notes,
      },
    },
  ];
}
