import type { DomainPolicy } from '../policy-table';

/** Holders of billing.read / billing.write (owner, admin, the admin secret key) and a signed-in contact (its own records only: ownership is checked after authorization). */
const CALLERS = ['owner', 'admin', 'secret_key', 'contact'] as const;

/** Who may get past authorization on the billing root fields. */
export const policy: DomainPolicy = {
  'Query.contactPaymentMethods': CALLERS,
  'Mutation.addContactPaymentMethod': CALLERS,
  'Mutation.updateContactPaymentMethod': CALLERS,
  'Mutation.removeContactPaymentMethod': CALLERS,
  'Mutation.createTopup': CALLERS,
};
