import type { DomainPolicy } from '../policy-table';

/** Holders of billing.read / billing.write (owner, admin, the admin secret key) and a signed-in contact (its own records only: ownership is checked after authorization). */
const CALLERS = ['owner', 'admin', 'secret_key', 'contact'] as const;

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
};
