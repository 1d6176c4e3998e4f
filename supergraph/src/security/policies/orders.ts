import type { DomainPolicy } from '../policy-table';

/** Who may get past authorization on the orders root fields: holders of orders.read / orders.write (owner, admin, the admin secret key). */
export const policy: DomainPolicy = {
  'Query.order': ['owner', 'admin', 'secret_key'],
  'Mutation.createOrder': ['owner', 'admin', 'secret_key'],
};
