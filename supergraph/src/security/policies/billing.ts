import type { DomainPolicy } from '../policy-table';

/** Holders of billing.read / billing.write (owner, admin, the admin secret key) and a signed-in contact (its own records only: ownership is checked after authorization). */
const CALLERS = ['owner', 'admin', 'secret_key', 'contact'] as const;
/** Holders of billing.read / billing.write only. */
const BACK_OFFICE = ['owner', 'admin', 'secret_key'] as const;

/** Who may get past authorization on the billing root fields. */
export const policy: DomainPolicy = {
  'Query.contactPaymentMethods': CALLERS,
  'Mutation.addContactPaymentMethod': CALLERS,
  'Mutation.updateContactPaymentMethod': CALLERS,
  'Mutation.removeContactPaymentMethod': CALLERS,
  'Mutation.createTopup': CALLERS,
  // payments, payouts, intents, hosted pages (a contact: its own; ownership checked after authorization)
  'Mutation.createPayment': CALLERS,
  'Mutation.createPayout': CALLERS,
  'Mutation.contactClientToken': CALLERS,
  'Mutation.createPaymentIntent': CALLERS,
  'Mutation.paymentPage': CALLERS,
  // the Back-Office and the gateway's webhooks only (billing.read / billing.write)
  'Mutation.refundPayment': BACK_OFFICE,
  'Mutation.settlePaymentIntent': BACK_OFFICE,
  'Mutation.receiveStripeWebhook': BACK_OFFICE,
  'Query.billingPayments': BACK_OFFICE,
  'Query.billingPayment': BACK_OFFICE,
  'Query.billingPayouts': BACK_OFFICE,
  'Query.billingPayout': BACK_OFFICE,
};
