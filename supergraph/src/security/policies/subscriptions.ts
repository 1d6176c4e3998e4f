import type { DomainPolicy } from '../policy-table';

/** Who may get past authorization on the subscriptions root fields: holders of subscriptions.read / subscriptions.write (owner, admin, the admin secret key). */
export const policy: DomainPolicy = {
  'Query.subscription': ['owner', 'admin', 'secret_key'],
  'Mutation.createSubscription': ['owner', 'admin', 'secret_key'],
};
