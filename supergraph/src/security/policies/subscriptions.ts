import type { DomainPolicy } from '../policy-table';

/** Holders of subscriptions.read: every built-in role (agent, finance and read_only included) and the admin secret key. */
const READERS = ['owner', 'admin', 'agent', 'finance', 'read_only', 'secret_key'] as const;

/** Who may get past authorization on the subscriptions root fields: readers above; writers hold subscriptions.write (owner, admin, the admin secret key). */
export const policy: DomainPolicy = {
  'Query.subscription': READERS,
  'Query.subscriptions': READERS,
  'Query.contactServices': READERS,
  'Query.service': READERS,
  'Query.subscriptionActions': READERS,
  'Query.subscriptionAction': READERS,
  'Mutation.addContactServices': ['owner', 'admin', 'secret_key'],
  'Mutation.changeService': ['owner', 'admin', 'secret_key'],
  'Mutation.changeSubscription': ['owner', 'admin', 'secret_key'],
  'Mutation.cancelSubscriptionAction': ['owner', 'admin', 'secret_key'],
};
