import { PaymentMethodAddedV1 } from './payment-method-added.v1';
import { PaymentMethodUpdatedV1 } from './payment-method-updated.v1';
import { PaymentMethodPrimarySetV1 } from './payment-method-primary-set.v1';
import { PaymentMethodRemovedV1 } from './payment-method-removed.v1';
import { TopupRequestedV1 } from './topup-requested.v1';
import { TopupChargedV1 } from './topup-charged.v1';
import { TopupDeclinedV1 } from './topup-declined.v1';
import { TopupCompletedV1 } from './topup-completed.v1';
import { billingRunEvents, invoiceEvents } from './invoicing-events.v1';
import type { EventOf } from '../define-event';

export * from './topics';
export * from './billing-shapes';
export * from './payment-method-added.v1';
export * from './payment-method-updated.v1';
export * from './payment-method-primary-set.v1';
export * from './payment-method-removed.v1';
export * from './topup-requested.v1';
export * from './topup-charged.v1';
export * from './topup-declined.v1';
export * from './topup-completed.v1';
export * from './invoicing-events.v1';

const paymentMethodEvents = [PaymentMethodAddedV1, PaymentMethodUpdatedV1, PaymentMethodPrimarySetV1, PaymentMethodRemovedV1] as const;
const topupEvents = [TopupRequestedV1, TopupChargedV1, TopupDeclinedV1, TopupCompletedV1] as const;

/** Every billing event contract (the platform's event registry collects each registered domain's `domainEvents`). */
export const domainEvents = [
  ...paymentMethodEvents,
  ...topupEvents,
  // invoicing: invoices, credit notes and billing runs
  ...invoiceEvents,
  ...billingRunEvents,
] as const;

/** Events of a contact's payment methods. */
export type PaymentMethodEvent = EventOf<(typeof paymentMethodEvents)[number]>;
/** Events of a top-up. */
export type TopupEvent = EventOf<(typeof topupEvents)[number]>;
/** Every billing event, as the union of its contracts' envelopes. */
export type BillingEvent = EventOf<(typeof domainEvents)[number]>;
