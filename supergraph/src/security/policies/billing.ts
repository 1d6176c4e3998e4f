import type { DomainPolicy } from '../policy-table';

/** Holders of billing.read / billing.write (owner, admin, the admin secret key) and a signed-in contact (its own records only: ownership is checked after authorization). */
const CALLERS = ['owner', 'admin', 'secret_key', 'contact'] as const;
/** Holders of billing.read / billing.write only. */
const BACK_OFFICE = ['owner', 'admin', 'secret_key'] as const;

const READERS = ['owner', 'admin', 'agent', 'finance', 'read_only', 'secret_key'] as const;
const WRITERS = ['owner', 'admin', 'finance', 'secret_key'] as const;
const INVOICING: DomainPolicy = {
  'Query.billingRun': READERS,
  'Query.billingRuns': READERS,
  'Query.invoice': [...READERS, 'contact'],
  'Query.invoices': [...READERS, 'contact'],
  'Query.billingEstimate': [...READERS, 'contact'],
  'Query.invoicingEstimate': [...READERS, 'contact', 'anonymous'],
  'Mutation.exportStatement': [...READERS, 'contact'],
  'Query.statement': [...READERS, 'contact'],
  'Mutation.startBillingRun': WRITERS,
  'Mutation.createInvoice': WRITERS,
  'Mutation.createCreditNote': WRITERS,
  'Mutation.voidInvoice': WRITERS,
  'Mutation.postInvoice': WRITERS,
};

/** Who may get past authorization on the billing root fields. */
export const policy: DomainPolicy = {
  'Query.contactPaymentMethods': CALLERS,
  'Mutation.addContactPaymentMethod': CALLERS,
  'Mutation.updateContactPaymentMethod': CALLERS,
  'Mutation.removeContactPaymentMethod': CALLERS,
  'Mutation.createTopup': CALLERS,
  // invoicing: billing.read or finance.read (agent, finance, read_only hold finance.read), billing.write or finance.write
  ...INVOICING,
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
