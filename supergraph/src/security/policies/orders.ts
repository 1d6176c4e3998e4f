import type { DomainPolicy } from '../policy-table';

/** Holders of orders.read / orders.write (owner, admin, the admin secret key) and a signed-in contact (its own estimates and orders: ownership is checked after authorization). */
const CALLERS = ['owner', 'admin', 'secret_key', 'contact'] as const;

/** Who may get past authorization on the orders root fields. */
export const policy: DomainPolicy = {
  'Query.order': CALLERS,
  'Query.orders': CALLERS,
  'Mutation.estimateOrder': CALLERS,
  'Mutation.placeOrder': CALLERS,
  'Mutation.orderAction': CALLERS,
  // an estimate (the order recommendations read its products)
  'Query.orderEstimate': CALLERS,
};
